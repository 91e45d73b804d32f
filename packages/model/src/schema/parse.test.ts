/**
 * parsePlan(text, source): every class of bad input is reported with its field path, the line it is
 * on and a message that says what is wrong; good input comes back with units converted, defaults
 * and model presets filled in.
 */
import { describe, expect, it } from 'vitest';
import { GiB } from '../units.ts';
import { parsePlan, type PlanIssue } from './parse.ts';
import { planJsonSchema, type Plan, type Workload } from './plan.ts';

const SOURCE = 'plan.yaml';

/** A valid plan around the given workloads (YAML list items indented by four spaces). */
function plan(workloads: string, options: { cluster?: string; spec?: string } = {}): string {
  return `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo, namespace: ml }
spec:
${options.cluster ?? `  cluster:
    provider: eks
    nodePools:
      - { name: general, instanceType: m5.2xlarge }
`}${options.spec ?? ''}  workloads:
${workloads}`;
}

const ranker = `    - name: ranker
      kind: model-serving
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      model: { sizeBytes: 1.5 GiB }
`;

const chat = `    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 20, inputTokens: 1000, outputTokens: 250 }
`;

/** The 1-based line of the only line of `text` containing `needle`. */
function lineOf(text: string, needle: string, occurrence = 0): number {
  const lines = text.split('\n').map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.includes(needle));
  if (lines.length === 0 || (occurrence === 0 && lines.length > 1)) throw new Error(`"${needle}" is on ${lines.length} lines of the test plan`);
  return lines[occurrence]!.number;
}

function issuesOf(text: string): PlanIssue[] {
  const result = parsePlan(text, SOURCE);
  if (result.ok) throw new Error('expected the plan to be rejected, but it parsed');
  expect(result.error.source).toBe(SOURCE);
  return result.error.issues;
}

/** Asserts the plan is rejected with exactly one issue, and returns it. */
function onlyIssue(text: string): PlanIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0]!;
}

function expectIssue(issue: PlanIssue, path: string, line: number, message: RegExp): void {
  expect(issue.path).toBe(path);
  expect(issue.line, `line of ${path}`).toBe(line);
  expect(issue.message).toMatch(message);
  // Messages are read in a terminal: no stray double spaces or trailing blanks.
  expect(issue.message).not.toMatch(/ {2}|\s$/);
}

function parsed(text: string): Plan {
  const result = parsePlan(text, SOURCE);
  if (!result.ok) throw new Error(`expected the plan to parse:\n${result.error.message}`);
  return result.plan;
}

function workload<K extends Workload['kind']>(p: Plan, index: number, kind: K): Extract<Workload, { kind: K }> {
  const w = p.spec.workloads[index];
  if (w?.kind !== kind) throw new Error(`workloads[${index}] is ${w?.kind}, not ${kind}`);
  return w as Extract<Workload, { kind: K }>;
}

