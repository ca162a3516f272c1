import type { HelixContext, OpenOptions } from '../app/context.js';
import { HelixError } from '../errors.js';

/**
 * Opens Helix for one CLI command, runs it, closes what it opened; errors become one clear line and exit 2.
 * The server, driver and schema are imported here, when a command needs them, so that `--help` and `--version`
 * stay instant.
 */
export async function withHelix<T>(o: OpenOptions, fn: (helix: HelixContext) => Promise<T>): Promise<T> {
  const [{ openHelix }, { loadConfig }, { createLogger }] = await Promise.all([
    import('../app/context.js'),
    import('../config/load.js'),
    import('../observability/logger.js'),
  ]);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const helix = await openHelix(config, logger, { log: (m) => process.stderr.write(`${m}\n`), ...o });
  try {
    return await fn(helix);
  } finally {
    await helix.close();
  }
}

export function fail(error: unknown): never {
  if (error instanceof HelixError) {
    process.stderr.write(`helix: ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`helix: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(2);
}
