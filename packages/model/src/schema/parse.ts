/**
 * Reading a plan from text: YAML (a superset of JSON) with line numbers kept, validated by the zod
 * schema, every problem reported with its field path and line.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { kinds } from '../kinds/index.ts';
import { checkPlanText, resolvePlanLimits, type PlanLimitName, type PlanLimits } from './limits.ts';
import { editDistance } from '../catalog/names.ts';
import { resolveModelConfigs, type ModelConfigReader } from './model-config.ts';
import { planJsonSchema, planSchema, type Plan } from './plan.ts';
import { breachIssue, formatPath, planTextLimitIssue } from './text-checks.ts';

// Re-exported where they always were; they live apart so a shell can use them without the schema.
export { formatPath, planTextLimitIssue };

export interface PlanIssue {
  /** Dotted path with indices, e.g. spec.workloads[1].traffic.peakRequestsPerSecond. */
  path: string;
  message: string;
  line?: number;
  column?: number;
  /** The structural limit this issue reports, when it reports one (a shell may say how to raise it). */
  limit?: PlanLimitName;
}

export class PlanError extends Error {
  constructor(readonly issues: PlanIssue[], readonly source?: string) {
    super(issues.map((i) => formatIssue(i, source)).join('\n'));
    this.name = 'PlanError';
  }
}

export function formatIssue(issue: PlanIssue, source?: string): string {
  const where = [source, issue.line !== undefined ? `${issue.line}` : undefined, issue.line !== undefined && issue.column !== undefined ? `${issue.column}` : undefined]
    .filter(Boolean)
    .join(':');
  return `${where ? `${where}: ` : ''}${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** `warnings`: what a valid plan's imports noted (an unknown config.json architecture, an estimated vision encoder). */
export type ParseResult = { ok: true; plan: Plan; warnings?: PlanIssue[] } | { ok: false; error: PlanError };

export interface ParseOptions {
  /** Overrides of the structural limits (limits.ts); the rest keep their defaults. */
  limits?: Partial<PlanLimits>;
  /** Size in bytes of the whole input when `text` is only its beginning (see checkPlanText). */
  totalBytes?: number;
  /** Reads the config.json files `model.config` names (a shell's I/O; without it, `config` is an issue). */
  readModelConfig?: ModelConfigReader;
}

/** Problems reported at most; a plan with more gets a last issue counting the rest. */
export const MAX_REPORTED_ISSUES = 50;

/**
 * Parses plan text (YAML or JSON) and validates it. Never throws for bad input: structural limits
 * (size, lines, nesting, aliases, workloads, node pools) are checked first, in time linear in the
 * text, so hostile text costs at most about what a plan at the limits costs.
 */
export function parsePlan(text: string, source?: string, options: ParseOptions = {}): ParseResult {
  const limits = resolvePlanLimits(options.limits);
  const refuse = (issues: PlanIssue[], total?: number): ParseResult => ({ ok: false, error: new PlanError(capIssues(issues, total), source) });
  const textBreach = checkPlanText(text, limits, options.totalBytes);
  if (textBreach) return refuse([breachIssue(textBreach)]);
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
        // Keys are checked for duplicates in checkDocument: the library's own check is quadratic
    // (15 s on 45,000 keys).
    document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } catch (error) {
    // Only a stack overflow gets here, on nesting the textual estimate missed.
    if (error instanceof RangeError) return refuse([breachIssue({ limit: 'nestingDepth', max: limits.nestingDepth, found: limits.nestingDepth, atLeast: true })]);
    throw error;
  }
  if (document.errors.length > 0) {
    return refuse(document.errors.map((e) => {
      const at = e.linePos?.[0];
      return { path: '', message: `not valid YAML or JSON: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, ...(at ? { line: at.line, column: at.col } : {}) };
    }));
  }
  const structure = checkDocument(document, limits);
  if (structure) {
    const at = structure.offset !== undefined ? lineCounter.linePos(structure.offset) : undefined;
    return refuse([{ ...structure.issue, ...(at ? { line: at.line, column: at.col } : {}) }]);
  }
  const data: unknown = document.toJS({ maxAliasCount: -1 });
  if (data === null || data === undefined) {
    return refuse([{ path: '', message: 'the plan is empty: expected a mapping with apiVersion, kind, metadata and spec' }]);
  }
  const locate = (path: readonly PropertyKey[]) => {
    // The deepest node that exists along the path gives the line.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return undefined;
  };
  const countBreach = checkCounts(data, limits);
  if (countBreach) {
    const at = locate(countBreach.rawPath);
    return refuse([{ ...countBreach.issue, ...(at ? { line: at.line, column: at.col } : {}) }]);
  }
  const configs = resolveModelConfigs(data, options.readModelConfig);
  const located = (issue: { rawPath: readonly PropertyKey[]; path: string; message: string }): PlanIssue => {
    const at = locate(issue.rawPath);
    return { path: issue.path, message: issue.message, ...(at ? { line: at.line, column: at.col } : {}) };
  };
  if (configs.issues.length > 0) return refuse(configs.issues.map(located));
  const result = checkPlan(configs.data);
  if (result.ok) return configs.warnings.length > 0 ? { ...result, warnings: configs.warnings.map(located) } : result;
  /** Where an (unknown) key itself stands, rather than its value. */
  const locateKey = (path: readonly PropertyKey[], key: string) => {
    const map = document.getIn(path as unknown[], true);
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    return pair && isNode(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
  };
  // Locating an issue searches its mapping, so only the issues shown are located.
  const shown = result.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const at = issue.key !== undefined ? locateKey(issue.rawPath, issue.key) ?? locate(issue.rawPath) : locate(issue.rawPath);
    return { path: issue.path, message: issue.message, ...(at ? { line: at.line, column: at.col } : {}) };
  });
  return refuse(shown, result.total);
}

