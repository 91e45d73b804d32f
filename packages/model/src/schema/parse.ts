/**
 * Reading a plan from text: YAML (a superset of JSON) with line numbers kept, validated by the zod
 * schema, every problem reported with its field path and line.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { kinds } from '../kinds/index.ts';
import { planJsonSchema, planSchema, type Plan } from './plan.ts';

export interface PlanIssue {
  /** Dotted path with indices, e.g. spec.workloads[1].traffic.peakRequestsPerSecond. */
  path: string;
  message: string;
  line?: number;
  column?: number;
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

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

export type ParseResult = { ok: true; plan: Plan } | { ok: false; error: PlanError };

/** Parses plan text (YAML or JSON) and validates it. Never throws for bad input. */
export function parsePlan(text: string, source?: string): ParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      error: new PlanError(document.errors.map((e) => {
        const at = e.linePos?.[0];
        return { path: '', message: `not valid YAML or JSON: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, ...(at ? { line: at.line, column: at.col } : {}) };
      }), source),
    };
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) {
    return { ok: false, error: new PlanError([{ path: '', message: 'the plan is empty: expected a mapping with apiVersion, kind, metadata and spec' }], source) };
  }
  const result = checkPlan(data);
  if (result.ok) return result;
  const locate = (path: readonly PropertyKey[]) => {
    // The deepest node that exists along the path gives the line.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return undefined;
  };
  /** Where an (unknown) key itself stands, rather than its value. */
  const locateKey = (path: readonly PropertyKey[], key: string) => {
    const map = document.getIn(path as unknown[], true);
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    return pair && isNode(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
  };
  return {
    ok: false,
    error: new PlanError(result.issues.map((issue) => {
      const at = issue.key !== undefined ? locateKey(issue.rawPath, issue.key) ?? locate(issue.rawPath) : locate(issue.rawPath);
      return { path: issue.path, message: issue.message, ...(at ? { line: at.line, column: at.col } : {}) };
    }), source),
  };
}

interface RawIssue extends PlanIssue { rawPath: PropertyKey[]; key?: string }

/** Validates already-parsed data (for callers that hold an object rather than text). */
export function validatePlan(data: unknown): ParseResult {
  const result = checkPlan(data);
  return result.ok ? result : { ok: false, error: new PlanError(result.issues.map(({ path, message }) => ({ path, message }))) };
}

function checkPlan(data: unknown): { ok: true; plan: Plan } | { ok: false; issues: RawIssue[] } {
  const result = planSchema.safeParse(data, { reportInput: true });
  return result.success ? { ok: true, plan: result.data } : { ok: false, issues: result.error.issues.flatMap((issue) => toIssues(issue, data)) };
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
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
