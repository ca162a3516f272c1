import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** True when the bytes start with the gzip magic number (content decides, not the file name). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function readFirstBytes(file: string, size = 65536): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A byte stream of the file's content, transparently gunzipped when the file is gzip-compressed. */
export async function openContent(file: string): Promise<Readable> {
  const head = await readFirstBytes(file, 2);
  const raw = createReadStream(file);
  if (!isGzip(head)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}

export interface NumberedLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  text: string;
}

/** Lines without terminators (LF or CRLF), a leading byte-order mark removed; memory bounded by the longest line. */
export async function* readLines(file: string): AsyncGenerator<NumberedLine> {
  const input = await openContent(file);
  input.setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      yield { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

