import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGenomeAmrCoordinateManifest } from '../../../../ingest/genomeamr/coordinate-manifest.js';
import { readGenomeAmrExtractionMetadata } from '../../../../ingest/genomeamr/extraction-metadata.js';
import { readGenomeAmrGenomeMetadata } from '../../../../ingest/genomeamr/genome-metadata.js';
import { readGenomeAmrHarvestCheckpoint } from '../../../../ingest/genomeamr/harvest-checkpoint.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

const file = (name: string) => bioFixture('genomeamr', name);
const json = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));

describe('GenomeAMR coordinate manifest', () => {
  const manifest = file('coordinate_manifest.json');
  const raw = json('coordinate_manifest.json') as { generated_timestamp: string; target_genes: string[]; accessions: Record<string, { genes: { gene_name?: string }[] }> };
  const run = 'urn:genomeamr:run:card-coordinates:2025-03-04T05:06:07.000000Z';

  it('one Run that used each genome and generated its gene hits', async () => {
    const c = await collect(readGenomeAmrCoordinateManifest(manifest));
    assertStorable(c);
    expect(nodeByUrn(c, run).props).toMatchObject({ kind: 'genomeamr', status: 'completed', endedAt: '2025-03-04T05:06:07.000000Z', targetGenes: raw.target_genes, totalProcessedAccessions: 2, failedAccessions: 0 });
    expect(edgesOf(c, 'INSTANCE_OF')).toEqual([{ type: 'INSTANCE_OF', from: run, to: 'urn:genomeamr:job:card-coordinates' }]);
    const accessions = Object.keys(raw.accessions);
    expect(edgesOf(c, 'USED').map((e) => e.to).sort()).toEqual(accessions.map((a) => `urn:genome:${a.replace(/_genome$/, '')}`).sort());
    expect(edgesOf(c, 'USED')[0]!.props).toMatchObject({ coordinateFileName: 'GCF_900000001.1_coordinates.csv' });
    const named = Object.values(raw.accessions).flatMap((a) => a.genes).filter((g) => g.gene_name);
    expect(edgesOf(c, 'WAS_GENERATED_BY').filter((e) => e.to === run)).toHaveLength(named.length);
    expect(withLabel(c, 'GeneHit')).toHaveLength(named.length);
    // An offset is honoured; the manifest's local times are read as UTC.
    expect(nodeByUrn(c, 'urn:gene-hit:GCF_900000003.1:NZ_CP000003.1:2000-5150:acrB').props.analysisTimestamp).toBe('2025-03-04T03:06:05.000000Z');
    expect(nodeByUrn(c, 'urn:gene-hit:GCF_900000001.1:GCF_900000001.1_genome:100-3250:acrB').props).toMatchObject({ cutOff: 'Strict', analysisTimestamp: '2025-03-04T05:06:01.000000Z' });
    expect(c.issues.map((i) => [i.code, i.subject])).toEqual([['TIME_WITHOUT_OFFSET', undefined], ['GENOMEAMR_HIT_INCOMPLETE', 'GCF_900000003.1']]);
    expect(c.position).toBe(accessions.length);
  });

  it('resumes by accession, every batch carrying the run', async () => {
    const rest = await collect(readGenomeAmrCoordinateManifest(manifest, { skip: 1 }));
    expect(withLabel(rest, 'GeneHit').map((n) => n.urn)).toEqual(['urn:gene-hit:GCF_900000003.1:NZ_CP000003.1:2000-5150:acrB']);
    const batched = await collect(readGenomeAmrCoordinateManifest(manifest, { batchSize: 1 }));
    for (const b of batched.batches) expect(b.nodes.some((n) => n.urn === run)).toBe(true);
  });
});

describe('GenomeAMR genome metadata', () => {
  it('owned Genomes with their download facts; Windows and POSIX fasta paths; bad size and missing accession reported', async () => {
    const raw = json('genome_metadata.json') as { genome_accession?: string; genome_size: unknown; fasta_file?: string; organism: string }[];
    const c = await collect(readGenomeAmrGenomeMetadata(file('genome_metadata.json')));
    assertStorable(c);
    const genomes = withLabel(c, 'Genome');
    expect(genomes.map((g) => g.urn)).toEqual(raw.filter((r) => r.genome_accession).map((r) => `urn:genome:${r.genome_accession!.replace(/_genome$/, '')}`));
    expect(genomes.every((g) => g.mode === undefined)).toBe(true);
    expect(genomes[0]!.props).toMatchObject({
      accession: 'GCF_900000001.1',
      organism: raw[0]!.organism,
      genomeSize: Number(raw[0]!.genome_size),
      sequenceAccession: 'WP_000001001.1',
      fastaFile: raw[0]!.fasta_file,
      fastaFileName: 'GCF_900000001.1_genome.fasta',
      date: '2025-03-04',
    });
    expect(genomes[1]!.props).toMatchObject({ fastaFileName: 'GCF_900000003.1.fasta', assemblyLevel: 'Scaffold' });
    expect(genomes[1]!.props.genomeSize).toBeUndefined();
    expect(codes(c)).toEqual(['BAD_NUMBER', 'GENOMEAMR_GENOME_WITHOUT_ACCESSION']);
    expect(c.position).toBe(raw.length);
    const rest = await collect(readGenomeAmrGenomeMetadata(file('genome_metadata.json'), { skip: 1 }));
    expect(withLabel(rest, 'Genome').map((g) => g.props.accession)).toEqual(['GCF_900000003.1']);
  });
});

