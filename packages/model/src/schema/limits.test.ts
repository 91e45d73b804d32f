/**
 * Structural limits (limits.ts) through parsePlan: each hostile shape from issue 13 is an ordinary
 * plan error naming the limit, the value found and the line, and comes back quickly; the presets,
 * in YAML and JSON, pass with room to spare.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planPresets } from '../presets/index.ts';
import { checkPlanText, defaultPlanLimits, resolvePlanLimits } from './limits.ts';
import { MAX_REPORTED_ISSUES, parsePlan, type PlanIssue } from './parse.ts';

function refusal(text: string, limits = {}): PlanIssue[] {
  const result = parsePlan(text, 'hostile.yaml', { limits });
  if (result.ok) throw new Error('expected the plan to be refused');
  expect(result.error.source).toBe('hostile.yaml');
  return result.error.issues;
}

const header = 'apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: demo }\nspec:\n';
const workload = (name: string) => `    - { name: ${name}, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 25 ms, model: { sizeBytes: 1 GiB } }\n`;

describe('structural limits', () => {
  it('refuses a text over the size limit before parsing it, naming the line where the limit is passed', () => {
    const text = `${header}  note: ${'x'.repeat(50_000_000)}\n`;
    const [issue] = refusal(text);
    expect(issue).toMatchObject({ limit: 'planBytes', line: 5 });
    expect(issue!.message).toMatch(/at least 50000\d+ bytes, over the limit of 1048576 \(planBytes\)/);
  });

  it('counts UTF-8 bytes, and takes the size of the whole input when the shell read only its beginning', () => {
    const limits = resolvePlanLimits({ planBytes: 10 });
    expect(checkPlanText('ééééé', limits)).toBeUndefined();
    expect(checkPlanText('éééééé', limits)).toMatchObject({ limit: 'planBytes', found: 12, atLeast: false });
    expect(checkPlanText('a\nb\nccccccccc', limits, 52_428_800)).toMatchObject({ found: 52_428_800, line: 3 });
  });

  it('refuses a million blank lines at the first line over the limit', () => {
    const [issue] = refusal('\n'.repeat(1_000_000) + 'a: 1');
    expect(issue).toMatchObject({ limit: 'planLines', line: defaultPlanLimits.planLines + 1 });
  });

  it.each([
    ['flow lists', '['.repeat(5000) + ']'.repeat(5000), 1],
    ['JSON objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), 1],
    ['indented mappings', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 33],
    ['compact sequences', `${'- '.repeat(20_000)}a`, 1],
    ['a nest inside a plan', `${header}  cluster:\n    nodePools: ${'['.repeat(3000)}\n`, 6],
  ])('refuses deep nesting (%s) before the YAML parser recurses into it', (_name, text, line) => {
    const started = performance.now();
    const [issue] = refusal(text);
    expect(issue).toMatchObject({ limit: 'nestingDepth', line });
    expect(issue!.message).toMatch(/levels of nesting, over the limit of 32 \(nestingDepth\)/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('measures nesting with aliases expanded', () => {
    const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    const text = `a: &a ${nest(20)}\nb: &b [*a]\nc: ${nest(12)}\nd: [[[[[[[[[[[[*b]]]]]]]]]]]]\n`;
    expect(refusal(text)[0]).toMatchObject({ limit: 'nestingDepth', line: 4 });
  });

  it('refuses an alias bomb by its expanded size, and a text by its number of aliases', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const [issue] = refusal(bomb);
    expect(issue).toMatchObject({ limit: 'expandedNodes', line: 6 });
    expect(refusal('a: &a 1\nb: [' + Array(101).fill('*a').join(', ') + ']\n')[0]).toMatchObject({ limit: 'aliases', line: 2 });
  });

  it('reports an undefined or recursive alias as a plan error with its line', () => {
    expect(refusal(`${header}  workloads: *missing\n`)[0]).toMatchObject({ line: 5, message: 'the alias *missing names no anchor &missing set before it' });
    expect(refusal('a: &x [*x]\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/recursive alias/) });
    expect(refusal('a: &x\n  b:\n    c: *x\n')[0]).toMatchObject({ line: 3, message: expect.stringMatching(/recursive alias/) });
  });

  it('refuses too many workloads or node pools at the list, before validating each entry', () => {
    const many = `${header}  workloads:\n${Array.from({ length: 1001 }, (_, i) => workload(`w${i}`)).join('')}`;
    expect(refusal(many)[0]).toMatchObject({ limit: 'workloads', path: 'spec.workloads', line: 6, message: expect.stringMatching(/1001 workloads, over the limit of 1000/) });
    const pools = `${header}  cluster:\n    nodePools: [${Array.from({ length: 101 }, (_, i) => `{ name: p${i}, instanceType: m5.large }`).join(', ')}]\n  workloads:\n${workload('a')}`;
    expect(refusal(pools)[0]).toMatchObject({ limit: 'nodePools', path: 'spec.cluster.nodePools', line: 6 });
  });

  it('takes overrides for an honest giant, and rejects a nonsensical override', () => {
    const many = `${header}  workloads:\n${Array.from({ length: 3 }, (_, i) => workload(`w${i}`)).join('')}`;
    expect(refusal(many, { workloads: 2 })[0]).toMatchObject({ limit: 'workloads' });
    expect(parsePlan(many, 'p.yaml', { limits: { workloads: 3 } }).ok).toBe(true);
    expect(refusal(many, { planLines: 5 })[0]).toMatchObject({ limit: 'planLines', line: 6 });
    expect(() => resolvePlanLimits({ planBytes: 0 })).toThrow(/planBytes must be a whole number of at least 1/);
    expect(() => resolvePlanLimits({ planBytes: 1.5 })).toThrow(/planBytes/);
  });

  it('reports duplicate keys with their line, in time linear in the number of keys', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: 1`).join('\n');
    const started = performance.now();
    const [issue] = refusal(`a:\n${keys}\n  k7: 2\n`);
    expect(issue).toMatchObject({ line: 40_002, message: expect.stringMatching(/^not valid YAML or JSON: Map keys must be unique; "k7" is repeated/) });
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('lists at most MAX_REPORTED_ISSUES problems and counts the rest', () => {
    const unknown = Array.from({ length: 16_000 }, (_, i) => `  x${i}: 1`).join('\n');
    const issues = refusal(`${header}${unknown}\n  workloads:\n${workload('a')}`);
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues[0]).toMatchObject({ path: 'spec.x0', line: 5 });
    expect(issues.at(-1)!.message).toBe(`and ${16_000 - MAX_REPORTED_ISSUES} more problems not listed`);
  });

  it.each(planPresets.map((p) => [p.name, p.yaml] as const))('passes the %s preset in YAML and JSON, with room to spare', (_name, yaml) => {
    const tight = { nestingDepth: 10, aliases: 1, expandedNodes: 2_000, planLines: 200, planBytes: 20_000, workloads: 10, nodePools: 5 };
    expect(parsePlan(yaml, 'preset.yaml', { limits: tight }).ok).toBe(true);
    for (const json of [JSON.stringify(parse(yaml), null, 2), JSON.stringify(parse(yaml))]) {
      expect(parsePlan(json, 'preset.json', { limits: tight }).ok).toBe(true);
    }
  });
});
