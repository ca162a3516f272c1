import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'helix'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    redact: {
      paths: [
        'password',
        '*.password',
        'NEO4J_PASSWORD',
        '*.NEO4J_PASSWORD',
        'HELIX_AUTH_TOKEN',
        '*.HELIX_AUTH_TOKEN',
        'REDIS_URL',
        '*.REDIS_URL',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'token',
        '*.token',
        'key',
        '*.key',
        'HELIX_METRICS_TOKEN',
        '*.HELIX_METRICS_TOKEN',
      ],
      censor: '[redacted]',
    },
  });
}
