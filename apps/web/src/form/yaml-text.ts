/**
 * Low-level edits of YAML text at the places a parsed `yaml` Document reports for its nodes.
 *
 * Why splice text instead of changing the Document and printing it again: `Document.toString()`
 * reflows long flow mappings over several lines, rewrites `8e9` as `8e+9` and re-spaces comments,
 * so a one-field edit would rewrite lines the user never touched. Here each edit replaces, inserts
 * or removes only the characters of the node it is about; every other byte stays as written.
 */
import { isMap, isSeq, parse, parseDocument, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';

/** A number to be written exactly as the user typed it (`8e9`, `1.`), not reformatted by JavaScript. */
export interface NumberAsTyped {
  readonly numberText: string;
}

const isNumberAsTyped = (value: unknown): value is NumberAsTyped =>
  typeof value === 'object' && value !== null && 'numberText' in value && typeof value.numberText === 'string';

type ParsedMap = YAMLMap.Parsed;
type ParsedSeq = YAMLSeq.Parsed;
type ParsedCollection = ParsedMap | ParsedSeq;

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

/** Index of the first character of the line holding `position`. */
function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** `position` if it starts a line, else the start of the next line (or the end of the text). */
function nextLineStart(text: string, position: number): number {
  if (position === 0 || text[position - 1] === '\n') return position;
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

/** Where a node's own text ends, and where it ends with its trailing comment and line break. */
const valueEnd = (node: ParsedNode) => node.range[1];
const nodeEnd = (node: ParsedNode) => node.range[2];

// ---------------------------------------------------------------------------------------------
// Values as YAML text

/**
 * A string as a YAML scalar: plain when it reads back as the same string both in block and in flow
 * context (so `80 GiB` stays unquoted), double-quoted otherwise (`"123"`, `"a, b"`, `""`).
 */
export function scalarText(value: string | number | boolean | NumberAsTyped, json: boolean): string {
  if (isNumberAsTyped(value)) return value.numberText;
  if (typeof value !== 'string') return String(value);
  if (json || value === '') return JSON.stringify(value);
  const plain = readsBackAs(value, value) && readsBackAs(`[${value}]`, [value]);
  return plain ? value : JSON.stringify(value);
}

function readsBackAs(source: string, expected: string | [string]): boolean {
  const document = parseDocument(source);
  if (document.errors.length > 0) return false;
  return JSON.stringify(document.toJS()) === JSON.stringify(expected);
}

/** Any value in flow style (`{ a: 1, b: [x] }`), or JSON when the document is JSON. */
export function flowText(value: unknown, json: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => flowText(item, json)).join(', ')}]`;
  if (isNumberAsTyped(value)) return value.numberText;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') {
    const pairs = Object.entries(value).map(([key, item]) => `${scalarText(key, json)}: ${flowText(item, json)}`);
    if (pairs.length === 0) return '{}';
    return json ? `{${pairs.join(', ')}}` : `{ ${pairs.join(', ')} }`;
  }
  return scalarText(value as string | number | boolean, json);
}

/** Whether the text is JSON (an object at the top), so edits keep writing JSON. */
export const looksLikeJson = (text: string) => text.trimStart().startsWith('{');

// ---------------------------------------------------------------------------------------------
// Replacing a value

/** Replaces the value `node` with `value`, keeping the node's trailing comment. */
export function replaceValue(text: string, node: ParsedNode, value: unknown): string {
  const json = looksLikeJson(text);
  if (isSeq(node) && !node.flow && Array.isArray(value) && value.length > 0) {
    // A block list stays a block list: one `- item` line per value at the list's indentation.
    const indent = ' '.repeat(node.range[0] - lineStart(text, node.range[0]));
    const lines = value.map((item, i) => `${i === 0 ? '' : indent}- ${flowText(item, json)}\n`).join('');
    return splice(text, node.range[0], valueEnd(node), lines);
  }
  if (isCollection(node) && !node.flow) return splice(text, ...blockValueSpan(text, node), ` ${flowText(value, json)}\n`);
  // A null written as `key:` has an empty range right after the colon: keep a space after it; and
  // before a comment that follows it (`key: # note`), or the comment would join the value.
  const space = text[node.range[0] - 1] === ':' ? ' ' : '';
  const spaceAfter = text[valueEnd(node)] === '#' ? ' ' : '';
  return splice(text, node.range[0], valueEnd(node), space + flowText(value, json) + spaceAfter);
}

