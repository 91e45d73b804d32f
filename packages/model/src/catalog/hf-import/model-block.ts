/**
 * The plan's `model:` block for an imported config.json, as YAML with each value followed by a
 * comment naming the config key it came from (`headroom model import`; the calculator can show
 * the same text).
 */
import type { HfModelImport, ImportedField } from './import.ts';

const ORDER: readonly ImportedField[] = [
  'parameters', 'activeParameters', 'layers', 'hiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'maxContextTokens',
  'experts', 'expertsPerToken', 'slidingWindow', 'slidingWindowLayers', 'kvLoraRank', 'qkRopeHeadDim',
  'vocabSize', 'tieWordEmbeddings', 'precision',
];

/** `source` names the file in the header comment; warnings become comments above the block. */
export function modelBlockYaml(imported: HfModelImport, source: string): string {
  const fields = ORDER.filter((field) => imported.fields[field] !== undefined && !(field === 'activeParameters' && imported.fields.activeParameters === imported.fields.parameters));
  const lines = fields.map((field) => ({ text: `  ${field}: ${String(imported.fields[field])}`, from: imported.sources[field] ?? '' }));
  const width = Math.max(...lines.map((l) => l.text.length)) + 2;
  return [
    `# from ${source}: ${imported.architecture} (read as ${imported.family})`,
    ...imported.warnings.map((w) => `# warning: ${w}`),
    'model:',
    ...lines.map((l) => `${l.text.padEnd(width)}# ${l.from}`),
    '',
  ].join('\n');
}
