/** What an input shows for a document value, and the text edit its typed text makes. Pure. */
import { isScalar, isSeq, type ParsedNode } from 'yaml';
import type { FieldControl, FieldSpec } from './field-spec.ts';
import { clearField, setField, type FieldPath, type FieldValue } from './plan-document.ts';

/** A YAML 1.2 decimal number (what the core schema reads as int or float), e.g. `20`, `1.`, `8e9`. */
export const NUMBER_LITERAL = /^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/;

/**
 * The value as written: a plain number keeps its spelling (`8e9`, `1.5`), a quantity its unit
 * (`1.5 GiB`), a quoted string shows without quotes. Empty when absent, null or not a scalar.
 */
export function shownText(node: ParsedNode | undefined): string {
  if (!isScalar(node) || node.value === null || node.value === undefined) return '';
  if (typeof node.value === 'number' && node.type === 'PLAIN' && node.source) return node.source;
  return String(node.value);
}

export function shownList(node: ParsedNode | undefined): string[] {
  return isSeq(node) ? node.items.map((item) => (isScalar(item) ? String(item.value) : '')) : [];
}

export const shownBoolean = (node: ParsedNode | undefined): boolean | undefined =>
  isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;

/**
 * The value to write for typed text. Numbers and quantities are written as numbers only when the
 * text is a plain number literal; anything else is written as a string, so the schema reports
 * "lots" at the field instead of the form refusing it.
 */
function valueFromTyped(control: FieldControl, typed: string): FieldValue {
  const numeric = control.type === 'number' || (control.type === 'text' && control.accepts === 'quantity');
  return numeric && NUMBER_LITERAL.test(typed) ? { numberText: typed } : typed;
}

/**
 * The edit typed text makes at `path`. Emptying an optional field removes its key (back to the
 * default); emptying a required one writes "" so the schema's error shows at the field.
 */
export function editForTyped(field: FieldSpec, path: FieldPath, rawTyped: string): (text: string) => string {
  const typed = rawTyped.trim();
  if (typed === '') return field.required ? (text) => setField(text, path, '') : (text) => clearField(text, path);
  const value = valueFromTyped(field.control, typed);
  return (text) => setField(text, path, value);
}

/** The edit choosing `choice` (an option's string form, or "" for the default) in a select makes. */
export function editForChoice(options: readonly (string | number)[], path: FieldPath, choice: string): (text: string) => string {
  if (choice === '') return (text) => clearField(text, path);
  const option = options.find((o) => String(o) === choice) ?? choice;
  return (text) => setField(text, path, option);
}

/** Placeholder text for an absent field: its default, when it has a simple one. */
export function placeholderFor(field: FieldSpec): string | undefined {
  const value = field.defaultValue;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

// One formatter for every field: toLocaleString with options builds a new Intl.NumberFormat per
// call, which made the form's help texts the largest main-thread cost of a large plan.
const boundFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const formatBound = (value: number) => boundFormat.format(value);

/** The accepted range of a number field, for the help text: "At least 0.05, at most 1." */
export function rangeText(control: FieldControl): string | undefined {
  if (control.type !== 'number') return undefined;
  const bounds: string[] = [];
  if (control.exclusiveMinimum !== undefined) bounds.push(`greater than ${formatBound(control.exclusiveMinimum)}`);
  else if (control.minimum !== undefined) bounds.push(`at least ${formatBound(control.minimum)}`);
  if (control.maximum !== undefined) bounds.push(`at most ${formatBound(control.maximum)}`);
  if (bounds.length === 0) return undefined;
  const sentence = `${control.integer ? 'a whole number, ' : ''}${bounds.join(', ')}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
