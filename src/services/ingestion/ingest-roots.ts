import { realpathSync } from 'node:fs';
import path from 'node:path';
import { HelixError } from '../../errors.js';

/**
 * Where the API may read artifacts from: HELIX_INGEST_ROOTS, comma-separated directories. A requested path is taken
 * relative to the first root unless absolute, and is accepted only when its real path (symlinks resolved) lies
 * inside a root's real path, so `..` and links cannot reach the rest of the server's disk.
 */
export class IngestRoots {
  private constructor(private readonly roots: string[]) {}

  static parse(value: string | undefined): IngestRoots {
    const roots = (value ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r) => {
        try {
          return realpathSync(path.resolve(r));
        } catch {
          throw new HelixError('CONFIG_INVALID', `HELIX_INGEST_ROOTS names ${r}, which does not exist`);
        }
      });
    return new IngestRoots(roots);
  }

  get enabled(): boolean {
    return this.roots.length > 0;
  }

  resolve(requested: string): string {
    if (!this.enabled) {
      throw new HelixError('FORBIDDEN', 'ingestion through the API is disabled: set HELIX_INGEST_ROOTS to the folders it may read');
    }
    if (requested.trim() === '' || requested.includes('\0')) throw new HelixError('BAD_USER_INPUT', 'path must be a non-empty path');
    const candidate = path.resolve(this.roots[0]!, requested);
    // Checked before touching the disk too, so the answer says nothing about files outside the roots.
    if (!this.inside(candidate)) throw new HelixError('FORBIDDEN', `${requested} is outside the ingest roots`);
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      throw new HelixError('BAD_USER_INPUT', `${requested} does not exist under the ingest roots`);
    }
    if (!this.inside(real)) throw new HelixError('FORBIDDEN', `${requested} is outside the ingest roots`);
    return real;
  }

  private inside(p: string): boolean {
    return this.roots.some((root) => p === root || p.startsWith(root + path.sep));
  }
}
