/** A one-line progress bar on stderr when it is a terminal; silent otherwise (CI logs, --json pipes). */
export function progressBar(label: string): (done: number, total: number, phase: string) => void {
  if (!process.stderr.isTTY) return () => {};
  let last = 0;
  return (done, total, phase) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const width = 30;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    process.stderr.write(`\r${label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${phase}   `);
    if (done >= total) process.stderr.write('\n');
  };
}
