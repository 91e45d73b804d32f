/**
 * Edits of the plan TEXT for the form: each operation takes the text and returns the new text with
 * only the edited value changed, so comments, key order, flow style and the way numbers are written
 * survive (see yaml-text.ts for how). Pure: no React, no store.
 */
import { formatPath, instanceTypes, planPresets, planTextLimitIssue } from '@headroom/model';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type ParsedNode, type YAMLSeq } from 'yaml';
import { kindTitle } from './labels.ts';
import {
  appendMappingText,
  flowText,
  insertItemText,
  insertPair,
  itemAsMappingText,
  itemText,
  looksLikeJson,
  removeItem,
  removePair,
  reorderItems,
  replaceValue,
  type NumberAsTyped,
} from './yaml-text.ts';

export type { NumberAsTyped } from './yaml-text.ts';

export type PathSegment = string | number;
/** A field's place in the plan, e.g. ['spec', 'workloads', 0, 'traffic', 'peakRequestsPerSecond']. */
export type FieldPath = readonly PathSegment[];
export type FieldValue = string | number | boolean | readonly (string | number)[] | NumberAsTyped;

export type PlanDocument = Document.Parsed;

/** Why the text has no plan document: where the YAML breaks, or that it is no mapping. */
export interface DocumentProblem {
  message: string;
  line?: number;
  column?: number;
}

export type ReadResult = { ok: true; document: PlanDocument } | { ok: false; problem: DocumentProblem };

export const WORKLOADS_PATH: FieldPath = ['spec', 'workloads'];
const NODE_POOLS_PATH: FieldPath = ['spec', 'cluster', 'nodePools'];
/** Kubernetes names (DNS-1123 labels) are at most 63 characters. */
const MAX_NAME_LENGTH = 63;

