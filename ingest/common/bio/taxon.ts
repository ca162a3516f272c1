/** NCBI taxon ids of organisms commonly named only by their scientific name (FASTA `OS=` or `[Organism]`). */
const TAXA: Record<string, string> = {
  'homo sapiens': '9606',
  'mus musculus': '10090',
  'rattus norvegicus': '10116',
  'bos taurus': '9913',
  'sus scrofa': '9823',
  'canis lupus familiaris': '9615',
  'felis catus': '9685',
  'gallus gallus': '9031',
  'xenopus laevis': '8355',
  'danio rerio': '7955',
  'drosophila melanogaster': '7227',
  'caenorhabditis elegans': '6239',
  'saccharomyces cerevisiae': '4932',
  'arabidopsis thaliana': '3702',
  'escherichia coli': '562',
};

/** Taxon id for a scientific name (strain suffixes ignored: `Escherichia coli (strain K12)` → 562). */
export function taxonForOrganism(organism: string | undefined): string | undefined {
  if (!organism) return undefined;
  const name = organism.toLowerCase().replace(/\s*\(.*\)\s*$/, '').trim();
  if (TAXA[name]) return TAXA[name];
  const binomial = name.split(/\s+/).slice(0, 2).join(' ');
  return TAXA[binomial];
}