const isCollection = (node: ParsedNode): node is ParsedCollection => isMap(node) || isSeq(node);

/**
 * The span from just after the `key:` (or `-`) that owns a block collection to the collection's end,
 * so the collection can be replaced by a one-line value (` {}`). Falls back to the collection
 * itself when a comment stands between the indicator and the collection.
 */
function blockValueSpan(text: string, node: ParsedCollection): [number, number] {
  let before = node.range[0] - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  const owner = text[before];
  return owner === ':' || owner === '-' ? [before + 1, valueEnd(node)] : [node.range[0], valueEnd(node)];
}

// ---------------------------------------------------------------------------------------------
// Mappings

/** Adds `key: value` at the end of a mapping, in the mapping's own style and indentation. */
export function insertPair(text: string, map: ParsedMap, key: string, value: unknown): string {
  const json = looksLikeJson(text);
  const pair = `${scalarText(key, json)}: ${flowText(value, json)}`;
  const last = map.items.at(-1);
  if (map.flow) {
    if (!last) return splice(text, map.range[0], valueEnd(map), json ? `{${pair}}` : `{ ${pair} }`);
    const end = valueEnd((last.value ?? last.key) as ParsedNode);
    return splice(text, end, end, `, ${pair}`);
  }
  const firstKey = map.items[0]!.key as ParsedNode;
  const indent = ' '.repeat(firstKey.range[0] - lineStart(text, firstKey.range[0]));
  const at = nextLineStart(text, nodeEnd((last!.value ?? last!.key) as ParsedNode));
  const lineBreak = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return splice(text, at, at, `${lineBreak}${indent}${pair}\n`);
}

/** Removes the pair at `index` of a mapping; an emptied mapping becomes `{}`. */
export function removePair(text: string, map: ParsedMap, index: number): string {
  const pair = map.items[index]!;
  const key = pair.key as ParsedNode;
  const value = (pair.value ?? pair.key) as ParsedNode;
  if (map.items.length === 1) return emptyCollection(text, map);
  if (map.flow) {
    // Take the comma with it: the one before, or for the first pair the one after.
    if (index > 0) return splice(text, valueEnd((map.items[index - 1]!.value ?? map.items[index - 1]!.key) as ParsedNode), valueEnd(value), '');
    return splice(text, key.range[0], (map.items[1]!.key as ParsedNode).range[0], '');
  }
  const start = lineStart(text, key.range[0]);
  if (/\S/.test(text.slice(start, key.range[0]))) {
    // The first pair shares its line with a `- ` list indicator: pull the next pair up onto it.
    return splice(text, key.range[0], (map.items[index + 1]!.key as ParsedNode).range[0], '');
  }
  return splice(text, start, nextLineStart(text, nodeEnd(value)), '');
}

function emptyCollection(text: string, node: ParsedCollection): string {
  const empty = isMap(node) ? '{}' : '[]';
  if (node.flow) return splice(text, node.range[0], valueEnd(node), empty);
  const [start, end] = blockValueSpan(text, node);
  return splice(text, start, end, start === node.range[0] ? `${empty}\n` : ` ${empty}\n`);
}

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * Block list edits move whole lines, so the last one needs its line break too. Adding it at the
 * very end leaves every node's offsets as they are.
 */
const withFinalLineBreak = (text: string, seq: ParsedSeq) => (seq.flow || text.endsWith('\n') ? text : `${text}\n`);

/**
 * Each item's own text: for a block list whole lines from the item's `-` to the end of its last
 * line; for a flow list the item itself. Comments and blank lines between items are not part of
 * any item, so they stay where they are when items move.
 */
function itemSpans(text: string, seq: ParsedSeq): [number, number][] {
  return seq.items.map((item) => {
    const node = item as ParsedNode;
    if (seq.flow) return [node.range[0], valueEnd(node)];
    return [dashLineStart(text, seq, node), nextLineStart(text, nodeEnd(node))];
  });
}

