import { findPlanPreset, parsePlan, sizePlan, type Plan, type SignalAlert } from '@headroom/model';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { recordingRules } from '../rules/recording.ts';
import { workloadContexts } from '../workloads.ts';
import { ownedPods, renderQuery, ruleScope, workloadPods } from '../promql/selectors.ts';
import {
  deployedPlanQuery, deployedSamples, formatDuration, heldQuery, judgeCheck, worstVerdict, parseDuration, quantile, revisePlan, stepFor, summarize, sustained, verifyChecks, verifyReport, workloadResult,
  type Point, type VerifyCheck,
} from './index.ts';

const preset = (name: string): { plan: Plan; text: string } => {
  const text = findPlanPreset(name)!.yaml;
  const parsed = parsePlan(text, name);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { plan: parsed.plan, text };
};
const series = (values: number[], step = 60): Point[] => values.map((v, i) => [i * step, v]);
const alert = (partial: Partial<SignalAlert>): SignalAlert => ({ name: 'HeadroomTest', severity: 'warning', breach: 'above', threshold: 1, for: '15m', summary: '', runbook: 'x', ...partial });
const check = (alerts: SignalAlert[], planned?: number): VerifyCheck => ({ id: 'cpu-usage', title: 'CPU used', unit: 'cores', query: 'q', alerts, required: true, ...(planned !== undefined ? { planned } : {}) });

describe('durations and steps', () => {
  it('parses Prometheus durations', () => {
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('a week')).toBeUndefined();
    expect(formatDuration(300)).toBe('5m');
    expect(stepFor(604_800)).toBe(605);
    expect(604_800 / stepFor(604_800)).toBeLessThanOrEqual(11_000);
  });
});

describe('statistics', () => {
  it('interpolates quantiles like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(summarize(series([3, 1, 2]))).toMatchObject({ min: 1, p50: 2, max: 3, last: 2, samples: 3 });
    expect(summarize([])).toBeUndefined();
  });

  it('finds the level held for a duration, as an alert with `for` sees it', () => {
    // A 10-minute spike to 9 does not hold for 15 minutes; a 20-minute plateau at 5 does.
    const values = [1, 1, ...Array(10).fill(9), 1, ...Array(20).fill(5), 1];
    expect(sustained(series(values), 15 * 60, 60, 'high')).toBe(5);
    expect(sustained(series(values), 0, 60, 'high')).toBe(9);
    expect(sustained(series([4, 4, 4, 0.5, 4]), 120, 60, 'low')).toBe(4);
    // Longer than the history: judged over all of it.
    expect(sustained(series([2, 3, 2]), 86_400, 60, 'low')).toBe(3);
  });
});