describe('GenomeAMR harvest checkpoint', () => {
  const raw = json('harvest_checkpoint.json') as { search_result: { query: string; total_count: number }; metadata: { accession: string; biosample: string }[]; downloaded: string[]; failed: string[] };
  const run = `urn:genomeamr:run:ncbi-harvest:${createHash('sha256').update(raw.search_result.query).digest('hex').slice(0, 16)}`;

  it('a Run per query: downloaded genomes were generated by it, failed ones used without download', async () => {
    const c = await collect(readGenomeAmrHarvestCheckpoint(file('harvest_checkpoint.json')));
    assertStorable(c);
    expect(nodeByUrn(c, run).props).toMatchObject({ query: raw.search_result.query, totalCount: raw.search_result.total_count, status: 'completed', downloadedCount: raw.downloaded.length, failedCount: raw.failed.length });
    expect(edgesOf(c, 'INSTANCE_OF').map((e) => e.to)).toEqual(['urn:genomeamr:job:ncbi-harvest']);
    expect(nodeByUrn(c, `urn:genome:ncbi:${raw.metadata[0]!.accession}`).props).toMatchObject({ bioSample: raw.metadata[0]!.biosample, bioProject: 'PRJNA57779', genomeSize: 4641652 });
    expect(edgesOf(c, 'WAS_GENERATED_BY').map((e) => e.from).sort()).toEqual(raw.downloaded.map((a) => `urn:genome:ncbi:${a}`).sort());
    expect(edgesOf(c, 'USED').map((e) => [e.to, e.props?.downloaded])).toEqual(raw.failed.map((a) => [`urn:genome:ncbi:${a}`, false]));
    // Downloaded without metadata: referenced, not owned.
    const bare = raw.downloaded.find((a) => !raw.metadata.some((m) => m.accession === a))!;
    expect(nodeByUrn(c, `urn:genome:ncbi:${bare}`).mode).toBe('reference');
    expect(c.issues.map((i) => [i.severity, i.code, i.subject])).toEqual(raw.failed.map((a) => ['info', 'GENOMEAMR_DOWNLOAD_FAILED', a]));
    expect(c.position).toBe(raw.metadata.length);
  });

  it('resumes by metadata entry', async () => {
    const rest = await collect(readGenomeAmrHarvestCheckpoint(file('harvest_checkpoint.json'), { skip: 1 }));
    expect(withLabel(rest, 'Genome').filter((g) => g.mode !== 'reference').map((g) => g.props.accession)).toEqual([raw.metadata[1]!.accession]);
    expect(nodeByUrn(rest, run).labels).toEqual(['Run']);
  });
});

describe('GenomeAMR extraction metadata', () => {
  const raw = json('extraction_metadata.json') as { extraction_stats: Record<string, number>; extraction_results: { gene_name: string }[]; failed_extractions: { accession: string; gene_name: string; error: string }[] };
  const run = 'urn:genomeamr:run:protein-extraction:genomeamr';

  it('a Run per genome folder with the statistics, a File per result, failures as info issues', async () => {
    const c = await collect(readGenomeAmrExtractionMetadata(file('extraction_metadata.json')));
    assertStorable(c);
    const s = raw.extraction_stats;
    expect(nodeByUrn(c, run).props).toMatchObject({
      totalGenomes: s.total_genomes,
      totalGenesRequested: s.total_genes_requested,
      successfulExtractions: s.successful_extractions,
      failedExtractions: s.failed_extractions,
      sequencesGenerated: s.sequences_generated,
    });
    expect(edgesOf(c, 'INSTANCE_OF').map((e) => e.to)).toEqual(['urn:genomeamr:job:protein-extraction']);
    const files = withLabel(c, 'File');
    expect(files.map((f) => f.props.name)).toEqual(['GCF_900000001.1_acrB.faa', 'GCF_900000001.1_tolC']);
    expect(files.map((f) => f.props.geneName)).toEqual(raw.extraction_results.map((r) => r.gene_name));
    expect(JSON.parse(String(files[0]!.props.resultJson))).toEqual(raw.extraction_results[0]);
    expect(edgesOf(c, 'WAS_GENERATED_BY').map((e) => e.to)).toEqual(files.map(() => run));
    const failure = raw.failed_extractions[0]!;
    expect(c.issues.map((i) => [i.severity, i.code, i.subject])).toEqual([['info', 'GENOMEAMR_EXTRACTION_FAILED', `${failure.accession} ${failure.gene_name}`]]);
    expect(c.issues[0]!.message).toContain(failure.error);
    expect(c.position).toBe(1 + raw.extraction_results.length + raw.failed_extractions.length);
  });

  it('an empty run is still one record and one Run; resume skips results already read', async () => {
    const rest = await collect(readGenomeAmrExtractionMetadata(file('extraction_metadata.json'), { skip: 2 }));
    expect(withLabel(rest, 'File').map((f) => f.props.geneName)).toEqual(['tolC']);
    expect(nodeByUrn(rest, run).labels).toEqual(['Run']);
  });
});
