/**
 * Ingestion progress on stderr. On a terminal: a bar redrawn in place. Otherwise (CI logs, pipes): one plain line at
 * the start, then at most one every `intervalMs`, and one when done, so a long ingestion shows it is alive without
 * flooding the log. `total` 0 means unknown (streams): only the count is shown.
 */
export function progressBar(
  label: string,
  o: { tty?: boolean; intervalMs?: number; write?: (s: string) => void } = {},
): (done: number, total: number, phase: string) => void {
  const tty = o.tty ?? Boolean(process.stderr.isTTY);
  const write = o.write ?? ((s: string) => void process.stderr.write(s));
  const intervalMs = o.intervalMs ?? (tty ? 100 : Number(process.env.HELIX_PROGRESS_INTERVAL_MS ?? 5000));
  let last = 0;
  let finished = false;
  return (done, total, phase) => {
    const complete = total > 0 && done >= total;
    const now = Date.now();
    if (finished || (last !== 0 && now - last < intervalMs && !complete)) return;
    last = now;
    finished = complete;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const count = total > 0 ? `${(share * 100).toFixed(0).padStart(3)}% ${done}/${total}` : `${done}`;
    if (!tty) return write(`${label}: ${count} ${phase}\n`);
    const width = 30;
    const bar = total > 0 ? `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ` : '';
    write(`\r${label} ${bar}${count} ${phase}   `);
    if (complete) write('\n');
  };
}
