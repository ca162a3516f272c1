/** A GraphQL subscription over SSE, keeping every event as sent (`next` results and the final `complete`). */
export interface RawSse {
  events: Array<{ event: string; data: string }>;
  /** Resolves when the server ends the stream (or rejects with the connection error). */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, query: string, headers: Record<string, string> = {}): Promise<RawSse> {
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  if (!res.body || !String(res.headers.get('content-type')).startsWith('text/event-stream')) {
    throw new Error(`subscription failed: HTTP ${res.status} ${await res.text()}`);
  }
  const events: RawSse['events'] = [];
  const ended = readSseFrames(res.body, (e) => events.push(e));
  return { events, ended, close: () => abort.abort() };
}

/**
 * Reads an SSE body frame by frame (as EventSource does) until it ends: `event:` (default `message`) and the joined
 * `data:` lines of each frame; keep-alive comment frames are skipped; an abort by the reader is a normal end.
 */
export async function readSseFrames(body: ReadableStream<Uint8Array>, on: (e: { event: string; data: string }) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, cut).split('\n');
        buffer = buffer.slice(cut + 2);
        if (lines.every((l) => l.startsWith(':'))) continue;
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim() ?? 'message';
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        on({ event, data });
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
}