describe('parsePlan reports bad input with path, line and what is wrong', () => {
  it('sanity: the base plans used below are valid', () => {
    expect(parsePlan(plan(ranker + chat), SOURCE).ok).toBe(true);
  });

  it('unknown key, with a did-you-mean hint', () => {
    const text = plan(`${ranker}      workersPerReplcia: 4\n`);
    expectIssue(onlyIssue(text), 'spec.workloads[0].workersPerReplcia', lineOf(text, 'workersPerReplcia'),
      /^unknown field "workersPerReplcia"; did you mean "workersPerReplica"\?$/);

    const top = plan(ranker).replace('spec:\n', 'metdata: { name: x }\nspec:\n');
    expectIssue(onlyIssue(top), 'metdata', lineOf(top, 'metdata'), /^unknown field "metdata"; did you mean "metadata"\?$/);
  });

  it('unknown key nested deep, in the second workload', () => {
    const text = plan(`${ranker}    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic:
        peakRequestPerSecond: 20
        inputTokens: 1000
        outputTokens: 250
`);
    const issues = issuesOf(text);
    const unknown = issues.find((i) => i.path === 'spec.workloads[1].traffic.peakRequestPerSecond');
    expect(unknown, JSON.stringify(issues)).toBeDefined();
    expectIssue(unknown!, 'spec.workloads[1].traffic.peakRequestPerSecond', lineOf(text, 'peakRequestPerSecond'),
      /^unknown field "peakRequestPerSecond"; did you mean "peakRequestsPerSecond"\?$/);
    // The correctly spelled field is then missing: reported within the traffic mapping (its key's line
    // or its first entry's line; both lead the reader to the right place).
    const missing = issues.find((i) => i.path === 'spec.workloads[1].traffic.peakRequestsPerSecond');
    expect(missing, JSON.stringify(issues)).toMatchObject({ message: 'is required' });
    expect([lineOf(text, 'traffic:', 1), lineOf(text, 'peakRequestPerSecond')]).toContain(missing!.line);
    expect(issues).toHaveLength(2);
  });

  it('the did-you-mean hint only names a field accepted at that place, never the unknown key itself', () => {
    // inputTokens is a field of llm-inference traffic, not of model-serving traffic.
    const text = plan(ranker.replace('{ peakRequestsPerSecond: 400 }', '{ peakRequestsPerSecond: 400, inputTokens: 5 }'));
    const issue = onlyIssue(text);
    expectIssue(issue, 'spec.workloads[0].traffic.inputTokens', lineOf(text, 'inputTokens'), /^unknown field "inputTokens"/);
    expect(issue.message).not.toMatch(/did you mean "inputTokens"/);

    // "foo" under assumptions: "slo" is no assumption, so it is no useful hint there.
    const assumptions = plan(ranker, { spec: '  assumptions: { foo: 1 }\n' });
    const hint = onlyIssue(assumptions);
    expectIssue(hint, 'spec.assumptions.foo', lineOf(assumptions, 'foo'), /^unknown field "foo"/);
    expect(hint.message).not.toMatch(/"slo"/);
  });

  it('a quantity with the wrong dimension', () => {
    const text = plan(ranker.replace('serviceTime: 25 ms', 'serviceTime: 5 GiB'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].serviceTime', lineOf(text, 'serviceTime'),
      /^"5 GiB" is not a duration; expected a unit such as "250 ms"$/);
  });

  it('text that is no quantity', () => {
    const text = plan(ranker.replace('serviceTime: 25 ms', 'serviceTime: fast'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].serviceTime', lineOf(text, 'serviceTime'), /^"fast" is not a quantity; .*"250 ms"/);
  });

  it('non-finite numbers (.inf, .nan), for plain numbers and for quantities', () => {
    for (const value of ['.inf', '-.inf', '.nan']) {
      const amount = plan(ranker.replace('peakRequestsPerSecond: 400', `peakRequestsPerSecond: ${value}`));
      expectIssue(onlyIssue(amount), 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(amount, 'peakRequestsPerSecond'), /must be a finite number/);
      const quantity = plan(ranker.replace('serviceTime: 25 ms', `serviceTime: ${value}`));
      expectIssue(onlyIssue(quantity), 'spec.workloads[0].serviceTime', lineOf(quantity, 'serviceTime'), /must be a finite number/);
    }
    // A number in a string that overflows to Infinity is no finite quantity either (not "Infinity s is beyond ...").
    const overflow = plan(ranker.replace('serviceTime: 25 ms', 'serviceTime: "1e400"'));
    expectIssue(onlyIssue(overflow), 'spec.workloads[0].serviceTime', lineOf(overflow, 'serviceTime'), /finite/);
  });

  it('negative or zero where a positive value (or a minimum) is required', () => {
    const negative = plan(ranker.replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: -5'));
    expectIssue(onlyIssue(negative), 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(negative, 'peakRequestsPerSecond'),
      /^must be greater than 0 \(got -5\)$/);

    const zero = plan(ranker.replace('serviceTime: 25 ms', 'serviceTime: 0 ms'));
    expectIssue(onlyIssue(zero), 'spec.workloads[0].serviceTime', lineOf(zero, 'serviceTime'), /^must be greater than 0 \(got 0\)$/);

    const minReplicas = plan(`${ranker}      minReplicas: -1\n`);
    expectIssue(onlyIssue(minReplicas), 'spec.workloads[0].minReplicas', lineOf(minReplicas, 'minReplicas'), /^must be at least 0 \(got -1\)$/);

    const zones = plan(ranker, { spec: '  defaults: { zones: 0 }\n' });
    expectIssue(onlyIssue(zones), 'spec.defaults.zones', lineOf(zones, 'zones'), /^must be at least 1 \(got 0\)$/);
  });

  it('absurdly large values, beyond the schema\'s maximum', () => {
    const amount = plan(ranker.replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: 1e12'));
    const issue = onlyIssue(amount);
    expectIssue(issue, 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(amount, 'peakRequestsPerSecond'), /beyond the plausible maximum/);
    expect(issue.message).toMatch(/10000000|10,000,000|1e\+?7/);

    const quantity = plan(ranker.replace('sizeBytes: 1.5 GiB', 'sizeBytes: 100 PB'));
    expectIssue(onlyIssue(quantity), 'spec.workloads[0].model.sizeBytes', lineOf(quantity, 'sizeBytes'), /beyond the plausible maximum .*B$/);
  });

  it('wrong type: a string for a number, a number for a list, a mapping for a quantity', () => {
    const text = plan(ranker.replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: lots'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(text, 'peakRequestsPerSecond'), /^must be a number \(got "lots"\)$/);

    const list = plan(ranker, { cluster: '  cluster:\n    provider: eks\n    nodePools: 3\n' });
    expectIssue(onlyIssue(list), 'spec.cluster.nodePools', lineOf(list, 'nodePools'), /^must be a list \(got 3\)$/);

    const mapping = plan(ranker.replace('serviceTime: 25 ms', 'serviceTime: { ms: 25 }'));
    expectIssue(onlyIssue(mapping), 'spec.workloads[0].serviceTime', lineOf(mapping, 'serviceTime'), /^must be a number or a string \(got a mapping\)$/);
  });

  it('a fraction where a whole number is required', () => {
    const text = plan(chat.replace('{ preset: llama-3.1-8b }', '{ preset: llama-3.1-8b, layers: 32.5 }'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].model.layers', lineOf(text, 'layers'), /^must be a whole number \(got 32\.5\)$|^must be a whole number$/);
  });

  it('missing required fields: a plain number, a mapping and a quantity', () => {
    const noRate = plan(ranker.replace('{ peakRequestsPerSecond: 400 }', '{}'));
    expectIssue(onlyIssue(noRate), 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(noRate, 'traffic'), /^is required$/);

    const noModel = plan(ranker.replace('      model: { sizeBytes: 1.5 GiB }\n', ''));
    expectIssue(onlyIssue(noModel), 'spec.workloads[0].model', lineOf(noModel, 'name: ranker'), /^is required$/);

    // A quantity accepts a number or a string, but a missing one is still simply "required".
    const noServiceTime = plan(ranker.replace('      serviceTime: 25 ms\n', ''));
    expectIssue(onlyIssue(noServiceTime), 'spec.workloads[0].serviceTime', lineOf(noServiceTime, 'name: ranker'), /^is required$/);
  });

  it('unknown workload kind', () => {
    const text = plan(ranker.replace('kind: model-serving', 'kind: model-servin'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].kind', lineOf(text, 'model-servin'),
      /^must be one of "llm-inference", "model-serving", "training", "batch-inference", "data-pipeline"/);
  });

  it('invalid enum value (redundancy: n+2)', () => {
    const text = plan(`${ranker}      redundancy: n+2\n`);
    expectIssue(onlyIssue(text), 'spec.workloads[0].redundancy', lineOf(text, 'redundancy'), /^must be one of "none", "n\+1", "zone"/);
  });

  it('workload name that is not a DNS-1123 label', () => {
    const text = plan(ranker.replace('name: ranker', 'name: Ranker_1'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].name', lineOf(text, 'Ranker_1'), /must be a DNS-1123 label/);
  });

  it('duplicate workload names', () => {
    const text = plan(ranker + ranker);
    expectIssue(onlyIssue(text), 'spec.workloads[1].name', lineOf(text, 'name: ranker', 1), /^"ranker" is already the name of workloads\[0\]; names must be unique$/);
  });

  it('unknown GPU id', () => {
    const text = plan(`${ranker}      device: gpu\n      accelerator: { gpu: H100-XYZ }\n`);
    const issue = onlyIssue(text);
    expectIssue(issue, 'spec.workloads[0].accelerator.gpu', lineOf(text, 'H100-XYZ'), /^unknown GPU "H100-XYZ"; did you mean H100-SXM-80GB/);
  });

  it('a GPU by short name or in another case, reported by its catalog id', () => {
    const result = parsePlan(plan(`${ranker}      device: gpu
      accelerator: { gpu: a100-80gb }
`), SOURCE);
    expect(result.ok && (result.plan.spec.workloads[0] as Workload & { accelerator: { gpu: { id: string } } }).accelerator.gpu.id).toBe('A100-SXM-80GB');
  });

  it('a model preset by its Hugging Face id, kept as the preset id', () => {
    const result = parsePlan(plan(chat.replace('preset: llama-3.1-8b', 'preset: meta-llama/Llama-3.1-8B-Instruct')), SOURCE);
    expect(result.ok && (result.plan.spec.workloads[0] as Workload & { model: { preset: string } }).model.preset).toBe('llama-3.1-8b');
  });

  it('unknown model preset', () => {
    const text = plan(chat.replace('preset: llama-3.1-8b', 'preset: llama-9'));
    const issue = onlyIssue(text);
    expectIssue(issue, 'spec.workloads[0].model.preset', lineOf(text, 'llama-9'), /^unknown model preset "llama-9"; known: /);
    expect(issue.message).toContain('llama-3.1-8b');
  });

  it('unknown instance type for the provider (a GKE type on EKS)', () => {
    const text = plan(ranker, { cluster: '  cluster:\n    provider: eks\n    nodePools:\n      - { name: general, instanceType: n2-standard-8 }\n' });
    const issue = onlyIssue(text);
    expectIssue(issue, 'spec.cluster.nodePools[0].instanceType', lineOf(text, 'n2-standard-8'), /^unknown eks instance type "n2-standard-8" \(n2-standard-8 is a gke instance type\); known: /);
    expect(issue.message).toContain('m5.2xlarge');
  });

  it('a node pool maxPods beyond what the provider allows', () => {
    const text = plan(ranker, { cluster: '  cluster:\n    provider: aks\n    nodePools:\n      - { name: general, instanceType: Standard_D8s_v5, maxPods: 300 }\n' });
    expectIssue(onlyIssue(text), 'spec.cluster.nodePools[0].maxPods', lineOf(text, 'maxPods: 300'), /^aks allows 10 to 250 pods per node \(got 300\)$/);
  });

  it('a workload nodePool that names no pool', () => {
    const text = plan(`${ranker}      nodePool: gpus\n`);
    expectIssue(onlyIssue(text), 'spec.workloads[0].nodePool', lineOf(text, 'nodePool: gpus'), /^no node pool named "gpus" in spec.cluster.nodePools$/);
  });

  it('llm model with neither architecture nor preset', () => {
    const text = plan(chat.replace('{ preset: llama-3.1-8b }', '{ parameters: 8e9 }'));
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(['layers', 'hiddenSize', 'attentionHeads'].map((f) => `spec.workloads[0].model.${f}`));
    for (const issue of issues) expectIssue(issue, issue.path, lineOf(text, 'parameters: 8e9'), /^is required unless `preset` names a published model$/);
  });

  it('model-serving on device gpu without an accelerator', () => {
    const text = plan(`${ranker}      device: gpu\n`);
    expectIssue(onlyIssue(text), 'spec.workloads[0].accelerator', lineOf(text, 'name: ranker'), /^is required when device is gpu$/);
  });

  it('batch-inference with both gpuTime and cpuTime: one error, on perItem', () => {
    const text = plan(`    - name: embed
      kind: batch-inference
      items: 5e7
      window: 6 h
      perItem: { gpuTime: 4 ms, cpuTime: 10 ms }
      accelerator: { gpu: L4-24GB }
`);
    // Not also "accelerator: is only for perItem.gpuTime": gpuTime is given, the accelerator is right.
    expectIssue(onlyIssue(text), 'spec.workloads[0].perItem', lineOf(text, 'perItem'), /^give exactly one of gpuTime or cpuTime$/);
  });

  it('data-pipeline whose runs overlap in a day', () => {
    const text = plan(`    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 500 GB, runsPerDay: 24 }
      window: 2 h
      throughputPerCore: 40 MB/s
      retention: 30 d
`);
    expectIssue(onlyIssue(text), 'spec.workloads[0].window', lineOf(text, 'window'), /^runs overlap: 24 runs per day of 7200 s each exceed a day$/);
  });

  it('kvHeads greater than attentionHeads (also when attentionHeads comes from the preset)', () => {
    const text = plan(chat.replace('{ preset: llama-3.1-8b }', '{ parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 64 }'));
    expectIssue(onlyIssue(text), 'spec.workloads[0].model.kvHeads', lineOf(text, 'kvHeads'), /^must not exceed attentionHeads \(32\)$/);

    const block = plan(chat.replace('{ preset: llama-3.1-8b }', '\n        preset: llama-3.1-8b\n        kvHeads: 64'));
    expectIssue(onlyIssue(block), 'spec.workloads[0].model.kvHeads', lineOf(block, 'kvHeads'), /^must not exceed attentionHeads \(32\)$/);
  });

  it('invalid YAML syntax: the line is reported, with no field path', () => {
    const tab = plan(ranker.replace('      serviceTime', '\tserviceTime'));
    const issue = issuesOf(tab)[0]!;
    expect(issue.path).toBe('');
    expect(issue.line).toBe(lineOf(tab, 'serviceTime'));
    expect(issue.message).toMatch(/^not valid YAML or JSON: Tabs are not allowed/);

    const duplicateKey = plan(`${ranker}      serviceTime: 30 ms\n`);
    const dup = onlyIssue(duplicateKey);
    expect(dup).toMatchObject({ path: '', line: lineOf(duplicateKey, 'serviceTime: 30 ms') });
    expect(dup.message).toMatch(/^not valid YAML or JSON: Map keys must be unique/);
  });

  it('a JSON plan is accepted, and errors in JSON carry lines too', () => {
    const json = (peak: number) => JSON.stringify({
      apiVersion: 'headroom/v1', kind: 'CapacityPlan', metadata: { name: 'demo' },
      spec: { workloads: [{ name: 'ranker', kind: 'model-serving', traffic: { peakRequestsPerSecond: peak }, serviceTime: '25 ms', model: { sizeBytes: '1.5 GiB' } }] },
    }, null, 2);
    expect(workload(parsed(json(400)), 0, 'model-serving').serviceTime).toBe(0.025);

    const bad = json(-1);
    expectIssue(onlyIssue(bad), 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(bad, '"peakRequestsPerSecond": -1'), /^must be greater than 0 \(got -1\)$/);

    const syntax = '{\n  "apiVersion": "headroom/v1",\n  "kind": "CapacityPlan"\n  "metadata": { "name": "demo" }\n}\n';
    const issue = issuesOf(syntax)[0]!;
    expect(issue).toMatchObject({ path: '', line: 4 });
    expect(issue.message).toMatch(/^not valid YAML or JSON: /);
  });

  it('several errors at once are all reported, each with its own path and line', () => {
    const text = plan(ranker.replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: -20') + chat.replace('name: chat', 'name: Chat') + '      replicas: 3\n')
      .replace('name: demo', 'name: Demo');
    const issues = issuesOf(text);
    const byPath = new Map(issues.map((i) => [i.path, i]));
    expect([...byPath.keys()].sort()).toEqual([
      'metadata.name', 'spec.workloads[0].traffic.peakRequestsPerSecond', 'spec.workloads[1].name', 'spec.workloads[1].replicas',
    ]);
    expectIssue(byPath.get('metadata.name')!, 'metadata.name', lineOf(text, 'name: Demo'), /DNS-1123/);
    expectIssue(byPath.get('spec.workloads[0].traffic.peakRequestsPerSecond')!, 'spec.workloads[0].traffic.peakRequestsPerSecond', lineOf(text, '-20'), /greater than 0/);
    expectIssue(byPath.get('spec.workloads[1].name')!, 'spec.workloads[1].name', lineOf(text, 'name: Chat'), /DNS-1123/);
    expectIssue(byPath.get('spec.workloads[1].replicas')!, 'spec.workloads[1].replicas', lineOf(text, 'replicas: 3'), /^unknown field "replicas"/);

    // The error's message has one line per problem: source:line:column: path: message.
    const result = parsePlan(text, SOURCE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.error.message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContain(`${SOURCE}:${lineOf(text, 'replicas: 3')}:${byPath.get('spec.workloads[1].replicas')!.column}: spec.workloads[1].replicas: ${byPath.get('spec.workloads[1].replicas')!.message}`);
    for (const line of lines) expect(line).toMatch(/^plan\.yaml:\d+:\d+: \S+: /);
  });
});

describe('parsePlan on good input', () => {
  it('parses quantities with units into base units', () => {
    const p = parsed(plan(`${ranker.replace('1.5 GiB', '80 GiB')}    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 1.5 TB, runsPerDay: 24 }
      window: 45 min
      throughputPerCore: 40 MB/s
      retention: 30 d
`, { spec: '  monitoring: { scrapeInterval: 15 s, retention: 7 d }\n' }));
    const serving = workload(p, 0, 'model-serving');
    expect(serving.model.sizeBytes).toBe(80 * GiB);
    expect(serving.serviceTime).toBe(0.025);
    const pipeline = workload(p, 1, 'data-pipeline');
    expect(pipeline.input.bytesPerRun).toBe(1.5e12);
    expect(pipeline.window).toBe(2700);
    expect(pipeline.throughputPerCore).toBe(40e6);
    expect(pipeline.retention).toBe(30 * 86_400);
    expect(p.spec.monitoring).toEqual({ scrapeInterval: 15, retention: 7 * 86_400 });
  });

  it('fills defaults', () => {
    const p = parsed(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: demo }
spec:
  workloads:
${ranker}${chat}`);
    expect(p.metadata.namespace).toBe('default');
    expect(p.spec.defaults).toEqual({ targetUtilization: 0.7, redundancy: 'n+1', zones: 3 });
    expect(p.spec.cluster).toEqual({ provider: 'generic', nodePools: [] });
    expect(p.spec.monitoring).toEqual({ scrapeInterval: 30, retention: 15 * 86_400 });
    expect(p.spec.compliance).toEqual({ frameworks: [], auditEventsPerSecond: 0, auditEventBytes: 1024 });
    const serving = workload(p, 0, 'model-serving');
    expect(serving).toMatchObject({ device: 'cpu', workersPerReplica: 1, modelMemory: 'per-worker', slo: {}, metrics: { runtime: 'headroom' } });
    const llm = workload(p, 1, 'llm-inference');
    expect(llm.accelerator).toEqual({ gpu: 'auto', tensorParallel: 'auto', pipelineParallel: 'auto' });
    expect(llm.metrics).toEqual({ runtime: 'vllm' });
    expect(llm.model.precision).toBe('bf16');
  });

  it('fills the model from its preset (llama-3.1-8b)', () => {
    const model = workload(parsed(plan(chat)), 0, 'llm-inference').model;
    expect(model).toMatchObject({ preset: 'llama-3.1-8b', layers: 32, kvHeads: 8, attentionHeads: 32, hiddenSize: 4096, headDim: 128, estimatedArchitecture: false });
    expect(model.parameters).toBeGreaterThan(8e9);
    expect(model.parameters).toBeLessThan(8.1e9);
  });

  it('lets fields override the preset\'s values', () => {
    const model = workload(parsed(plan(chat.replace('{ preset: llama-3.1-8b }', '{ preset: llama-3.1-8b, kvHeads: 4, layers: 40, precision: fp8, maxContextTokens: 8192 }'))), 0, 'llm-inference').model;
    expect(model).toMatchObject({ preset: 'llama-3.1-8b', kvHeads: 4, layers: 40, precision: 'fp8', maxContextTokens: 8192, hiddenSize: 4096, attentionHeads: 32 });
  });
});

describe('planJsonSchema', () => {
  const schema = planJsonSchema() as { $schema?: string; type?: string; properties?: Record<string, unknown> };

  it('is a JSON Schema of an object with properties.spec', () => {
    expect(schema.$schema).toMatch(/^https:\/\/json-schema\.org\//);
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('spec');
    expect(schema.properties).toHaveProperty('apiVersion');
    expect(() => JSON.parse(JSON.stringify(schema))).not.toThrow();
  });

  it('describes every workload kind', () => {
    const text = JSON.stringify(schema);
    for (const kind of ['llm-inference', 'model-serving', 'training', 'batch-inference', 'data-pipeline']) {
      expect(text).toContain(`"const":"${kind}"`);
    }
  });

  it('has a description on every leaf field', () => {
    const leaves: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [name, child] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const isLeaf = child.properties === undefined && child.items === undefined;
        if (isLeaf && name !== 'kind') {
          leaves.push(`${path}.${name}`);
          if (typeof child.description !== 'string' || child.description.length < 5) undescribed.push(`${path}.${name}`);
        }
        walk(child, `${path}.${name}`);
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf'] as const) {
        const child = n[key];
        if (Array.isArray(child)) child.forEach((c) => walk(c, path));
        else walk(child, `${path}[]`);
      }
    };
    walk(schema, '');
    expect(leaves.length).toBeGreaterThan(50);
    expect(undescribed).toEqual([]);
    // Quantities say how to write them.
    expect(JSON.stringify(schema)).toContain('A number of s, or a string with a unit such as \\"250 ms\\"');
  });
});

describe('match: names and regexes in the dialects Prometheus and Kubernetes read', () => {
  it('refuses a JavaScript-only pod regex and a container name Kubernetes would refuse, with path and line', () => {
    const text = plan(`${ranker}      match: { pod: 'ranker-(?=v2).*', container: 'Ranker $1' }\n`);
    const issues = issuesOf(text);
    expect(issues).toContainEqual(expect.objectContaining({
      path: 'spec.workloads[0].match.pod', line: lineOf(text, 'match:'),
      message: expect.stringMatching(/^is not a regular expression Prometheus accepts \(RE2 syntax\): lookahead "\(\?=" is not supported by RE2/),
    }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'spec.workloads[0].match.container', message: expect.stringMatching(/DNS-1123 label/) }));
    expect(issuesOf(plan(`${ranker}      match: { pod: 'a)|(b' }\n`))[0]!.message).toMatch(/unexpected "\)" at position 2/);
  });

  it('accepts RE2 forms JavaScript lacks', () => {
    expect(parsePlan(plan(`${ranker}      match: { pod: '(?i)ranker-(?P<v>\\x{41}|[[:digit:]])\\pL*', container: ranker-server }\n`)).ok).toBe(true);
  });
});