/** The first MAX_REPORTED_ISSUES issues, and one counting the rest of `total`. */
function capIssues(issues: PlanIssue[], total = issues.length): PlanIssue[] {
  const kept = issues.slice(0, MAX_REPORTED_ISSUES);
  return total > kept.length ? [...kept, { path: '', message: `and ${total - kept.length} more problems not listed` }] : kept;
}

type NodeShape = { nodes: number; depth: number };

/**
 * Aliases on the parsed document: each must name an anchor set before it and outside itself, and
 * the document with every alias expanded must stay within the limits on values and nesting (an
 * alias bomb is ten aliases of ten aliases of ... a value). One walk, each node measured once.
 */
function checkDocument(document: Document.Parsed, limits: PlanLimits): { issue: PlanIssue; offset?: number } | undefined {
  const anchors = new Map<string, Node>();
  const measured = new Map<Node, NodeShape>();
  const open = new Set<Node>();
  let aliases = 0;
  let failure: { issue: PlanIssue; offset?: number } | undefined;
  const fail = (issue: PlanIssue, node: Node) => {
    failure = { issue, ...(node.range ? { offset: node.range[0] } : {}) };
    return { nodes: 0, depth: 0 };
  };
  const measure = (node: unknown, level: number): NodeShape => {
    if (failure || !isNode(node)) return { nodes: failure ? 0 : 1, depth: 0 };
    if (level > limits.nestingDepth) return fail(breachIssue({ limit: 'nestingDepth', max: limits.nestingDepth, found: level, atLeast: true }), node);
    if (isAlias(node)) {
      if (++aliases > limits.aliases) return fail(breachIssue({ limit: 'aliases', max: limits.aliases, found: aliases, atLeast: true }), node);
      const target = anchors.get(node.source);
      if (!target) return fail({ path: '', message: `the alias *${node.source} names no anchor &${node.source} set before it` }, node);
      if (open.has(target)) return fail({ path: '', message: `the alias *${node.source} refers to the value that contains it (a recursive alias)` }, node);
      return measured.get(target) ?? { nodes: 1, depth: 0 };
    }
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    let nodes = 1;
    let depth = 0;
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (keys.has(pair.key.value)) return fail({ path: '', message: `not valid YAML or JSON: Map keys must be unique; "${String(pair.key.value)}" is repeated` }, pair.key);
        keys.add(pair.key.value);
      }
    }
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        const children = isPair(item) ? [item.key, item.value] : [item];
        for (const child of children) {
          const shape = measure(child, level + 1);
          nodes += shape.nodes;
          depth = Math.max(depth, shape.depth + 1);
        }
      }
    }
    open.delete(node);
    const shape = { nodes, depth };
    measured.set(node, shape);
    if (!failure && level + depth > limits.nestingDepth) fail(breachIssue({ limit: 'nestingDepth', max: limits.nestingDepth, found: level + depth, atLeast: false }), node);
    if (!failure && nodes > limits.expandedNodes) fail(breachIssue({ limit: 'expandedNodes', max: limits.expandedNodes, found: nodes, atLeast: true }), node);
    return shape;
  };
  measure(document.contents, 0);
  return failure;
}

