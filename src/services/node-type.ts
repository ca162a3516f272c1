/** Labels that classify rather than identify: a node's type is its most specific other label. */
const GENERIC = new Set(['Node', 'Capsule', 'Run', 'StepRun', 'Entity']);

export function nodeType(labels: string[]): string {
  // A dbt capsule that OpenLineage events also name (same physical table) carries Dataset too: it stays a Model.
  const capsule = labels.includes('Capsule');
  const specific = labels.filter((l) => !GENERIC.has(l) && !(capsule && l === 'Dataset')).sort();
  if (specific.length > 0) return specific[0]!;
  // A dbt result is a StepRun too, but its own type (RunResult, TestResult) says more.
  if (labels.includes('StepRun')) return 'StepRun';
  if (labels.includes('Run')) return 'Run';
  if (labels.includes('Capsule')) return 'Capsule';
  return 'Node';
}
