/**
 * The design's test: a kind nobody wrote a dashboard for gets panels from its signals and latency
 * objectives alone. The toy kind's signals are hand-written; no dashboard code knows them.
 */
import { planPresets, type LatencyObjective, type Signal } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import type { WorkloadContext } from '../workloads.ts';
import { overviewRow } from './overview.ts';
import { dashboardScope } from './queries.ts';
import { dashboardJson } from './shell.ts';
import { panelsOf, promqlErrors, sizedPlan, targetsOf, type DashboardJson } from '../test-support.ts';
import { workloadDashboard } from './workload.ts';

const toySignals: Signal[] = [
  {
    id: 'widgets-per-second', title: 'Widgets per second', unit: 'widgets', source: 'headroom', checks: 'requiredWidgetsPerSecond',
    description: 'Widgets the toy makes per second. Good: at or above the planned rate.',
    query: 'sum {{by}} (rate(toy_widgets_total{{{selector}}}[{{window}}]) {{pods}})',
    planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_widgets_per_second' } },
    alerts: [{ name: 'HeadroomToySlow', severity: 'warning', breach: 'below', threshold: 1, for: '15m', summary: 'The toy is slow.', runbook: 'toy-slow' }],
    fixture: () => [],
  },
  {
    id: 'gears-jammed', title: 'Jammed gears', unit: 'percentunit', source: 'headroom', checks: 'gears',
    description: 'Fraction of gears jammed. Good: below 10%.',
    query: 'max(toy_gears_jammed_ratio{{{selector}}})',
    alerts: [{ name: 'HeadroomToyJammed', severity: 'critical', breach: 'above', threshold: 0.1, for: '5m', summary: 'Gears jam.', runbook: 'toy-jammed' }],
    fixture: () => [],
  },
];

const toyObjectives: LatencyObjective[] = [
  { id: 'assembly', title: 'Assembly time', histogram: 'toy_assembly_seconds', thresholdSeconds: 2, objective: 0.99, slo: 'assembly_p99', source: 'headroom' },
];

const { plan, sizing } = sizedPlan(planPresets[0]!.yaml);
const context: WorkloadContext = {
  target: { plan: plan.metadata.name, workload: 'toy', kind: 'toy-kind', namespace: 'toys', owner: 'toy', podsPerReplica: 1, podRegex: undefined, container: 'toy', containerMatch: undefined },
  sizing: { ...sizing.workloads[1]!, name: 'toy', kind: 'toy-kind' },
  signals: toySignals,
  objectives: toyObjectives,
};

describe('a new kind', () => {
  const model = JSON.parse(dashboardJson(workloadDashboard(plan.metadata.name, context, { uid: 'toy', title: 'Toy' }, 'cluster'))) as DashboardJson;
  const panels = panelsOf(model);
  const byTitle = (title: string) => panels.find((p) => p.title === title);

  it('gets actual vs planned for a signal with a plan series, read from the exporter', () => {
    const panel = byTitle('Widgets per second vs plan')!;
    expect(panel.fieldConfig?.defaults?.unit).toBe('short');
    expect(JSON.stringify(panel.fieldConfig)).toContain('"axisLabel":"widgets"');
    expect(panel.targets!.map((t) => [t.legendFormat, t.expr])).toEqual([
      ['actual', 'sum by (cluster) (rate(toy_widgets_total{cluster=~"${cluster}", namespace="toys"}[$__rate_interval]) * on (cluster, namespace, pod) group_left () namespace_workload_pod:headroom_pod_workload:info{cluster=~"${cluster}", plan="chat-assistant", workload="${workload}"})'],
      ['planned', 'max(headroom_plan_throughput{cluster=~"${cluster}", plan="chat-assistant", workload="${workload}", figure="required_widgets_per_second"})'],
    ]);
  });

  it('gets a panel with its alert threshold for a signal without one', () => {
    const panel = byTitle('Jammed gears')!;
    expect(panel.fieldConfig?.defaults?.unit).toBe('percentunit');
    expect(panel.fieldConfig?.defaults?.thresholds?.steps).toEqual([{ value: null, color: 'green' }, { value: 0.1, color: 'red' }]);
  });

  it('gets latency percentiles vs its SLO', () => {
    const panel = byTitle('Assembly time vs SLO')!;
    expect(panel.targets!.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99', 'SLO (p99)']);
    expect(panel.targets![3]!.expr).toBe('max(headroom_plan_latency_slo_seconds{cluster=~"${cluster}", plan="chat-assistant", workload="${workload}", slo="assembly_p99"})');
  });

  it('gets the storage comparison its sizing calls for, and only valid PromQL', () => {
    expect(panels.map((p) => p.title)).toEqual(expect.arrayContaining(['Storage used vs plan']));
    for (const { expr } of targetsOf(model)) expect(promqlErrors(expr), expr).toEqual([]);
  });

  it('gets a row on the overview', () => {
    const row = overviewRow(plan.metadata.name, context, false, dashboardScope('cluster'));
    expect(row.title).toBe('toy (toy-kind)');
    expect(row.panels.map((p) => p.title)).toEqual(expect.arrayContaining(['Widgets per second vs plan', 'Assembly time vs SLO']));
    expect(row.panels.find((p) => p.title === 'Assembly time vs SLO')!.queries[0]!.expr).toContain('rate(toy_assembly_seconds_bucket{cluster=~"${cluster}", namespace="toys"}[$__rate_interval]) * on (cluster, namespace, pod) group_left ()');
  });
});
