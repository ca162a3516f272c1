import { openContent } from '../common/text-stream.js';

export interface XmlEntryText {
  /** 1-based line of the `<entry` start tag. */
  line: number;
  text: string;
  /** False when the entry has no `</entry>` (cut off by the next `<entry` or by the end of the file). */
  complete: boolean;
}

const ENTRY_START = /<entry[\s>]/g;
const ENTRY_END = '</entry>';

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function entryStart(text: string, from: number): number {
  ENTRY_START.lastIndex = from;
  return ENTRY_START.exec(text)?.index ?? -1;
}

/**
 * The `<entry>…</entry>` elements of a UniProtKB XML stream, one at a time: memory is one entry plus one read
 * chunk, whatever the file size.
 */
export async function* xmlEntries(file: string): AsyncGenerator<XmlEntryText> {
  const input = await openContent(file);
  input.setEncoding('utf8');
  let buffer = '';
  let line = 1;
  let lineIndex = 0;
  const lineAt = (index: number) => {
    line += countLines(buffer, lineIndex, index);
    lineIndex = index;
    return line;
  };
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      buffer += chunk;
      let pos = 0;
      for (;;) {
        const start = entryStart(buffer, pos);
        if (start < 0) {
          // Keep a tail that may hold the first characters of a `<entry` split across chunks.
          pos = Math.max(pos, buffer.length - 7);
          break;
        }
        const end = buffer.indexOf(ENTRY_END, start);
        if (end < 0) {
          pos = start;
          break;
        }
        const next = entryStart(buffer, start + 6);
        if (next >= 0 && next < end) {
          yield { line: lineAt(start), text: buffer.slice(start, next), complete: false };
          pos = next;
          continue;
        }
        pos = end + ENTRY_END.length;
        yield { line: lineAt(start), text: buffer.slice(start, pos), complete: true };
      }
      lineAt(pos);
      buffer = buffer.slice(pos);
      lineIndex = 0;
    }
    const start = entryStart(buffer, 0);
    if (start >= 0) yield { line: lineAt(start), text: buffer.slice(start), complete: false };
  } finally {
    input.destroy();
  }
}