export function readPlanDocument(text: string): ReadResult {
  // Text beyond the plan limits is never parsed here either (deep nesting would overflow the stack).
  const tooLarge = planTextLimitIssue(text);
  if (tooLarge) return { ok: false, problem: { message: tooLarge.message, ...(tooLarge.line !== undefined ? { line: tooLarge.line } : {}) } };
  const lineCounter = new LineCounter();
  // The library's duplicate-key check is quadratic in the keys of a mapping; firstDuplicateKey is not.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  const duplicate = firstDuplicateKey(document);
  if (duplicate) {
    const at = duplicate.range ? lineCounter.linePos(duplicate.range[0]) : undefined;
    return { ok: false, problem: { message: 'not valid YAML or JSON: Map keys must be unique', ...(at ? { line: at.line, column: at.col } : {}) } };
  }
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    // Same wording as parsePlan's issue, without the position (given separately) or the code frame.
    const message = `not valid YAML or JSON: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    return { ok: false, problem: { message, ...(at ? { line: at.line, column: at.col } : {}) } };
  }
  if (!isMap(document.contents)) return { ok: false, problem: { message: 'the plan is not a mapping of apiVersion, kind, metadata and spec' } };
  const alias = firstAlias(document);
  if (alias) {
    // An edit through an alias would have to split the shared value; the YAML editor is the place.
    const at = alias.range ? lineCounter.linePos(alias.range[0]) : undefined;
    return { ok: false, problem: { message: `the plan shares values with YAML aliases (*${alias.source}), which the form does not edit`, ...(at ? { line: at.line, column: at.col } : {}) } };
  }
  return { ok: true, document };
}

/**
 * Runs an edit on `text` in LF form and gives the result the text's own line endings, so a CRLF
 * plan (imported, or fetched from Windows) never ends up with mixed ones.
 */
export function editKeepingLineEndings(text: string, edit: (text: string) => string): string {
  if (!text.includes('\r\n')) return edit(text);
  return edit(text.replace(/\r\n/g, '\n')).replace(/\n/g, '\r\n');
}

function firstDuplicateKey(document: PlanDocument): ParsedNode | undefined {
  let found: ParsedNode | undefined;
  visit(document, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (keys.has(pair.key.value)) {
          found = pair.key as ParsedNode;
          return visit.BREAK;
        }
        keys.add(pair.key.value);
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(document: PlanDocument): Alias | undefined {
  let found: Alias | undefined;
  visit(document, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function mustRead(text: string): PlanDocument {
  const read = readPlanDocument(text);
  if (!read.ok) throw new Error(`cannot edit the plan: ${read.problem.message}`);
  return read.document;
}

function childOf(node: ParsedNode, segment: PathSegment): ParsedNode | undefined {
  if (isMap(node) && typeof segment === 'string') {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === 'number') return node.items[segment] as ParsedNode | undefined;
  return undefined;
}

/** The deepest node that exists along `path` from `start`, and how many segments of the path it covers. */
function deepest(start: ParsedNode, path: FieldPath): { node: ParsedNode; depth: number } {
  let node = start;
  let depth = 0;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (!next) break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** The node at `path` below `start` (a plan section, a workload), or undefined when there is none. */
export function nodeBelow(start: ParsedNode | undefined, path: FieldPath): ParsedNode | undefined {
  if (!start) return undefined;
  const { node, depth } = deepest(start, path);
  return depth === path.length ? node : undefined;
}

/** The node at `path` from the plan's root, or undefined when the document has no value there. */
export const nodeAt = (document: PlanDocument, path: FieldPath) => nodeBelow(document.contents as ParsedNode, path);

/** Sets the value at `path`, creating the mappings on the way (in flow style) when they are missing. */
export const setField = (text: string, path: FieldPath, value: FieldValue): string => setValue(text, path, value);

function setValue(text: string, path: FieldPath, value: unknown): string {
  const { node, depth } = deepest(mustRead(text).contents as ParsedNode, path);
  if (depth === path.length) return replaceValue(text, node, value);
  const missing = path.slice(depth);
  if (missing.some((segment) => typeof segment !== 'string')) throw new Error(`cannot set ${formatPath(path)}: the list has no such item`);
  const nested = missing.slice(1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  // Under a mapping the key is added; under a scalar (or an empty `key:`) the scalar gives way.
  return isMap(node) ? insertPair(text, node, missing[0] as string, nested) : replaceValue(text, node, { [missing[0]!]: nested });
}

/** Removes the key at `path` (an optional field going back to its default); no change when absent. */
export function clearField(text: string, path: FieldPath): string {
  const parent = nodeAt(mustRead(text), path.slice(0, -1));
  const key = path.at(-1);
  if (!isMap(parent)) return text;
  const index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  return index === -1 ? text : removePair(text, parent, index);
}

// ---------------------------------------------------------------------------------------------
// Lists: workloads and node pools

function listAt(document: PlanDocument, path: FieldPath): YAMLSeq.Parsed | undefined {
  const node = nodeAt(document, path);
  return isSeq(node) ? node : undefined;
}

function mustList(text: string, path: FieldPath): YAMLSeq.Parsed {
  const list = listAt(mustRead(text), path);
  if (!list) throw new Error(`the plan has no list at ${formatPath(path)}`);
  return list;
}

/** The `name` of every item of a list (undefined where an item has none). */
function namesIn(document: PlanDocument, path: FieldPath): (string | undefined)[] {
  return (listAt(document, path)?.items ?? []).map((item) => {
    const name = childOf(item as ParsedNode, 'name');
    return isScalar(name) ? String(name.value) : undefined;
  });
}

/** `base` if free, else `base-2`, `base-3`…, shortened to stay a valid Kubernetes name. */
export function uniqueName(base: string, taken: ReadonlySet<string | undefined>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Renames item `index` of the list at `path` if its name is taken by another item. */
function renameIfTaken(text: string, path: FieldPath, index: number): string {
  const names = namesIn(mustRead(text), path);
  const name = names[index];
  if (name === undefined) return text;
  const others = new Set(names.filter((_, i) => i !== index));
  return others.has(name) ? setField(text, [...path, index, 'name'], uniqueName(name, others)) : text;
}

/**
 * Appends a workload given as a YAML mapping (as in `presetWorkloads()`), renamed when its name is
 * taken and without a `nodePool` the plan does not have.
 */
export function addWorkload(text: string, workloadYaml: string): string {
  const document = mustRead(text);
  const list = listAt(document, WORKLOADS_PATH);
  const withList = list ? text : setValue(text, WORKLOADS_PATH, []);
  const added = appendMappingText(withList, mustList(withList, WORKLOADS_PATH), workloadYaml);
  const index = list?.items.length ?? 0;
  const renamed = renameIfTaken(added, WORKLOADS_PATH, index);
  const pool = nodeAt(mustRead(renamed), [...WORKLOADS_PATH, index, 'nodePool']);
  const pools = new Set(namesIn(mustRead(renamed), NODE_POOLS_PATH));
  return isScalar(pool) && !pools.has(String(pool.value)) ? clearField(renamed, [...WORKLOADS_PATH, index, 'nodePool']) : renamed;
}

/** Inserts a copy of workload `index` right after it, with a name of its own. */
export function duplicateWorkload(text: string, index: number): string {
  const list = mustList(text, WORKLOADS_PATH);
  const copied = insertItemText(text, list, index, itemText(text, list, index));
  return renameIfTaken(copied, WORKLOADS_PATH, index + 1);
}

export const removeWorkload = (text: string, index: number) => removeItem(text, mustList(text, WORKLOADS_PATH), index);

/** Moves workload `from` to position `to`; the others keep their order. */
export function moveWorkload(text: string, from: number, to: number): string {
  const list = mustList(text, WORKLOADS_PATH);
  if (from === to || to < 0 || to >= list.items.length) return text;
  const order = list.items.map((_, i) => i);
  order.splice(to, 0, ...order.splice(from, 1));
  return reorderItems(text, list, order);
}

/** Appends a node pool of the first catalog instance type of the plan's provider, to edit from there. */
export function addNodePool(text: string): string {
  const document = mustRead(text);
  const provider = nodeAt(document, ['spec', 'cluster', 'provider']);
  const providerName = isScalar(provider) ? String(provider.value) : 'generic';
  const instanceType = instanceTypes.find((t) => providerName === 'generic' || t.provider === providerName)?.id ?? '';
  const pool = { name: uniqueName('pool', new Set(namesIn(document, NODE_POOLS_PATH))), instanceType };
  const list = listAt(document, NODE_POOLS_PATH);
  if (!list) return setValue(text, NODE_POOLS_PATH, [pool]);
  return appendMappingText(text, list, flowText(pool, looksLikeJson(text)));
}

export const removeNodePool = (text: string, index: number) => removeItem(text, mustList(text, NODE_POOLS_PATH), index);

// ---------------------------------------------------------------------------------------------
// The "add from a preset" picker

export interface PresetWorkload {
  /** Unique among all preset workloads: `<preset name>/<workload name>`. */
  id: string;
  presetName: string;
  presetTitle: string;
  name: string;
  kind: string;
  kindTitle: string;
  /** The workload as a YAML mapping at column 0, with the preset's comments and style. */
  yaml: string;
}

let presetWorkloadList: readonly PresetWorkload[] | undefined;

/** Every workload of every bundled preset (computed once). */
export function presetWorkloads(): readonly PresetWorkload[] {
  presetWorkloadList ??= planPresets.flatMap((preset) => {
    const document = mustRead(preset.yaml);
    const list = listAt(document, WORKLOADS_PATH);
    if (!list) return [];
    return list.items.map((item, index) => {
      const value = (item as ParsedNode).toJS(document) as { name: string; kind: string };
      return {
        id: `${preset.name}/${value.name}`,
        presetName: preset.name,
        presetTitle: preset.title,
        name: value.name,
        kind: value.kind,
        kindTitle: kindTitle(value.kind),
        yaml: itemAsMappingText(preset.yaml, list, index),
      };
    });
  });
  return presetWorkloadList;
}
