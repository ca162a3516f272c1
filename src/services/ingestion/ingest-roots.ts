import { realpathSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { HelixError } from '../../errors.js';

/**
 * Where the API may read artifacts from: HELIX_INGEST_ROOTS, comma-separated directories. A requested path is taken
 * relative to the first root unless absolute, and is accepted only when its real path (symlinks resolved) lies
 * inside a root's real path, so `..` and links cannot reach the rest of the server's disk.
 */
export class IngestRoots {
  private constructor(
    private readonly roots: string[],
    /** Largest file an ingestion through the API may read (HELIX_INGEST_MAX_FILE_BYTES); Infinity: no limit. */
    readonly maxFileBytes = Infinity,
  ) {}

  static parse(value: string | undefined, maxFileBytes = Infinity): IngestRoots {
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
    return new IngestRoots(roots, maxFileBytes);
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

  /**
   * Every file an ingestion of `source` may open must lie inside the roots too, not only `source`: a symlink inside
   * a root (`roots/evil/manifest.json` → `/etc/passwd`) is refused before anything is read. For a folder that is
   * everything under it; for a file, the files beside it (dbt reads catalog.json and run_results.json there).
   * Links are resolved and followed once; a dangling link opens nothing and is ignored.
   */
  async checkContents(source: string, limit = 200_000): Promise<void> {
    const isDir = await readdir(source).then(
      () => true,
      () => false,
    );
    const seen = new Set<string>();
    const pending: Array<{ dir: string; recurse: boolean }> = [{ dir: isDir ? source : path.dirname(source), recurse: isDir }];
    let count = 0;
    while (pending.length > 0) {
      const { dir, recurse } = pending.pop()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (++count > limit) throw new HelixError('BAD_USER_INPUT', `more than ${limit} files under the requested path`);
        const full = path.join(dir, entry.name);
        const real = entry.isSymbolicLink() ? await realpath(full).catch(() => undefined) : full;
        if (real === undefined) continue;
        if (!this.inside(real)) {
          throw new HelixError('FORBIDDEN', `${this.relative(full)} links to a file outside the ingest roots`);
        }
        // A 300 MB manifest drove the server past 1 GB of memory before failing: files the ingestion would read
        // (everything under a folder; a named file itself) are measured before anything is parsed.
        if (this.maxFileBytes !== Infinity && (recurse || real === source || full === source)) await this.checkSize(full, real);
        if (recurse && (entry.isDirectory() || (entry.isSymbolicLink() && (await readdir(real).then(() => true, () => false))))) {
          pending.push({ dir: real, recurse: true });
        }
      }
    }
  }

  private async checkSize(full: string, real: string): Promise<void> {
    const info = await stat(real).catch(() => undefined);
    if (info?.isFile() && info.size > this.maxFileBytes) {
      throw new HelixError(
        'BAD_USER_INPUT',
        `${this.relative(full)} has ${info.size} bytes, more than the ${this.maxFileBytes} an ingestion through the API may read (HELIX_INGEST_MAX_FILE_BYTES)`,
      );
    }
  }

  private relative(p: string): string {
    const root = this.roots.find((r) => p.startsWith(r + path.sep));
    return root ? path.relative(root, p) : path.basename(p);
  }

  private inside(p: string): boolean {
    return this.roots.some((root) => p === root || p.startsWith(root + path.sep));
  }
}
