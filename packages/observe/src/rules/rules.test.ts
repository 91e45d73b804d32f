import { describe, expect, it } from 'vitest';
import { planPresets, type LatencyObjective, type Signal } from '@headroom/model';
import { defaultKitConfig } from '../config.ts';
import { ruleTestFile } from '../rule-tests/index.ts';
import { matcherValues, promqlErrors, sizedPlan } from '../test-support.ts';
import { workloadContexts, type WorkloadContext } from '../workloads.ts';
import { ruleFile } from './index.ts';
import { humanize } from './humanize.ts';
import { leMatcher } from './recording.ts';
import type { AlertingRule, RecordingRule } from './types.ts';

const presets = planPresets.map((p) => ({ name: p.name, ...sizedPlan(p.yaml) }));

describe('rule file', () => {
  it.each(presets.map((p) => [p.name, p] as const))('%s: every expression parses as PromQL (Prometheus\' Lezer grammar)', (_, { plan, sizing }) => {
    const rules = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) expect(promqlErrors(rule.expr), rule.expr).toEqual([]);
  });

  it.each(presets.map((p) => [p.name, p] as const))('%s: alerts follow the conventions (Headroom prefix, severity, summary, description, runbook)', (_, { plan, sizing }) => {
    const alerts = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    for (const alert of alerts) {
      expect(alert.alert).toMatch(/^Headroom[A-Z][A-Za-z0-9]+$/);
      expect(['critical', 'warning', 'info']).toContain(alert.labels.severity);
      expect(alert.for).toMatch(/^\d+[smhd]$/);
      expect(alert.annotations.summary).not.toMatch(/\{\{/);
      // Every description shows the observed value, except the exporter's own health (absent, or 0 = reload failed).
      if (!['HeadroomPlanExporterAbsent', 'HeadroomPlanReloadFailed'].includes(alert.alert)) expect(alert.annotations.description).toMatch(/\{\{ \$value/);
      expect(alert.annotations.runbook_url).toMatch(/^https:\/\/.+\/docs\/runbooks\/[a-z-]+\.md$/);
    }
  });

  it('recording rules are named level:metric:operations and labelled plan, namespace, workload, kind (node-pool rules: plan)', () => {
    const { plan, sizing } = presets[0]!;
    const records = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => 'record' in r);
    for (const rule of records) {
      expect(rule.record).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
      const nodeLevel = /^(node|instance_type):/.test(rule.record);
      const keys = Object.keys(rule.labels ?? {});
      if (nodeLevel) expect(keys).toEqual(['plan']);
      // A rule shared by several workloads sets what they have in common; the series take workload
      // and kind from the join with the recorded pods and keep them through the aggregation.
      else if (keys.includes('workload') && keys.includes('kind')) expect(keys).toEqual(expect.arrayContaining(['plan', 'namespace', 'workload', 'kind']));
      else {
        expect(keys).toEqual(expect.arrayContaining(['plan', 'namespace']));
        expect(rule.expr).toContain('by (cluster, plan, namespace, workload, kind)');
        expect(rule.expr).toContain('group_left (plan, workload, kind) namespace_workload_pod:headroom_pod_workload:info{');
      }
    }
    expect(records.filter((r) => /^(node|instance_type):/.test(r.record)).length).toBeGreaterThan(0);
  });

  it('reads planned values from the exporter\'s series, never constants from the sizing', () => {
    const { plan, sizing } = presets[0]!;
    const alerts = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    const cpu = alerts.find((a) => a.alert === 'HeadroomCPUAbovePlan')!;
    // The plan side folded per (cluster, plan, workload): any number of exporter replicas join as one.
    expect(cpu.expr).toBe('namespace_workload:headroom_cpu_usage:signal{plan="chat-assistant"} > on (cluster, plan, workload) group_left () max by (cluster, plan, workload) (headroom_plan_cpu_cores{plan="chat-assistant", scope="total"})');
    // One rule covers every workload: no workload name appears in an alert expression.
    for (const alert of alerts) for (const w of sizing.workloads) expect(alert.expr).not.toContain(`"${w.name}"`);
  });

  it('keeps regexes and quotes from the plan intact through PromQL escaping', () => {
    const { plan, sizing } = sizedPlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: esc, namespace: ns }
spec:
  workloads:
    - name: chat
      kind: model-serving
      traffic: { peakRequestsPerSecond: 5 }
      serviceTime: 20 ms
      model: { sizeBytes: 10 MiB }
      match: { pod: 'chat-(a|b)\\d-.*"x\\\\', container: say-hi }
`);
    const records = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => 'record' in r);
    const pods = records.find((r) => r.record === 'namespace_workload_pod:headroom_pod_workload:info')!;
    expect(promqlErrors(pods.expr)).toEqual([]);
    expect(matcherValues(pods.expr, 'pod')).toEqual(['chat-(a|b)\\d-.*"x\\\\']);
    const cpu = records.find((r) => r.record === 'namespace_workload:headroom_cpu_usage:signal')!;
    expect(promqlErrors(cpu.expr)).toEqual([]);
    // A container name is a DNS-1123 label (the plan refuses quotes there), so it needs no escaping.
    expect(matcherValues(cpu.expr, 'container')).toEqual(['say-hi']);
  });

  it('matches histogram bounds as Go and Python clients print them', () => {
    expect(leMatcher(1)).toBe('le=~"1|1\\\\.0"');
    expect(leMatcher(0.05)).toBe('le=~"0\\\\.05"');
  });

  it('humanize renders values as Prometheus templates do', () => {
    expect(humanize(0)).toBe('0');
    expect(humanize(12)).toBe('12');
    expect(humanize(64424509440)).toBe('64.42G');
    expect(humanize(0.0025)).toBe('2.5m');
    expect(humanize(-1e9)).toBe('-1G');
    expect(humanize(1234.5678)).toBe('1.235k');
  });
});

describe('rule tests feed series real exporters could emit', () => {
  type Tests = { tests: { input_series: { series: string; values: string }[] }[] };
  const starts = (tests: Tests, metric: string) => tests.tests.flatMap((g) => g.input_series)
    .filter((s) => s.series.startsWith(`${metric}{`)).map((s) => ({ series: s.series, start: Number(/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/.exec(s.values)![0]) }));

  it.each(presets.map((p) => [p.name, p] as const))('%s: fractions stay within [0, 1] and an autoscaler never runs more replicas than its maximum', (_, { plan, sizing }) => {
    const rules = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    const annotations = new Map(rules.map((r) => [r.alert, r.annotations]));
    const tests = ruleTestFile(plan, sizing, defaultKitConfig, (name) => ({ ...annotations.get(name)! })) as Tests;
    // dcgm-exporter's profiling fields are ratios of time busy (DCGM field docs: 0.0-1.0).
    for (const { series, start } of starts(tests, 'DCGM_FI_PROF_GR_ENGINE_ACTIVE')) expect(start, series).toBeLessThanOrEqual(1);
    const maxima = new Map(starts(tests, 'kube_horizontalpodautoscaler_spec_max_replicas').map((s) => [s.series.replace('spec_max_replicas', 'X'), s.start]));
    for (const { series, start } of starts(tests, 'kube_horizontalpodautoscaler_status_current_replicas')) {
      const maximum = maxima.get(series.replace('status_current_replicas', 'X'));
      if (maximum !== undefined) expect(start, series).toBeLessThanOrEqual(maximum);
    }
  });
});

describe('a new kind gets rules and rule tests without touching the generators', () => {
  it('turns a toy kind\'s signals and objective into recording rules, alerts and promtool tests', () => {
    const { plan, sizing } = presets.find((p) => p.name === 'feature-pipeline')!;
    const toySignal: Signal = {
      id: 'toy-widgets', title: 'Widgets per second', description: 'Widgets made per second. Good: at least the planned rate.', checks: 'coresNeeded',
      unit: 'short', source: 'headroom', query: 'sum {{by}} (rate(toy_widgets_total{{{selector}}}[{{window}}]) {{pods}})',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_bytes_per_second' } },
      alerts: [{ name: 'HeadroomToyWidgetsSlow', severity: 'warning', breach: 'below', threshold: 1, for: '10m', runbook: 'batch-behind-window', summary: 'Too few widgets.' }],
      fixture: (value) => [{ metric: 'toy_widgets_total', start: 0, perSecond: value }],
    };
    const toyObjective: LatencyObjective = { id: 'toy', title: 'Toy latency', histogram: 'toy_seconds', thresholdSeconds: 0.5, objective: 0.99, slo: 'toy', source: 'headroom' };
    const contexts: WorkloadContext[] = workloadContexts(plan, sizing).map((c) => ({ ...c, signals: [...c.signals, toySignal], objectives: [toyObjective] }));
    const rules = ruleFile(plan, sizing, defaultKitConfig, contexts).groups.flatMap((g) => g.rules);
    expect(rules.some((r) => 'record' in r && r.record === 'namespace_workload:headroom_toy_widgets:signal')).toBe(true);
    expect(rules.some((r) => 'alert' in r && r.alert === 'HeadroomToyWidgetsSlow')).toBe(true);
    expect(rules.some((r) => 'alert' in r && r.alert === 'HeadroomLatencySLOBurnFast')).toBe(true);
    const annotations = new Map(rules.filter((r): r is AlertingRule => 'alert' in r).map((r) => [r.alert, r.annotations]));
    type Tests = { tests: { alert_rule_test: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] };
    const tests = ruleTestFile(plan, sizing, defaultKitConfig, (name) => ({ ...annotations.get(name)! }), contexts) as Tests;
    const toy = tests.tests.flatMap((t) => t.alert_rule_test).filter((t) => t.alertname === 'HeadroomToyWidgetsSlow');
    // Fires in the cluster where the workload breaks the plan, and only there.
    expect(toy.map((t) => t.exp_alerts.map((a) => a.exp_labels.cluster))).toEqual([['breaks-HeadroomToyWidgetsSlow']]);
  });
});
