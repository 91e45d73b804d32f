/** The form's field tree covers the whole plan schema, with labels people read. */
import { defaultAssumptions, formatPath, kinds, planJsonSchema } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { planFormSpec, workloadFormNodes, type FieldSpec, type FormNode } from './field-spec.ts';
import { labelFor } from './labels.ts';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}

/** Leaf paths of a schema object, read independently of field-spec: lists of mappings as `[]`. */
function schemaLeaves(schema: Schema, prefix: string): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child.type === 'object' && child.properties) return schemaLeaves(child, path);
    if (child.type === 'array' && child.items?.type === 'object') return schemaLeaves(child.items, `${path}[]`);
    return [path];
  });
}

/** Every field of a form tree, with the same path notation. */
function formFields(nodes: readonly FormNode[], prefix = ''): FieldSpec[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'field') return [node];
    if (node.kind === 'group') return formFields(node.children, prefix);
    return formFields(node.itemFields, `${prefix}${formatPath(node.path)}[].`).map((f) => ({ ...f, path: [`${prefix}${formatPath(node.path)}[].${formatPath(f.path)}`] }));
  });
}

const pathsOf = (fields: readonly FieldSpec[]) => fields.map((f) => (f.path.length === 1 && String(f.path[0]).includes('[]') ? String(f.path[0]) : formatPath(f.path)));

const schema = planJsonSchema() as Schema;
const spec = schema.properties!.spec!;
const branches = spec.properties!.workloads!.items!.anyOf!;
const field = (nodes: readonly FormNode[] | undefined, path: string) => formFields(nodes ?? []).find((f) => formatPath(f.path) === path);

describe('the form field tree', () => {
  it('has a field for every leaf of every workload kind but the calibration provenance, and no other', () => {
    expect(branches).toHaveLength(kinds.length);
    for (const kind of kinds) {
      const branch = branches.find((b) => (b.properties!.kind as { const?: string }).const === kind.kind)!;
      // `calibration` is provenance verify --calibrate writes, left out of the form.
      const expected = schemaLeaves(branch, '').filter((p) => p !== 'kind' && !p.startsWith('calibration.'));
      const paths = pathsOf(formFields(workloadFormNodes(kind.kind)!));
      expect(paths.toSorted(), kind.kind).toEqual(expected.toSorted());
      expect(new Set(paths).size, `${kind.kind}: no two fields share a path`).toBe(paths.length);
    }
  });

  it('has a field for every leaf of the plan-level sections', () => {
    const { sections } = planFormSpec();
    expect(sections.map((s) => formatPath(s.path))).toEqual(['metadata', 'spec.defaults', 'spec.cluster', 'spec.compliance', 'spec.monitoring', 'spec.assumptions']);
    const expected = [
      ...schemaLeaves(schema.properties!.metadata!, 'metadata'),
      ...['defaults', 'cluster', 'compliance', 'monitoring', 'assumptions'].flatMap((key) => schemaLeaves(spec.properties![key]!, `spec.${key}`)),
    ];
    const paths = pathsOf(formFields(sections));
    expect(paths.toSorted()).toEqual(expected.toSorted());
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('labels the traffic field "Peak requests per second", with the schema description as help', () => {
    for (const kind of ['llm-inference', 'model-serving']) {
      const traffic = field(workloadFormNodes(kind), 'traffic.peakRequestsPerSecond')!;
      expect(traffic.label).toBe('Peak requests per second');
      expect(traffic.help).toBe('Peak requests per second across all replicas.');
      expect(traffic.required).toBe(true);
    }
  });

  it('picks a control per schema type', () => {
    const llm = workloadFormNodes('llm-inference');
    expect(field(llm, 'accelerator.tensorParallel')!.control).toEqual({ type: 'select', options: ['auto', 1, 2, 4, 8] });
    expect(field(llm, 'accelerator.tensorParallel')!.defaultValue).toBe('auto');
    expect(field(llm, 'slo.timeToFirstToken')!.control).toEqual({ type: 'text', accepts: 'quantity' });
    expect(field(llm, 'slo.timeToFirstToken')!.help).toMatch(/a string with a unit such as "250 ms"/);
    expect(field(llm, 'model.layers')!.control).toEqual({ type: 'number', integer: true, minimum: 1, maximum: 1000 });
    expect(field(llm, 'name')!.control).toEqual({ type: 'text', accepts: 'string' });
    expect(field(workloadFormNodes('training'), 'parallelism.activationCheckpointing')!.control).toEqual({ type: 'checkbox' });
    const sections = planFormSpec().sections;
    expect(field(sections, 'spec.compliance.frameworks')!.control).toEqual({ type: 'checkboxes', options: ['pci-dss', 'hipaa'] });
    expect(field(sections, 'spec.defaults.zones')).toMatchObject({ required: false, defaultValue: 3 });
  });

  it('takes the assumption overrides\' defaults from the catalog, and folds them', () => {
    const sections = planFormSpec().sections;
    expect(field(sections, 'spec.assumptions.gpuMemoryUtilization')!.defaultValue).toBe(defaultAssumptions.gpuMemoryUtilization);
    expect(sections.find((s) => s.key === 'assumptions')!.collapsed).toBe(true);
  });

  it('puts the name first and the fields every kind shares after the kind\'s own', () => {
    const keys = workloadFormNodes('model-serving')!.map((n) => n.key);
    expect(keys[0]).toBe('name');
    expect(keys.indexOf('traffic')).toBeLessThan(keys.indexOf('minReplicas'));
  });

  it('is computed once', () => {
    expect(planFormSpec()).toBe(planFormSpec());
  });
});

describe('labelFor', () => {
  it('splits camelCase, sentence-cases and keeps acronyms', () => {
    expect(labelFor('peakRequestsPerSecond')).toBe('Peak requests per second');
    expect(labelFor('kvCachePrecision')).toBe('KV cache precision');
    expect(labelFor('latencyP95')).toBe('Latency p95');
    expect(labelFor('zeroStage')).toBe('ZeRO stage');
    expect(labelFor('llmCpuCoresPerGpu')).toBe('LLM CPU cores per GPU');
    expect(labelFor('maxTrainingGpus')).toBe('Max training GPUs');
    expect(labelFor('slo')).toBe('SLO');
    expect(labelFor('mfu')).toBe('MFU');
    expect(labelFor('loraRank')).toBe('LoRA rank');
  });

  it('offers catalog values for the GPU, instance type and model preset fields, each of which the schema accepts', () => {
    const llm = formFields(workloadFormNodes('llm-inference')!);
    const suggestionsOf = (key: string, fields: readonly FieldSpec[]) => {
      const field = fields.find((f) => f.key === key)!;
      return field.control.type === 'text' ? field.control.suggestions : undefined;
    };
    expect(suggestionsOf('gpu', llm)).toEqual(expect.arrayContaining(['auto', 'H100-SXM-80GB']));
    expect(suggestionsOf('preset', llm)).toEqual(expect.arrayContaining(['llama-3.1-8b']));
    const cluster = formFields(planFormSpec().sections.find((s) => s.key === 'cluster')!.children);
    expect(suggestionsOf('instanceType', cluster)).toEqual(expect.arrayContaining(['m5.2xlarge', 'p5.48xlarge']));
    expect(suggestionsOf('name', llm)).toBeUndefined();
  });
});
