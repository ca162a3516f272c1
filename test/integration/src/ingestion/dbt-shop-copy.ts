import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { fixturePath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * For a file whose tests edit the dbt shop project: one Helix for the file; before each test an empty graph and a
 * fresh copy of dbt/v12-shop (handed to `use` with the Helix); every copy removed at the end.
 */
export function shopCopyPerTest(prefix: string, use: (helix: HelixContext, work: string) => void): void {
  let helix: HelixContext | undefined;
  const copies: string[] = [];
  beforeAll(async () => {
    helix = await openTestHelix();
  });
  afterAll(async () => {
    await helix?.close();
    for (const c of copies) rmSync(c, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await resetGraph(helix!);
    const work = mkdtempSync(path.join(os.tmpdir(), prefix));
    copies.push(work);
    cpSync(fixturePath('dbt/v12-shop'), work, { recursive: true });
    use(helix!, work);
  });
}
