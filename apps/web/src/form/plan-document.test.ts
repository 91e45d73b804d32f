/**
 * Plan text edits: each keeps every line it does not touch byte-identical (comments, flow style,
 * `8e9`), and every result is a plan parsePlan accepts and sizePlan sizes.
 */
import { parsePlan, planPresets, sizePlan, type Plan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultPlanText } from '../state/store.ts';
import {
  addNodePool,
  addWorkload,
  clearField,
  duplicateWorkload,
  editKeepingLineEndings,
  moveWorkload,
  presetWorkloads,
  readPlanDocument,
  removeNodePool,
  removeWorkload,
  setField,
  uniqueName,
} from './plan-document.ts';

const base = defaultPlanText();
const lines = (text: string) => text.split('\n');
const lineWith = (text: string, needle: string) => lines(text).find((line) => line.includes(needle));

/** Parses and sizes the text, failing with parsePlan's message otherwise. */
function sized(text: string): Plan {
  const parsed = parsePlan(text);
  if (!parsed.ok) throw new Error(`expected a valid plan:\n${parsed.error.message}\n---\n${text}`);
  expect(sizePlan(parsed.plan).workloads.length).toBe(parsed.plan.spec.workloads.length);
  return parsed.plan;
}

/** The after-text's lines, with `changed` lines replaced at the same place: all others must be equal. */
function expectOnlyLinesChanged(before: string, after: string, changed: Record<number, string>): void {
  const expected = lines(before).map((line, i) => changed[i] ?? line);
  expect(lines(after)).toEqual(expected);
}

/** `after` is `before` with `inserted` lines added at line index `at`. */
function expectLinesInserted(before: string, after: string, at: number, inserted: string[]): void {
  const expected = lines(before);
  expected.splice(at, 0, ...inserted);
  expect(lines(after)).toEqual(expected);
}

const indexOfLine = (text: string, needle: string) => lines(text).findIndex((line) => line.includes(needle));
const names = (plan: Plan) => plan.spec.workloads.map((w) => w.name);

describe('readPlanDocument', () => {
  it('returns the document of a plan', () => {
    const read = readPlanDocument(base);
    expect(read.ok && read.document.getIn(['metadata', 'name'])).toBe('chat-assistant');
  });

  it('returns the YAML problem with its line when the text is not YAML', () => {
    const read = readPlanDocument('apiVersion: headroom/v1\nspec: [unclosed\n');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem.message).toMatch(/^not valid YAML or JSON: /);
      expect(read.problem.line).toBeGreaterThanOrEqual(2);
    }
  });

  it('reports text that is no mapping', () => {
    expect(readPlanDocument('just words').ok).toBe(false);
    expect(readPlanDocument('').ok).toBe(false);
  });
});

