/**
 * `model: { config: ./config.json }`: a workload's model read from a Hugging Face config.json.
 * The shell reads the file (the CLI: relative to the plan) and hands over the parsed JSON; this
 * module imports it (catalog/hf-import) and puts the imported fields under the ones the plan
 * gives beside `config`, which win. It runs before the schema, so every issue keeps its path and line.
 */
import { importHfConfig } from '../catalog/hf-import/import.ts';

/** What a shell answers for the file a plan names: the parsed JSON, or why it could not read it. */
export type ModelConfigFile = { ok: true; config: unknown } | { ok: false; message: string };

/** Reads the config.json at `path` as written in the plan. */
export type ModelConfigReader = (path: string) => ModelConfigFile;

export interface ModelConfigIssue {
  rawPath: (string | number)[];
  path: string;
  message: string;
}

export interface ResolvedModelConfigs {
  data: unknown;
  issues: ModelConfigIssue[];
  warnings: ModelConfigIssue[];
}

const TRANSFORMER_KINDS: ReadonlySet<unknown> = new Set(['llm-inference', 'training']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The plan data with every `model.config` replaced by the fields it imports (the plan's own fields
 * kept over them); the data is copied where it changes, never mutated. A config that cannot be read
 * or imported is an issue at `model.config` naming the file and the key at fault.
 */
export function resolveModelConfigs(data: unknown, read: ModelConfigReader | undefined): ResolvedModelConfigs {
  const issues: ModelConfigIssue[] = [];
  const warnings: ModelConfigIssue[] = [];
  if (!isRecord(data) || !isRecord(data.spec) || !Array.isArray(data.spec.workloads)) return { data, issues, warnings };
  const workloads = data.spec.workloads;
  let changed = false;
  const resolved = workloads.map((workload: unknown, i: number) => {
    // Only the kinds whose model is a transformer take `config`; elsewhere the schema reports it as an unknown field.
    if (!isRecord(workload) || !TRANSFORMER_KINDS.has(workload.kind) || !isRecord(workload.model) || workload.model.config === undefined) return workload;
    const model = workload.model;
    const rawPath = ['spec', 'workloads', i, 'model', 'config'];
    const path = `spec.workloads[${i}].model.config`;
    const file = model.config;
    if (typeof file !== 'string' || file.length === 0) return workload; // the schema reports the type
    if (model.preset !== undefined) {
      issues.push({ rawPath, path, message: 'give either preset or config, not both (fields beside config override it)' });
      return workload;
    }
    if (!read) {
      issues.push({ rawPath, path, message: `"${file}" is read by the CLI, relative to the plan file; here, import the config.json into the model's fields instead` });
      return workload;
    }
    const loaded = read(file);
    if (!loaded.ok) {
      issues.push({ rawPath, path, message: `${file}: ${loaded.message}` });
      return workload;
    }
    const imported = importHfConfig(loaded.config);
    if (!imported.ok) {
      issues.push({ rawPath, path, message: `${file} is not a config.json Headroom can size: ${imported.errors.join('; ')}` });
      return workload;
    }
    for (const warning of imported.model.warnings) warnings.push({ rawPath, path, message: `${file}: ${warning}` });
    changed = true;
    return { ...workload, model: { ...imported.model.fields, ...model } };
  });
  if (!changed) return { data, issues, warnings };
  return { data: { ...data, spec: { ...data.spec, workloads: resolved } }, issues, warnings };
}