/** Workloads and node pools, counted before the schema checks each one. */
function checkCounts(data: unknown, limits: PlanLimits): { issue: PlanIssue; rawPath: PropertyKey[] } | undefined {
  const spec = isRecord(data) && isRecord(data.spec) ? data.spec : undefined;
  const lists: [PlanLimitName, PropertyKey[], unknown][] = [
    ['workloads', ['spec', 'workloads'], spec?.workloads],
    ['nodePools', ['spec', 'cluster', 'nodePools'], isRecord(spec?.cluster) ? spec.cluster.nodePools : undefined],
  ];
  for (const [limit, rawPath, list] of lists) {
    if (Array.isArray(list) && list.length > limits[limit]) {
      return { rawPath, issue: { ...breachIssue({ limit, max: limits[limit], found: list.length, atLeast: false }), path: formatPath(rawPath) } };
    }
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface RawIssue extends PlanIssue { rawPath: PropertyKey[]; key?: string }

/** Validates already-parsed data (for callers that hold an object rather than text). */
export function validatePlan(data: unknown, options: Pick<ParseOptions, 'limits' | 'readModelConfig'> = {}): ParseResult {
  const countBreach = checkCounts(data, resolvePlanLimits(options.limits));
  if (countBreach) return { ok: false, error: new PlanError([countBreach.issue]) };
  const configs = resolveModelConfigs(data, options.readModelConfig);
  if (configs.issues.length > 0) return { ok: false, error: new PlanError(configs.issues.map(({ path, message }) => ({ path, message }))) };
  const result = checkPlan(configs.data);
  if (result.ok) return configs.warnings.length > 0 ? { ...result, warnings: configs.warnings.map(({ path, message }) => ({ path, message })) } : result;
  return { ok: false, error: new PlanError(capIssues(result.issues.map(({ path, message }) => ({ path, message })), result.total)) };
}

/**
 * The schema's verdict: the first MAX_REPORTED_ISSUES issues worded, and how many there are in all
 * (wording an unknown key looks up the fields accepted beside it, too slow for 16,000 of them).
 */
function checkPlan(data: unknown): { ok: true; plan: Plan } | { ok: false; issues: RawIssue[]; total: number } {
  const result = planSchema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, plan: result.data };
  const issues: RawIssue[] = [];
  let total = 0;
  for (const issue of result.error.issues) {
    if (issues.length < MAX_REPORTED_ISSUES) issues.push(...toIssues(issue, data));
    total += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
  }
  return { ok: false, issues: issues.slice(0, MAX_REPORTED_ISSUES), total: Math.max(total, issues.length) };
}

function toIssues(issue: z.core.$ZodIssue, data: unknown): RawIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const accepted = fieldsAt(issue.path, data);
    return issue.keys.map((key) => ({
      rawPath: issue.path, key, path: formatPath([...issue.path, key]),
      message: `unknown field "${key}"${suggest(key, accepted)}`,
    }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length === 0) {
    const path = issue.path.at(-1) === 'kind' ? issue.path : [...issue.path, 'kind'];
    const given = issue.input && typeof issue.input === 'object' ? (issue.input as Record<string, unknown>).kind : issue.input;
    const known = kinds.map((k) => JSON.stringify(k.kind)).join(', ');
    return [{ rawPath: path, path: formatPath(path), message: given === undefined ? `is required: one of ${known}` : `must be one of ${known} (got ${describeInput(given)})` }];
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const accepted = issue.errors.flat().flatMap((branch) =>
      branch.code === 'invalid_value' ? branch.values.map((v) => JSON.stringify(v)) : branch.code === 'invalid_type' ? [`a ${branch.expected}`] : []);
    return [{ rawPath: issue.path, path: formatPath(issue.path), message: missingOrBadNumber(issue.input) ?? `must be ${[...new Set(accepted)].join(' or ')} (got ${describeInput(issue.input)})` }];
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'int') message = `must be a whole number (got ${describeInput(issue.input)})`;
  else if (issue.code === 'invalid_type') {
    message = missingOrBadNumber(issue.input)
      ?? `must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} (got ${describeInput(issue.input)})`;
  } else if (issue.code === 'invalid_value' && issue.values.length > 0) {
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${describeInput(issue.input)})`;
  }
  return [{ rawPath: issue.path, path: formatPath(issue.path), message }];
}

/** "is required" for an absent value, "must be a finite number" for ±Infinity and NaN. */
function missingOrBadNumber(input: unknown): string | undefined {
  if (input === undefined) return 'is required';
  if (typeof input === 'number' && !Number.isFinite(input)) return 'must be a finite number';
  return undefined;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return JSON.stringify(input) ?? typeof input;
}

/** A hint for a mistyped key, from the fields accepted where it stands. */
function suggest(key: string, accepted: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of accepted) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase(), bestDistance - 1);
    if (candidate !== key && distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best ? `; did you mean "${best}"?` : '';
}

type JsonSchemaNode = { properties?: Record<string, JsonSchemaNode>; items?: JsonSchemaNode; anyOf?: JsonSchemaNode[]; oneOf?: JsonSchemaNode[]; const?: unknown };

let jsonSchema: JsonSchemaNode | undefined;

/**
 * Field names the plan's JSON Schema accepts at `path` of `data`. Union branches (workload kinds)
 * are narrowed by the data's `kind`, so a model-serving workload is never offered llm fields.
 */
function fieldsAt(path: readonly PropertyKey[], data: unknown): string[] {
  jsonSchema ??= planJsonSchema() as JsonSchemaNode;
  const branches = (node: JsonSchemaNode, value: unknown): JsonSchemaNode[] => {
    const options = node.anyOf ?? node.oneOf;
    if (!options) return [node];
    const kind = value && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
    const all = options.flatMap((option) => branches(option, value));
    const matching = all.filter((option) => option.properties?.kind?.const === kind);
    return matching.length ? matching : all;
  };
  let nodes = branches(jsonSchema, data);
  let value = data;
  for (const key of path) {
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    nodes = nodes.flatMap((node) => {
      const next = typeof key === 'number' ? node.items : node.properties?.[String(key)];
      return next ? branches(next, value) : [];
    });
  }
  return [...new Set(nodes.flatMap((node) => Object.keys(node.properties ?? {})))];
}
