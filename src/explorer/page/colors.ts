/**
 * Colours by node type: a light fill under dark text (WCAG AA text contrast) and a saturated border that tells
 * the kinds apart (WCAG 1.4.11 non-text contrast against the white canvas).
 * test/unit/src/explorer/page/explorer-pure.test.ts checks both.
 */
export interface TypeColour {
  fill: string;
  stroke: string;
  /** Legend group. */
  group: string;
}

export const TEXT_COLOUR = '#111827';
export const CANVAS_COLOUR = '#ffffff';

const GROUPS: Record<string, TypeColour> = {
  source: { fill: '#dbeafe', stroke: '#1d4ed8', group: 'Source / Seed' },
  model: { fill: '#ffedd5', stroke: '#c2410c', group: 'Model / Snapshot' },
  exposure: { fill: '#fce7f3', stroke: '#be185d', group: 'Exposure / Metric' },
  column: { fill: '#f1f5f9', stroke: '#475569', group: 'Column' },
  run: { fill: '#ccfbf1', stroke: '#0f766e', group: 'Run / Job' },
  dataset: { fill: '#e0e7ff', stroke: '#4338ca', group: 'Dataset / File' },
  bio: { fill: '#f3e8ff', stroke: '#7e22ce', group: 'Gene / Protein / Annotation' },
  other: { fill: '#f3f4f6', stroke: '#4b5563', group: 'Other' },
};

const GROUP_OF: Record<string, keyof typeof GROUPS> = {
  Source: 'source',
  Seed: 'source',
  Model: 'model',
  Snapshot: 'model',
  Analysis: 'model',
  Exposure: 'exposure',
  Metric: 'exposure',
  SemanticModel: 'exposure',
  SavedQuery: 'exposure',
  Column: 'column',
  Run: 'run',
  StepRun: 'run',
  Invocation: 'run',
  RunResult: 'run',
  Job: 'run',
  Step: 'run',
  Agent: 'run',
  Dataset: 'dataset',
  File: 'dataset',
  Entity: 'dataset',
  ReferencePanel: 'dataset',
  Gene: 'bio',
  Protein: 'bio',
  Annotation: 'bio',
  Alignment: 'bio',
  Mutation: 'bio',
  Sequence: 'bio',
  SourceVersion: 'bio',
  Publication: 'bio',
};

export function colourOf(type: string): TypeColour {
  return GROUPS[GROUP_OF[type] ?? 'other']!;
}

export function allColours(): TypeColour[] {
  return Object.values(GROUPS);
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