/**
 * The start of the line holding a block item's `-`. The item's value can start on a later line
 * (`- &anchor`, `- # comment`, or a bare `-`), so look back to the line with a `-` in the list's column.
 */
function dashLineStart(text: string, seq: ParsedSeq, node: ParsedNode): number {
  const column = seq.range[0] - lineStart(text, seq.range[0]);
  const isDash = (at: number) => text[at] === '-' && (at + 1 >= text.length || /\s/.test(text[at + 1]!));
  let start = lineStart(text, node.range[0]);
  while (start > seq.range[0] && !isDash(start + column)) start = lineStart(text, start - 1);
  return start;
}

export function removeItem(text: string, seq: ParsedSeq, index: number): string {
  if (seq.items.length === 1) return emptyCollection(text, seq);
  const spans = itemSpans(text, seq);
  if (!seq.flow) return splice(text, spans[index]![0], spans[index]![1], '');
  return index > 0 ? splice(text, spans[index - 1]![1], spans[index]![1], '') : splice(text, spans[0]![0], spans[1]![0], '');
}

/** Puts the items in `order` (a permutation of their indices): item `order[i]` ends up at `i`. */
export function reorderItems(original: string, seq: ParsedSeq, order: readonly number[]): string {
  const text = withFinalLineBreak(original, seq);
  const spans = itemSpans(text, seq);
  const texts = spans.map(([start, end]) => text.slice(start, end));
  // From the last slot back, so earlier offsets stay valid.
  return spans.reduceRight((result, [start, end], slot) => splice(result, start, end, texts[order[slot]!]!), text);
}

/** The text of item `index`, to insert a copy of it with `insertItemText`. */
export function itemText(original: string, seq: ParsedSeq, index: number): string {
  const text = withFinalLineBreak(original, seq);
  const [start, end] = itemSpans(text, seq)[index]!;
  return text.slice(start, end);
}

/** Inserts an item's text (as returned by `itemText` for the same list) after item `index`. */
export function insertItemText(original: string, seq: ParsedSeq, index: number, item: string): string {
  const text = withFinalLineBreak(original, seq);
  const [, end] = itemSpans(text, seq)[index]!;
  return splice(text, end, end, seq.flow ? `, ${item}` : item);
}

/**
 * Appends a mapping given as YAML text at column 0 (comments and flow style kept) to a list. A block
 * list gets it as `- ` lines at the list's indentation; a flow list (JSON) gets it as a flow value.
 */
export function appendMappingText(text: string, seq: ParsedSeq, mappingYaml: string): string {
  const last = seq.items.at(-1) as ParsedNode | undefined;
  if (seq.flow || !last) {
    const value = flowText(parse(mappingYaml), looksLikeJson(text));
    if (!last) return splice(text, seq.range[0], valueEnd(seq), `[${value}]`);
    return splice(text, valueEnd(last), valueEnd(last), `, ${value}`);
  }
  const dash = dashLineStart(text, seq, last);
  const indent = ' '.repeat(text.slice(dash).search(/\S/));
  const lines = mappingYaml.replace(/\n$/, '').split('\n');
  const item = lines.map((line, i) => (i === 0 ? `${indent}- ${line}` : line ? `${indent}  ${line}` : line)).join('\n');
  const at = nextLineStart(text, nodeEnd(last));
  const lineBreak = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return splice(text, at, at, `${lineBreak}${item}\n`);
}

/**
 * A list item that is a block mapping, as YAML text at column 0: the `- ` becomes indentation and
 * the common indentation goes, so the text can be appended to another list with `appendMappingText`.
 */
export function itemAsMappingText(text: string, seq: ParsedSeq, index: number): string {
  const item = seq.items[index] as ParsedNode;
  if (seq.flow) return text.slice(item.range[0], valueEnd(item));
  const column = item.range[0] - lineStart(text, item.range[0]);
  const [, end] = itemSpans(text, seq)[index]!;
  return text
    .slice(item.range[0], end)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.slice(Math.min(column, line.search(/\S|$/)))))
    .join('\n');
}
