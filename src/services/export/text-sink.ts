import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Collects writer output into chunks of about 64 KiB and writes them to the sink, waiting for 'drain' when the sink
 * is full: a slow reader slows the export down (and through the paused driver stream, Neo4j) instead of filling memory.
 */
export class TextSink {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(
    private readonly sink: Writable,
    private readonly signal?: AbortSignal,
    private readonly chunkSize = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    if (text === '') return;
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.size = 0;
    this.bytes += chunk.length;
    this.signal?.throwIfAborted();
    if (!this.sink.write(chunk)) await once(this.sink, 'drain', { signal: this.signal });
  }
}
