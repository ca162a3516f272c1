import type { RuntimePaths } from './paths.js';

export interface LocalNeo4jOptions {
  port: number;
  auth: boolean;
  password?: string;
  pagecache: string;
}

/**
 * Neo4j settings for a local development/test instance: loopback only, APOC unrestricted, no usage report, and
 * small, non-preallocated transaction logs so that tests and restarts stay fast.
 */
export function neo4jSettings(p: RuntimePaths, o: LocalNeo4jOptions): Record<string, string> {
  return {
    'server.default_listen_address': '127.0.0.1',
    'server.bolt.enabled': 'true',
    'server.bolt.listen_address': `127.0.0.1:${o.port}`,
    'server.bolt.tls_level': 'DISABLED',
    'server.http.enabled': 'false',
    'server.https.enabled': 'false',
    'dbms.security.auth_enabled': String(o.auth),
    'server.directories.plugins': p.plugins,
    'dbms.security.procedures.unrestricted': 'apoc.*',
    'dbms.security.procedures.allowlist': '*',
    'server.memory.pagecache.size': o.pagecache,
    'db.memory.transaction.total.max': '4g',
    'db.tx_log.rotation.retention_policy': '2 files',
    'db.tx_log.rotation.size': '64m',
    'db.tx_log.preallocate': 'false',
    'dbms.usage_report.enabled': 'false',
    'db.transaction.timeout': '120s',
    'db.logs.query.enabled': 'OFF',
  };
}

export function toProperties(settings: Record<string, string>): string {
  const esc = (v: string) => v.replace(/\\/g, '\\\\');
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${esc(v)}`)
    .join('\n')
    .concat('\n');
}