describe('setField', () => {
  it('replaces a value inside a flow mapping, as typed, and nothing else', () => {
    const after = setField(base, ['spec', 'workloads', 0, 'traffic', 'peakRequestsPerSecond'], { numberText: '2e2' });
    const at = indexOfLine(base, 'peakRequestsPerSecond: 20,');
    expectOnlyLinesChanged(base, after, { [at]: lines(base)[at]!.replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 2e2,') });
    expect(sized(after).spec.workloads[0]).toMatchObject({ traffic: { peakRequestsPerSecond: 200 } });
  });

  it('keeps the trailing comment of a block value and writes a quantity with its unit, unquoted', () => {
    const after = setField(base, ['spec', 'workloads', 1, 'serviceTime'], '30 ms');
    expect(lineWith(after, 'serviceTime')).toBe('      serviceTime: 30 ms          # mean time one request holds one worker');
    expect(sized(after).spec.workloads[1]).toMatchObject({ serviceTime: 0.03 });
  });

  it('quotes a string that would otherwise read as a number, a boolean or a comment', () => {
    expect(lineWith(setField(base, ['metadata', 'namespace'], '123'), 'metadata')).toBe('metadata: { name: chat-assistant, namespace: "123" }');
    expect(lineWith(setField(base, ['metadata', 'namespace'], 'a #b'), 'metadata')).toBe('metadata: { name: chat-assistant, namespace: "a #b" }');
    expect(lineWith(setField(base, ['metadata', 'namespace'], 'x, y'), 'metadata')).toBe('metadata: { name: chat-assistant, namespace: "x, y" }');
    expect(lineWith(setField(base, ['metadata', 'namespace'], ''), 'metadata')).toBe('metadata: { name: chat-assistant, namespace: "" }');
  });

  it('writes text that is no number as a string, so the schema reports it at the field', () => {
    const after = setField(base, ['spec', 'workloads', 0, 'traffic', 'peakRequestsPerSecond'], 'lots');
    const parsed = parsePlan(after);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues).toEqual([expect.objectContaining({ path: 'spec.workloads[0].traffic.peakRequestsPerSecond', message: 'must be a number (got "lots")' })]);
  });

  it('adds a missing key at the end of a flow mapping', () => {
    const after = setField(base, ['spec', 'workloads', 0, 'accelerator', 'tensorParallel'], 2);
    const at = indexOfLine(base, 'accelerator: { gpu: H100-SXM-80GB }');
    expectOnlyLinesChanged(base, after, { [at]: '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 2 }' });
    sized(after);
  });

  it('adds a missing key as a new line at the end of a block mapping', () => {
    const after = setField(base, ['spec', 'workloads', 1, 'minReplicas'], 3);
    expectLinesInserted(base, after, indexOfLine(base, 'slo: { latencyP95: 150 ms }') + 1, ['      minReplicas: 3']);
    expect(sized(after).spec.workloads[1]).toMatchObject({ minReplicas: 3 });
  });

  it('creates missing mappings on the way, in flow style', () => {
    const after = setField(base, ['spec', 'workloads', 4, 'match', 'pod'], 'features-.*');
    expectLinesInserted(base, after, indexOfLine(base, 'retention: 30 d') + 1, ['      match: { pod: features-.* }']);
    expect(sized(after).spec.workloads[4]?.match).toEqual({ pod: 'features-.*' });
  });

  it('fills a key written without a value', () => {
    const text = base.replace('  monitoring: { scrapeInterval: 30 s, retention: 15 d }\n', '  monitoring:\n');
    const after = setField(text, ['spec', 'monitoring', 'retention'], '7 d');
    expect(lineWith(after, 'monitoring')).toBe('  monitoring: { retention: 7 d }');
    sized(after);
  });

  it('keeps a flow list a flow list', () => {
    const after = setField(base, ['spec', 'compliance', 'frameworks'], ['pci-dss', 'hipaa']);
    expect(lineWith(after, 'compliance')).toBe('  compliance: { frameworks: [pci-dss, hipaa], auditEventsPerSecond: 200, auditEventBytes: 1 KiB }');
    expect(sized(after).spec.compliance.frameworks).toEqual(['pci-dss', 'hipaa']);
  });

  it('keeps a JSON plan JSON', () => {
    const json = JSON.stringify(parsePlanInput(base), null, 2);
    let after = setField(json, ['spec', 'workloads', 1, 'serviceTime'], '30 ms');
    after = setField(after, ['spec', 'workloads', 1, 'minReplicas'], { numberText: '2' });
    after = setField(after, ['spec', 'workloads', 4, 'match', 'pod'], 'features-.*');
    const data = JSON.parse(after) as { spec: { workloads: Record<string, unknown>[] } };
    expect(data.spec.workloads[1]).toMatchObject({ serviceTime: '30 ms', minReplicas: 2 });
    expect(data.spec.workloads[4]).toMatchObject({ match: { pod: 'features-.*' } });
    sized(after);
  });
});

/** The plan's data as written (quantities still strings), for building a JSON plan. */
function parsePlanInput(text: string): unknown {
  const read = readPlanDocument(text);
  if (!read.ok) throw new Error(read.problem.message);
  return read.document.toJS();
}

describe('clearField', () => {
  const model = (text: string) => lineWith(text, 'parameters: 8e9') ?? lineWith(text, 'layers: 32');

  it('removes a key from a flow mapping with its comma, wherever it stands', () => {
    expect(model(clearField(base, ['spec', 'workloads', 0, 'model', 'kvHeads']))).toBe('      model: { parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, precision: bf16 }');
    expect(model(clearField(base, ['spec', 'workloads', 0, 'model', 'parameters']))).toBe('      model: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, precision: bf16 }');
    expect(model(clearField(base, ['spec', 'workloads', 0, 'model', 'precision']))).toBe('      model: { parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 }');
    sized(clearField(base, ['spec', 'workloads', 0, 'model', 'kvHeads']));
  });

  it('leaves an empty flow mapping when its only key goes', () => {
    const after = clearField(base, ['spec', 'workloads', 1, 'slo', 'latencyP95']);
    expect(lineWith(after, 'slo: {}')).toBe('      slo: {}');
    sized(after);
  });

  it('removes the line of a block key and nothing else', () => {
    const after = clearField(base, ['spec', 'workloads', 1, 'workersPerReplica']);
    const expected = lines(base).filter((line) => !line.includes('workersPerReplica: 4'));
    expect(lines(after)).toEqual(expected);
    expect(sized(after).spec.workloads[1]).toMatchObject({ workersPerReplica: 1 });
  });

  it('turns a block mapping that loses its only key into {}', () => {
    const text = base.replace('      slo: { latencyP95: 150 ms }\n', '      slo:\n        latencyP95: 150 ms\n');
    const after = clearField(text, ['spec', 'workloads', 1, 'slo', 'latencyP95']);
    expect(lines(after)).toEqual(lines(base).map((line) => (line === '      slo: { latencyP95: 150 ms }' ? '      slo: {}' : line)));
    sized(after);
  });

  it('changes nothing when the key is absent', () => {
    expect(clearField(base, ['spec', 'workloads', 1, 'minReplicas'])).toBe(base);
    expect(clearField(base, ['spec', 'workloads', 1, 'match', 'pod'])).toBe(base);
  });
});

describe('workload list', () => {
  const ranker = presetWorkloads().find((w) => w.id === 'chat-assistant/ranker')!;

  it('adds a preset workload with its comments, renamed on a clash (name-2, name-3)', () => {
    const once = addWorkload(base, ranker.yaml);
    expect(once.startsWith(base)).toBe(true);
    const [first, ...rest] = lines(ranker.yaml.trimEnd());
    expect(lines(once.slice(base.length))).toEqual([`    - ${first!.replace('ranker', 'ranker-2')}`, ...rest.map((line) => `      ${line}`), '']);
    expect(once).toContain('serviceTime: 25 ms          # mean time one request holds one worker');
    const twice = addWorkload(once, ranker.yaml);
    expect(names(sized(twice))).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features', 'ranker-2', 'ranker-3']);
  });

  it('drops a nodePool reference the plan does not have, keeps one it has', () => {
    const withPool = `${ranker.yaml}nodePool: general\n`;
    expect(sized(addWorkload(base, withPool)).spec.workloads[5]?.nodePool).toBe('general');
    const withMissingPool = `${ranker.yaml}nodePool: cpu-big\n`;
    const after = addWorkload(base, withMissingPool);
    expect(after).not.toContain('cpu-big');
    expect(sized(after).spec.workloads[5]?.nodePool).toBeUndefined();
  });

  it('adds every workload of every preset to every preset plan', () => {
    const all = presetWorkloads();
    expect(all.length).toBe(planPresets.reduce((sum, preset) => sum + sized(preset.yaml).spec.workloads.length, 0));
    for (const preset of planPresets) {
      const after = all.reduce((text, workload) => addWorkload(text, workload.yaml), preset.yaml);
      const plan = sized(after);
      expect(new Set(names(plan)).size).toBe(plan.spec.workloads.length);
    }
  });

  it('adds to a JSON plan as JSON', () => {
    const json = JSON.stringify(parsePlanInput(base));
    const after = addWorkload(json, ranker.yaml);
    const data = JSON.parse(after) as { spec: { workloads: { name: string }[] } };
    expect(data.spec.workloads.at(-1)).toMatchObject({ name: 'ranker-2', serviceTime: '25 ms' });
    sized(after);
  });

  it('duplicates a workload right after itself with a unique name, text otherwise identical', () => {
    const after = duplicateWorkload(base, 1);
    const start = indexOfLine(base, '- name: ranker');
    const end = indexOfLine(base, '- name: finetune');
    const copy = lines(base).slice(start, end);
    expectLinesInserted(base, after, end, [copy[0]!.replace('ranker', 'ranker-2'), ...copy.slice(1)]);
    expect(names(sized(after))).toEqual(['chat-llm', 'ranker', 'ranker-2', 'finetune', 'embed-nightly', 'features']);
    expect(names(sized(duplicateWorkload(after, 1)))).toEqual(['chat-llm', 'ranker', 'ranker-3', 'ranker-2', 'finetune', 'embed-nightly', 'features']);
  });

  it('removes a workload and only its lines', () => {
    const after = removeWorkload(base, 1);
    const start = indexOfLine(base, '- name: ranker');
    const end = indexOfLine(base, '- name: finetune');
    expect(lines(after)).toEqual([...lines(base).slice(0, start), ...lines(base).slice(end)]);
    expect(names(sized(after))).toEqual(['chat-llm', 'finetune', 'embed-nightly', 'features']);
    expect(names(sized(removeWorkload(base, 4)))).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly']);
  });

  it('moves workloads up and down, each with its own lines', () => {
    const down = moveWorkload(base, 0, 1);
    expect(names(sized(down))).toEqual(['ranker', 'chat-llm', 'finetune', 'embed-nightly', 'features']);
    expect(moveWorkload(down, 1, 0)).toBe(base);
    expect(names(sized(moveWorkload(base, 4, 0)))).toEqual(['features', 'chat-llm', 'ranker', 'finetune', 'embed-nightly']);
    expect(moveWorkload(base, 0, -1)).toBe(base);
    expect(lines(moveWorkload(base, 0, 4)).sort()).toEqual(lines(base).sort());
  });

  it('keeps comments between workloads in place when they move', () => {
    const text = base.replace('    - name: ranker\n', '    # the ranker\n    - name: ranker\n');
    const after = moveWorkload(text, 1, 2);
    expect(indexOfLine(after, '# the ranker')).toBe(indexOfLine(text, '# the ranker'));
    expect(names(sized(after))).toEqual(['chat-llm', 'finetune', 'ranker', 'embed-nightly', 'features']);
  });

  it('moves and copies the last workload of a text without a final line break', () => {
    const text = base.trimEnd();
    expect(names(sized(moveWorkload(text, 4, 3)))).toEqual(['chat-llm', 'ranker', 'finetune', 'features', 'embed-nightly']);
    expect(names(sized(duplicateWorkload(text, 4)))).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features', 'features-2']);
    expect(names(sized(addWorkload(text, ranker.yaml))).at(-1)).toBe('ranker-2');
    expect(names(sized(removeWorkload(text, 4)))).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly']);
  });

  it('edits JSON workload lists in place', () => {
    const json = JSON.stringify(parsePlanInput(base), null, 2);
    for (const after of [duplicateWorkload(json, 0), removeWorkload(json, 2), moveWorkload(json, 3, 1)]) {
      expect(() => JSON.parse(after)).not.toThrow();
      sized(after);
    }
    expect(names(sized(moveWorkload(json, 3, 1)))).toEqual(['chat-llm', 'embed-nightly', 'ranker', 'finetune', 'features']);
  });
});

describe('node pools', () => {
  it('adds a pool of the provider\'s first instance type with a free name, and removes pools', () => {
    const after = addNodePool(base);
    expect(lineWith(after, 'name: pool')).toMatch(/^ {6}- \{ name: pool, instanceType: [\w.]+ \}$/);
    expect(sized(addNodePool(after)).spec.cluster.nodePools.map((p) => p.name)).toEqual(['general', 'gpu', 'pool', 'pool-2']);
    expect(sized(removeNodePool(base, 0)).spec.cluster.nodePools.map((p) => p.name)).toEqual(['gpu']);
  });

  it('creates the list when the plan has none', () => {
    const text = base.replace(/ {2}cluster:\n(?: {4}.*\n)+/, '');
    expect(sized(addNodePool(text)).spec.cluster.nodePools).toHaveLength(1);
  });
});

describe('uniqueName', () => {
  it('numbers from 2 and stays a 63-character label', () => {
    expect(uniqueName('a', new Set())).toBe('a');
    expect(uniqueName('a', new Set(['a', 'a-2']))).toBe('a-3');
    const long = 'x'.repeat(63);
    const name = uniqueName(long, new Set([long]));
    expect(name).toHaveLength(63);
    expect(name.endsWith('-2')).toBe(true);
  });
});

describe('plan text edits on unusual but valid YAML', () => {
  // The ranker's `-` stands alone on its line (or carries only a comment); its mapping starts below.
  const dashAlone = base.replace('    - name: ranker\n      kind: model-serving', '    -\n      name: ranker\n      kind: model-serving');
  const dashComment = base.replace('    - name: ranker\n      kind: model-serving', '    - # the ranker\n      name: ranker\n      kind: model-serving');

  it('removes, moves and duplicates an item whose mapping starts on the line after its dash', () => {
    for (const text of [dashAlone, dashComment]) {
      expect(sized(text).spec.workloads[1]!.name).toBe('ranker');
      expect(sized(removeWorkload(text, 1)).spec.workloads.map((w) => w.name)).toEqual(['chat-llm', 'finetune', 'embed-nightly', 'features']);
      expect(sized(moveWorkload(text, 1, 0)).spec.workloads.map((w) => w.name).slice(0, 2)).toEqual(['ranker', 'chat-llm']);
      expect(sized(duplicateWorkload(text, 1)).spec.workloads.map((w) => w.name).slice(1, 3)).toEqual(['ranker', 'ranker-2']);
    }
    expect(moveWorkload(dashComment, 1, 0)).toContain('  workloads:\n    - # the ranker\n      name: ranker');
  });

  it('writes a value into an empty field that carries a comment, keeping the comment', () => {
    const text = base.replace('slo: { latencyP95: 150 ms }', 'slo:\n        latencyP95: # to fill in');
    const edited = setField(text, ['spec', 'workloads', 1, 'slo', 'latencyP95'], '200 ms');
    expect(edited).toContain('latencyP95: 200 ms # to fill in');
    expect(sized(edited).spec.workloads[1]).toMatchObject({ slo: { latencyP95: 0.2 } });
  });

  it('pauses on YAML aliases rather than edit a shared value through one of its users', () => {
    const text = base.replace('slo: { latencyP95: 150 ms }', 'slo: &fast { latencyP95: 150 ms }').replace('kind: batch-inference', 'kind: batch-inference');
    expect(readPlanDocument(text).ok).toBe(true);
    const aliased = `${text.trimEnd()}\n# shared\n`.replace('monitoring: { scrapeInterval: 30 s, retention: 15 d }', 'monitoring: { scrapeInterval: 30 s, retention: 15 d }\n  x-shared: *fast');
    const read = readPlanDocument(aliased);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatchObject({ message: expect.stringContaining('YAML aliases (*fast)'), line: expect.any(Number) });
  });

  it('keeps CRLF line endings through an edit that adds lines', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    const edited = editKeepingLineEndings(crlf, (text) => setField(text, ['spec', 'workloads', 1, 'minReplicas'], 3));
    expect(edited).not.toMatch(/[^\r]\n/);
    expect(edited.replace(/\r\n/g, '\n')).toBe(setField(base, ['spec', 'workloads', 1, 'minReplicas'], 3));
  });
});
