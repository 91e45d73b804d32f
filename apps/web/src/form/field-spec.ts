/**
 * The form's field tree, read from the plan's JSON Schema (planJsonSchema() of @headroom/model) so
 * a field added to a kind's zod schema shows up in the form with its description as help text.
 * Pure and computed once.
 */
import { defaultAssumptions, gpus, instanceTypes, modelPresets, planJsonSchema } from '@headroom/model';
import { labelFor } from './labels.ts';
import type { FieldPath } from './plan-document.ts';

/** The parts of JSON Schema that planJsonSchema() uses. */
interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: readonly (string | number)[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export type FieldControl =
  /**
   * `quantity`: a number in base units or a string with a unit (`80 GiB`). `suggestions`: catalog
   * values offered while typing (the schema checks them; anything else is an error at the field).
   */
  | { type: 'text'; accepts: 'string' | 'quantity'; suggestions?: readonly string[] }
  | { type: 'number'; integer: boolean; minimum?: number; exclusiveMinimum?: number; maximum?: number }
  | { type: 'select'; options: readonly (string | number)[] }
  | { type: 'checkbox' }
  /** A list of enum values (compliance frameworks): one checkbox per value. */
  | { type: 'checkboxes'; options: readonly string[] };

interface NodeBase {
  key: string;
  /** From the plan root for plan sections; from the workload for workload fields. */
  path: FieldPath;
  label: string;
  help: string;
  required: boolean;
}

export interface FieldSpec extends NodeBase {
  kind: 'field';
  control: FieldControl;
  /** What the model uses when the field is absent (shown as the placeholder). */
  defaultValue?: unknown;
}

export interface GroupSpec extends NodeBase {
  kind: 'group';
  children: readonly FormNode[];
  /** Long optional groups (the assumption overrides) start folded. */
  collapsed: boolean;
}

/** A list of mappings (node pools); the item's fields have paths relative to the item. */
export interface ListSpec extends NodeBase {
  kind: 'list';
  itemFields: readonly FormNode[];
}

export type FormNode = FieldSpec | GroupSpec | ListSpec;

export interface FormSpec {
  /** metadata, defaults, cluster, compliance, monitoring and assumptions, with paths from the root. */
  sections: readonly GroupSpec[];
  /** Per workload kind, its fields (without `kind`), with paths from the workload. */
  workloads: ReadonlyMap<string, readonly FormNode[]>;
}

/** Optional groups with more fields than this start folded. */
const FOLD_ABOVE = 6;

/**
 * One form node for `schema` at `path`. `defaults` are the catalog defaults of fields that have
 * none in the schema (assumption overrides). The JSON Schema has no defaults for quantities (zod
 * drops them with the unit transform), so those fields show no placeholder.
 */
function formNode(key: string, schema: JsonSchema, path: FieldPath, required: boolean, defaults?: Record<string, unknown>): FormNode {
  const common = { key, path, label: labelFor(key), help: schema.description ?? '', required };
  if (schema.type === 'object' && schema.properties) {
    const children = objectChildren(schema, path, key === 'assumptions' ? defaultAssumptions : undefined);
    return { ...common, kind: 'group', children, collapsed: !required && children.length > FOLD_ABOVE };
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return { ...common, kind: 'list', itemFields: objectChildren(schema.items, [], undefined) };
  }
  const defaultValue = schema.default ?? defaults?.[key];
  return { ...common, kind: 'field', control: controlFor(key, schema), ...(defaultValue !== undefined ? { defaultValue } : {}) };
}

function objectChildren(schema: JsonSchema, path: FieldPath, defaults: Record<string, unknown> | undefined, skip: ReadonlySet<string> = new Set()): FormNode[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !skip.has(key))
    .map(([key, child]) => formNode(key, child, [...path, key], required.has(key), defaults));
}

/** Fields whose values come from a catalog of @headroom/model, by key. */
const CATALOG_SUGGESTIONS: Record<string, () => readonly string[]> = {
  gpu: () => ['auto', ...gpus.map((gpu) => gpu.id)],
  instanceType: () => [...new Set(instanceTypes.map((type) => type.id))],
  preset: () => modelPresets.map((model) => model.id),
};

function controlFor(key: string, schema: JsonSchema): FieldControl {
  if (schema.anyOf) return { type: 'text', accepts: 'quantity' };
  if (schema.enum) return { type: 'select', options: schema.enum };
  if (schema.type === 'boolean') return { type: 'checkbox' };
  if (schema.type === 'array' && schema.items?.enum) return { type: 'checkboxes', options: schema.items.enum.map(String) };
  if (schema.type === 'number' || schema.type === 'integer') {
    const { minimum, exclusiveMinimum, maximum } = schema;
    return {
      type: 'number',
      integer: schema.type === 'integer',
      ...(minimum !== undefined ? { minimum } : {}),
      ...(exclusiveMinimum !== undefined ? { exclusiveMinimum } : {}),
      ...(maximum !== undefined ? { maximum } : {}),
    };
  }
  const suggestions = CATALOG_SUGGESTIONS[key]?.();
  return { type: 'text', accepts: 'string', ...(suggestions ? { suggestions } : {}) };
}

/** The plan-level sections, in the order of the schema. */
const SECTIONS: readonly FieldPath[] = [['metadata'], ['spec', 'defaults'], ['spec', 'cluster'], ['spec', 'compliance'], ['spec', 'monitoring'], ['spec', 'assumptions']];

function buildFormSpec(): FormSpec {
  const root = planJsonSchema() as JsonSchema;
  const spec = root.properties!.spec!;
  const sections = SECTIONS.map((path) => {
    const parent = path.length === 1 ? root : spec;
    const key = path.at(-1) as string;
    return formNode(key, parent.properties![key]!, path, parent.required?.includes(key) ?? false) as GroupSpec;
  });

  const branches = spec.properties!.workloads!.items!.anyOf!;
  // Fields every kind shares (name, replicas, node pool, ...) go after the kind's own fields, name first.
  const shared = Object.keys(branches[0]!.properties!).filter((key) => branches.every((b) => b.properties?.[key]));
  const workloads = new Map(
    branches.map((branch) => {
      const kind = branch.properties!.kind!.const as string;
      const place = (field: FormNode) => (field.key === 'name' ? 0 : shared.includes(field.key) ? 2 : 1);
      // `calibration` is provenance `headroom verify --calibrate` writes (docs/verify.md), not a field to edit.
      const fields = objectChildren(branch, [], undefined, new Set(['kind', 'calibration'])).sort((a, b) => place(a) - place(b));
      return [kind, fields] as const;
    }),
  );
  return { sections, workloads };
}

let formSpec: FormSpec | undefined;

export function planFormSpec(): FormSpec {
  formSpec ??= buildFormSpec();
  return formSpec;
}

export const workloadFormNodes = (kind: string): readonly FormNode[] | undefined => planFormSpec().workloads.get(kind);
