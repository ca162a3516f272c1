import { constants, gunzipSync } from 'node:zlib';
import { isGzip, readFirstBytes } from './text-stream.js';

/** First bytes as text; a gzip prefix is inflated as far as it goes (partial input is fine). */
export function headText(firstBytes: Uint8Array | string): string {
  if (typeof firstBytes === 'string') return firstBytes.replace(/^\uFEFF/, '');
  let bytes = Buffer.from(firstBytes);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  }
  // A multi-byte character cut at the end of the sample becomes U+FFFD; harmless for detection.
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** The decompressed start of a file as text, for content-based format detection. */
export async function readHeadText(file: string, size = 65536): Promise<string> {
  return headText(await readFirstBytes(file, size));
}
