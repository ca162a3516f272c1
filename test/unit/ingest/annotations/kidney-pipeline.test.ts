import { describe, expect, it } from 'vitest';
import { readKidneyPipelineConfig, readKidneyScraperSummary } from '../../../../ingest/annotations/kidney-pipeline.js';
import { detectBioFormat } from '../../../../ingest/bio/detect.js';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

const registry = fixturePath('bio/annotations/kidney_annotation_sources.yaml');
const summary = fixturePath('bio/annotations/kidney_literature_summary.json');

describe('kidney-genetics pipeline records', () => {
  it('are detected from their content', () => {
    expect(detectBioFormat(registry, readFileSync(registry))?.format).toBe('kidney-pipeline-config');
    expect(detectBioFormat(summary, readFileSync(summary))?.format).toBe('kidney-scraper-summary');
  });

  it('a source registry is the pipeline Job with a Step per source; a bad entry is an issue on its line', async () => {
    const c = await collect(readKidneyPipelineConfig(registry));
    expect(nodeByUrn(c, 'urn:kidney-genetics:job:annotation-pipeline').props).toMatchObject({ kind: 'kidney-genetics', paramsJson: JSON.stringify({ default_timeout: 30, user_agent: 'KidneyGeneticsDB/1.0' }) });
    expect(withLabel(c, 'Step').map((s) => [s.props.name, s.props.position, s.props.active])).toEqual([['gnomad', 1, true], ['clinvar', 2, false]]);
    expect(nodeByUrn(c, 'urn:kidney-genetics:job:annotation-pipeline#step:gnomad').props).toMatchObject({
      displayName: 'gnomAD', url: 'https://gnomad.broadinstitute.org', updateFrequency: 'quarterly', priority: 9, requestsPerSecond: 3, maxRetries: 5, cacheTtlDays: 90, role: 'annotation',
    });
    expect(c.issues.map((i) => [i.code, i.line])).toEqual([['KIDNEY_CONFIG_ENTRY_INVALID', 24]]);
    // Resume: records before the position are skipped.
    const rest = await collect(readKidneyPipelineConfig(registry, { skip: 1 }));
    expect(withLabel(rest, 'Step').map((s) => s.props.name)).toEqual(['clinvar']);
  });

  it('a scraper summary is one Run that used each publication and generated a file per extraction', async () => {
    const c = await collect(readKidneyScraperSummary(summary));
    const run = nodeByUrn(c, 'urn:kidney-genetics:run:literature:2025-01-02T03:04:05.678901');
    expect(run.props).toMatchObject({ status: 'completed', endedAt: '2025-01-02T03:04:05.678901Z', totalPublications: 4, failedExtractions: 2 });
    expect(edgesOf(c, 'INSTANCE_OF')).toEqual([{ type: 'INSTANCE_OF', from: run.urn, to: 'urn:kidney-genetics:job:literature-scraper' }]);
    expect(edgesOf(c, 'USED').map((e) => [e.to, e.props?.extracted])).toEqual([['PMID:12345678', true], ['PMID:23456789', true], ['PMID:34567890', false]]);
    expect(edgesOf(c, 'WAS_GENERATED_BY').map((e) => e.from)).toEqual([
      'urn:file:kidney-genetics/literature/annotations/literature_pmid_12345678.json',
      'urn:file:kidney-genetics/literature/annotations/literature_pmid_23456789.json',
    ]);
    expect(withLabel(c, 'Publication').every((p) => p.mode === 'reference')).toBe(true);
    expect(c.issues.map((i) => i.code).sort()).toEqual(['BAD_PMID', 'TIME_WITHOUT_OFFSET']);
  });
});