describe('judgeCheck', () => {
  const cpuAlerts = [alert({ name: 'HeadroomCPUAbovePlan' }), alert({ name: 'HeadroomCPUOverProvisioned', breach: 'below', threshold: 0.3, for: '1d', severity: 'info' })];

  it('uses the alerts\' thresholds for the three verdicts', () => {
    expect(judgeCheck(check(cpuAlerts, 4), series(Array(30).fill(5)), 60).verdict).toBe('under-provisioned');
    expect(judgeCheck(check(cpuAlerts, 4), series(Array(30).fill(2)), 60).verdict).toBe('within-plan');
    const over = judgeCheck(check(cpuAlerts, 4), series(Array(30).fill(1)), 60);
    expect(over.verdict).toBe('over-provisioned');
    expect(over.note).toMatch(/shorter than an alert's `for`/);
    expect(over.headroomPercent).toBeCloseTo(75);
    // A short burst above plan is not a breach: the alert needs 15 minutes.
    expect(judgeCheck(check(cpuAlerts, 4), series([...Array(20).fill(2), ...Array(5).fill(8), ...Array(20).fill(2)]), 60).verdict).toBe('within-plan');
  });

  it('handles floors, absolute thresholds, differs and no data', () => {
    const replicas = judgeCheck(check([alert({ breach: 'below', for: '10m' })], 3), series(Array(30).fill(2)), 60);
    expect(replicas.verdict).toBe('under-provisioned');
    expect(replicas.headroomPercent).toBeCloseTo(-100 / 3);
    expect(judgeCheck(check([alert({ threshold: 0.9, for: '10m' })]), series(Array(30).fill(0.95)), 60).verdict).toBe('under-provisioned');
    expect(judgeCheck(check([alert({ breach: 'differs', threshold: 0.1 })], 2), series([2, 2, 2.5]), 60).verdict).toBe('differs-from-plan');
    expect(judgeCheck(check([], 2), series([1]), 60).verdict).toBe('not-judged');
    expect(judgeCheck(check(cpuAlerts, 4), [], 60)).toMatchObject({ verdict: 'no-data' });
  });
});

describe('verifyChecks', () => {
  it('runs the recording rules\' own queries with the owner join inlined (history before the rules counts), with the plan values the alerts compare with', () => {
    const { plan } = preset('chat-assistant');
    const sizing = sizePlan(plan);
    const workloads = verifyChecks(plan, sizing);
    const contexts = workloadContexts(plan, sizing);
    const rules = recordingRules(contexts, defaultKitConfig);
    const scope = ruleScope(defaultKitConfig);
    for (const [i, w] of workloads.entries()) {
      const target = contexts[i]!.target;
      for (const c of w.checks.filter((c) => !c.id.startsWith('latency-') && !contexts[i]!.signals.find((s) => s.id === c.id)!.query.includes('{{record:'))) {
        // The workload's query as a rule of its own would run it; a rule shared by the namespace's
        // workloads records the same values (proven under promtool: test/integration/promtool.test.ts).
        const perWorkload = renderQuery(contexts[i]!.signals.find((s) => s.id === c.id)!.query, target, scope);
        expect(perWorkload.replaceAll(workloadPods(target, scope), ownedPods(target, scope)), `${w.workload} ${c.id}`).toBe(c.query);
        expect(c.query).not.toContain('namespace_workload_pod:');
        const rule = rules.find((r) => r.record === `namespace_workload:headroom_${c.id.replaceAll('-', '_')}:signal` && (r.labels?.workload ?? w.workload) === w.workload && r.labels?.namespace === target.namespace);
        expect(rule, `${w.workload} ${c.id}`).toBeDefined();
        if (!rule!.expr.includes('group_left (plan, workload, kind)')) expect(rule!.expr).toBe(perWorkload);
      }
      const cpu = w.checks.find((c) => c.id === 'cpu-usage')!;
      expect(cpu.planned).toBe(sizing.workloads[i]!.total.cpuCores);
      expect(cpu.plannedFrom).toBe('headroom_plan_cpu_cores{scope="total"}');
    }
    const llm = workloads.find((w) => w.kind === 'llm-inference')!;
    expect(llm.checks.some((c) => c.id === 'latency-ttft' && c.query.startsWith('histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{'))).toBe(true);
  });
});

describe('revisePlan', () => {
  it('changes only the assumption behind the breached figure and comments every recommendation', () => {
    const { plan, text } = preset('chat-assistant');
    const sizing = sizePlan(plan);
    const workloads = verifyChecks(plan, sizing);
    const serving = workloads.find((w) => w.kind === 'model-serving')!;
    const planned = serving.checks.find((c) => c.id === 'cpu-usage')!.planned!;
    const results = workloads.map((w) => workloadResult(w, w.checks.map((c) => {
      const floor = c.alerts.some((a) => a.breach === 'below' && !a.name.endsWith('OverProvisioned'));
      const healthy = c.planned === undefined ? (floor ? 1e12 : 0) : c.planned * (floor ? 1.2 : 0.5);
      const level = c.id === 'cpu-usage' && w === serving ? planned * 2 : healthy;
      return judgeCheck(c, series(Array(30).fill(level)), 60);
    })));
    const report = verifyReport(plan.metadata.name, { start: 0, end: 1800, stepSeconds: 60, rateWindow: '5m' }, results);
    expect(report.underProvisioned).toEqual([serving.workload]);
    const revised = revisePlan(text, sizing, report, { note: 'test' });
    expect(revised.edits).toHaveLength(1);
    expect(revised.edits[0]!.path.at(-1)).toBe('cpuCoresPerWorker');
    expect(revised.text).toContain('# Revised by headroom verify (test)');
    expect(revised.text).toMatch(/# headroom verify: under-provisioned\n\s*#\s+cpu: observed p95/);
    const reparsed = parsePlan(revised.text, 'revised');
    if (!reparsed.ok) throw new Error(reparsed.error.message);
    const resized = sizePlan(reparsed.plan).workloads.find((w) => w.name === serving.workload)!;
    expect(resized.total.cpuCores / (planned * 2 * 1.15)).toBeCloseTo(1, 2);
    // Everything else is the same document.
    const before = parse(text) as { spec: { workloads: Record<string, unknown>[] } };
    const after = parse(revised.text) as typeof before;
    const index = before.spec.workloads.findIndex((w) => w.name === serving.workload);
    after.spec.workloads[index]!.assumptions = before.spec.workloads[index]!.assumptions;
    if (before.spec.workloads[index]!.assumptions === undefined) delete after.spec.workloads[index]!.assumptions;
    expect(after).toEqual(before);
  });
});

describe('alerts replayed at their own resolution', () => {
  const cpu = alert({ name: 'HeadroomCPUAbovePlan', breach: 'above', for: '15m' });
  it('asks for the level held over the alert\'s `for`, extreme within each step, only when the step is coarser than the rules\' resolution', () => {
    expect(heldQuery('sum(x)', cpu, 605, 60)).toBe('max_over_time(min_over_time((sum(x))[900s:60s])[605s:60s])');
    expect(heldQuery('sum(x)', alert({ breach: 'below', for: '10m' }), 605, 60)).toBe('min_over_time(max_over_time((sum(x))[600s:60s])[605s:60s])');
    expect(heldQuery('sum(x)', cpu, 60, 60)).toBeUndefined();
    expect(heldQuery('sum(x)', alert({ breach: 'differs' }), 605, 60)).toBeUndefined();
  });

  it('judges on the held levels when given: a breach between two points is found', () => {
    // Points ten minutes apart never show 15 minutes above 4; the held level does.
    const points = series([2, 6, 2, 2], 600);
    expect(judgeCheck(check([cpu], 4), points, 600).verdict).toBe('within-plan');
    expect(judgeCheck(check([cpu], 4), points, 600, { HeadroomCPUAbovePlan: series([2, 5.5, 2, 2], 600) }).verdict).toBe('under-provisioned');
  });

  it('tells missing data that matters from absence that means nothing happened', () => {
    expect(judgeCheck({ ...check([cpu], 4), required: true }, [], 60).verdict).toBe('no-data');
    expect(judgeCheck({ ...check([cpu], 4), required: false }, [], 60).verdict).toBe('not-judged');
    expect(worstVerdict(['within-plan', 'no-data', 'not-judged'])).toBe('no-data');
  });
});

describe('the deployed plan', () => {
  it('reads the exporter\'s series back as plan samples, folding replicas and scrape labels', () => {
    const info = { __name__: 'headroom_plan_info', plan: 'p', namespace: 'ml', version: 'headroom/v1', hash: 'h1' };
    const cpu = { __name__: 'headroom_plan_cpu_cores', plan: 'p', exported_namespace: 'ml', workload: 'w', kind: 'model-serving', scope: 'total' };
    const read = deployedSamples([
      { metric: { ...info, instance: 'a:9464', job: 'e' }, value: 1 },
      { metric: { ...info, instance: 'b:9464', job: 'e' }, value: 1 },
      { metric: { ...cpu, instance: 'a:9464', job: 'e' }, value: 4 },
      { metric: { ...cpu, instance: 'b:9464', job: 'e' }, value: 6 },
      { metric: { __name__: 'up', instance: 'a:9464' }, value: 1 },
    ]);
    expect(read.hashes).toEqual(['h1']);
    expect(read.conflicts).toBe(1);
    expect(read.samples).toEqual([
      { name: 'headroom_plan_info', labels: { plan: 'p', namespace: 'ml', version: 'headroom/v1', hash: 'h1' }, value: 1 },
      { name: 'headroom_plan_cpu_cores', labels: { plan: 'p', namespace: 'ml', workload: 'w', kind: 'model-serving', scope: 'total' }, value: 6 },
    ]);
    expect(deployedPlanQuery('p')).toBe('{__name__=~"headroom_plan_.+", plan="p"}');
  });
});
