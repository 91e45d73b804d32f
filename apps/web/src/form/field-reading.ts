/**
 * How the form reads what was typed, said at the field: a bare number in a quantity field is in
 * the field's base unit ("60 → 60 s", "80 → 80 B"), and a value outside its plausible range
 * (implausibleInput of @headroom/model: latency SLOs, model sizes) gets a warning naming the range
 * and its source. Pure.
 */
import { dimensions, implausibleInput, parseQuantity, type Dimension } from '@headroom/model';
import { formatBytes, formatNumber, formatSeconds } from '../format.ts';
import type { FieldSpec } from './field-spec.ts';
import { NUMBER_LITERAL } from './field-value.ts';
import type { FieldPath } from './plan-document.ts';

/**
 * The field's dimension, from the help text the model's `quantity()` writes for every quantity
 * ("A number of s, or a string with a unit such as …", schema/fields.ts).
 */
export function quantityDimension(field: FieldSpec): Dimension | undefined {
  if (field.control.type !== 'text' || field.control.accepts !== 'quantity') return undefined;
  return (Object.keys(dimensions) as Dimension[]).find((d) => field.help.includes(`A number of ${dimensions[d].baseUnit}, or a string with a unit`));
}

const UNIT_WORDS: Record<Dimension, string> = { seconds: 'seconds', bytes: 'bytes', bytesPerSecond: 'bytes per second' };

/** "60 → 60 s", "80 → 80 B (bytes; write 80 GB or 80 GiB for gigabytes)"; undefined unless `typed` is a bare number. */
export function bareNumberReading(dimension: Dimension, typed: string): string | undefined {
  const text = typed.trim();
  if (!NUMBER_LITERAL.test(text)) return undefined;
  const { baseUnit, example } = dimensions[dimension];
  const value = Number(text);
  const human = humanValue(dimension, value);
  const plain = `${text} ${baseUnit}`;
  return `${text} → ${plain}${human !== plain ? ` (${human})` : ''}: a bare number is read as ${UNIT_WORDS[dimension]}; write a unit to mean another, as in "${example}"`;
}

function humanValue(dimension: Dimension, value: number): string {
  if (dimension === 'seconds') return formatSeconds(value);
  if (dimension === 'bytes') return formatBytes(value);
  return `${formatBytes(value)}/s`;
}

/** The workload-relative path of a workload field ("slo.timeToFirstToken"), undefined elsewhere. */
export function workloadFieldPath(path: FieldPath): string | undefined {
  if (path[0] !== 'spec' || path[1] !== 'workloads' || typeof path[2] !== 'number') return undefined;
  return path.slice(3).join('.');
}

/** "60 s is above 30 s, five times …: check the value and its unit", or undefined when plausible or unreadable. */
export function plausibilityWarning(field: FieldSpec, path: FieldPath, typed: string): string | undefined {
  const at = workloadFieldPath(path);
  const text = typed.trim();
  if (at === undefined || text === '') return undefined;
  const dimension = quantityDimension(field);
  let value: number;
  if (dimension) {
    const parsed = parseQuantity(NUMBER_LITERAL.test(text) ? Number(text) : text, dimension);
    if (!parsed.ok) return undefined;
    value = parsed.value;
  } else {
    if (!NUMBER_LITERAL.test(text)) return undefined;
    value = Number(text);
  }
  const found = implausibleInput(at, value);
  if (!found) return undefined;
  const show = (n: number) => (found.unit === 's' ? formatSeconds(n) : found.unit === 'B' ? formatBytes(n) : formatNumber(n));
  return `Unusual: ${show(value)} is ${found.side} ${show(found.limit)}, ${found.why}. Check the value and its unit.`;
}
