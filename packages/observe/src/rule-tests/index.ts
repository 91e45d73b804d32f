/**
 * promtool unit tests for the generated rules: every alert is shown firing for a workload that
 * breaks its plan, and silent for one that keeps it. Series come from the same places production's
 * do: the plan series from the exporter's own `planSamples`, the raw metrics from each signal's
 * fixture, so the tests run the real recording rules end to end. `interval` is set in every group
 * (promtool 2.42 has no default).
 */
import { planSamples, type Plan, type Signal, type SignalAlert, type Sizing } from '@headroom/model';
import { stringify } from 'yaml';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { matcher } from '../promql/escape.ts';
import { renderQuery } from '../promql/selectors.ts';
import { signalAlerts } from '../rules/alerts.ts';
import { humanize } from '../rules/humanize.ts';
import { rulesPath } from '../rules/index.ts';
import { workloadLabels } from '../rules/recording.ts';
import { burnRateAlerts, durationSeconds } from '../rules/slo-windows.ts';
import { workloadContexts, type WorkloadContext } from '../workloads.ts';
import { examplePodName } from './example-pod.ts';

/**
 * Sample spacing: 1m, or 2m for tests longer than 6 hours (fewer samples; a 5m rate window still
 * holds at least two of them at every evaluation).
 */
const intervalFor = (evalSeconds: number) => (evalSeconds > 6 * 3600 ? 120 : 60);

/**
 * Rule evaluation interval inside the tests. The rule file leaves groups at the server's global
 * interval; 2m keeps day-long tests fast and is a divisor of every `for` the alerts use.
 */
const TEST_EVALUATION_INTERVAL = '2m';

interface InputSeries { series: string; values: string }
interface ExpectedAlert { exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }
interface TestGroup {
  name: string;
  interval: string;
  input_series: InputSeries[];
  alert_rule_test: { eval_time: string; alertname: string; exp_alerts: ExpectedAlert[] }[];
}

const seriesText = (metric: string, labels: Record<string, string>) =>
  `${metric}{${Object.entries(labels).map(([k, v]) => matcher(k, '=', v)).join(', ')}}`;

/** promtool's expanding notation: start, then `steps` more samples adding `step` each. */
const values = (start: number, step: number, steps: number) => `${start}${step < 0 ? '' : '+'}${step}x${steps}`;

const minutes = (seconds: number) => `${Math.ceil(seconds / 60)}m`;

/** The longest range a query reads, so tests run long enough for it to have data. */
function lookbackSeconds(query: string): number {
  return Math.max(300, ...[...query.matchAll(/\[(\d+[smhd])\]/g)].map((m) => durationSeconds(m[1]!)));
}

const interval = (seconds: number) => `${seconds / 60}m`;

function planSeriesFor(samples: ReturnType<typeof planSamples>, workload: string, steps: number): InputSeries[] {
  return samples.filter((s) => s.labels.workload === workload).map((s) => ({ series: seriesText(s.name, s.labels), values: values(s.value, 0, steps) }));
}

function fixtureSeries(signal: Signal, context: WorkloadContext, value: number, atSeconds: number, steps: number, intervalSeconds: number): InputSeries[] {
  const t = context.target;
  const placeholders: Record<string, string> = { '{{workload}}': t.workload, '{{namespace}}': t.namespace, '{{pvc}}': `${t.workload}-data-0` };
  const base = { namespace: t.namespace, pod: examplePodName(t.podRegex), container: t.container };
  return signal.fixture(value, atSeconds).map((f) => ({
    series: seriesText(f.metric, { ...base, ...Object.fromEntries(Object.entries(f.labels ?? {}).map(([k, v]) => [k, placeholders[v] ?? v])) }),
    values: values(f.start, f.perSecond * intervalSeconds, steps),
  }));
}

/** Observed values that break and that keep the plan, in the signal's unit. */
function levels(alert: SignalAlert, planned: number | undefined): { breaking: number; keeping: number; shown: (observed: number) => number } {
  const reference = planned ?? alert.threshold;
  if (alert.breach === 'differs') return { breaking: reference * (1 + alert.threshold) * 2 || 1, keeping: reference, shown: (o) => (alert.threshold === 0 ? o : Math.abs(o - reference)) };
  const limit = planned === undefined ? alert.threshold : planned * alert.threshold;
  if (alert.breach === 'above') return { breaking: limit > 0 ? limit * 2 : 1, keeping: limit > 0 ? limit / 2 : -1, shown: (o) => o };
  return { breaking: limit > 0 ? limit / 2 : -1e9, keeping: limit > 0 ? limit * 2 : 1e12, shown: (o) => o };
}

function plannedValue(samples: ReturnType<typeof planSamples>, signal: Signal, workload: string): number | undefined {
  if (!signal.planned) return undefined;
  const found = samples.find((s) => s.name === signal.planned!.metric && s.labels.workload === workload
    && Object.entries(signal.planned!.labels ?? {}).every(([k, v]) => s.labels[k] === v));
  if (!found) throw new Error(`internal: no plan series ${signal.planned.metric} for ${workload}`);
  return found.value;
}

/** The description exactly as Prometheus renders it (humanize on the observed and planned values). */
function renderDescription(template: string, labels: Record<string, string>, observed: number, planned: number | undefined): string {
  return template
    .replace(/\{\{ with printf .*? \| query \}\}\{\{ \. \| first \| value \| humanize \}\}\{\{ end \}\}/, planned === undefined ? '' : humanize(planned))
    .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')
    .replaceAll('{{ $value | humanize }}', humanize(observed))
    .replaceAll('{{ $value | humanizePercentage }}', `${humanize(observed * 100).replace(/[kMGTPEZYmunpfazy]$/, '')}%`);
}

export function ruleTestFile(plan: Plan, sizing: Sizing, config: KitConfig, annotationsOf: (alert: string) => Record<string, string>,
  contexts: readonly WorkloadContext[] = workloadContexts(plan, sizing)): object {
  const samples = planSamples(plan, sizing);
  const info = samples.filter((s) => s.name === 'headroom_plan_info');
  const tests: TestGroup[] = [];

  for (const { signal, alert, workloads } of signalAlerts(contexts)) {
    const [subject, other] = workloads;
    const rendered = renderQuery(signal.query, subject!.target, config.rateWindow);
    const evalSeconds = durationSeconds(alert.for) + lookbackSeconds(rendered) + 600;
    const step = intervalFor(evalSeconds);
    const steps = Math.ceil(evalSeconds / step) + 5;
    const subjectPlanned = plannedValue(samples, signal, subject!.target.workload);
    const subjectLevels = levels(alert, subjectPlanned);
    const inputs = (subjectValue: number, otherValue?: number): InputSeries[] => [
      ...planSeriesFor(samples, subject!.target.workload, steps),
      ...fixtureSeries(signal, subject!, subjectValue, evalSeconds, steps, step),
      ...(other && otherValue !== undefined ? [...planSeriesFor(samples, other.target.workload, steps), ...fixtureSeries(signal, other, otherValue, evalSeconds, steps, step)] : []),
    ];
    const labels = { ...workloadLabels(subject!.target), severity: alert.severity };
    const annotations = annotationsOf(alert.name);
    const expected: ExpectedAlert = {
      exp_labels: labels,
      exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, subjectLevels.shown(subjectLevels.breaking), subjectPlanned) },
    };
    const otherKeeping = other ? levels(alert, plannedValue(samples, signal, other.target.workload)).keeping : undefined;
    tests.push({
      name: `${alert.name} fires for ${subject!.target.workload} breaking its plan${other ? `, not for ${other.target.workload} keeping it` : ''}`,
      interval: interval(step),
      input_series: inputs(subjectLevels.breaking, otherKeeping),
      alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: alert.name, exp_alerts: [expected] }],
    });
    tests.push({
      name: `${alert.name} stays silent while ${subject!.target.workload} keeps its plan`,
      interval: interval(step),
      input_series: inputs(subjectLevels.keeping),
      alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: alert.name, exp_alerts: [] }],
    });
  }

  const withObjective = contexts.find((c) => c.objectives.length > 0);
  if (withObjective) {
    const objective = withObjective.objectives[0]!;
    for (const burn of burnRateAlerts) {
      const window = burn.windows[0]!;
      const evalSeconds = durationSeconds(window.long) + durationSeconds(burn.for) + 600;
      const step = intervalFor(evalSeconds);
      const steps = Math.ceil(evalSeconds / step) + 5;
      const budget = 1 - objective.objective;
      // Breaking: errors at the long window's burn rate plus half again (below the next alert's rate
      // where that matters); keeping: a tenth of the budget.
      const breakingErrors = Math.min(0.99, budget * window.burnRate * 1.5);
      const le = (seconds: number) => (objective.source === 'vllm' && Number.isInteger(seconds) ? seconds.toFixed(1) : String(seconds));
      const t = withObjective.target;
      const base = { namespace: t.namespace, pod: examplePodName(t.podRegex), container: t.container };
      const series = (errors: number): InputSeries[] => [
        { series: seriesText(`${objective.histogram}_bucket`, { ...base, le: le(objective.thresholdSeconds) }), values: values(0, 10 * (1 - errors) * step, steps) },
        { series: seriesText(`${objective.histogram}_bucket`, { ...base, le: '+Inf' }), values: values(0, 10 * step, steps) },
        { series: seriesText(`${objective.histogram}_count`, base), values: values(0, 10 * step, steps) },
      ];
      const labels = { ...workloadLabels(t), slo: objective.slo, severity: burn.severity };
      const annotations = annotationsOf(burn.name);
      tests.push({
        name: `${burn.name} fires when ${t.workload} misses its ${objective.slo} objective ${breakingErrors.toFixed(2)} of the time`,
        interval: interval(step),
        input_series: series(breakingErrors),
        alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: burn.name, exp_alerts: [{
          exp_labels: labels,
          exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, breakingErrors, undefined) },
        }] }],
      });
      tests.push({
        name: `${burn.name} stays silent when ${t.workload} spends a tenth of its budget`,
        interval: interval(step),
        input_series: series(budget / 10),
        alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: burn.name, exp_alerts: [] }],
      });
    }
  }

  const absent = annotationsOf('HeadroomPlanExporterAbsent');
  tests.push({
    name: 'HeadroomPlanExporterAbsent fires with no plan series',
    interval: '1m',
    input_series: [{ series: seriesText('up', { job: 'other' }), values: values(1, 0, 20) }],
    // absent() keeps the equality matchers of its argument as labels: plan.
    alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanExporterAbsent', exp_alerts: [{ exp_labels: { plan: plan.metadata.name, severity: 'warning' }, exp_annotations: absent }] }],
  });
  tests.push({
    name: 'HeadroomPlanExporterAbsent stays silent while the plan is published',
    interval: '1m',
    input_series: info.map((s) => ({ series: seriesText(s.name, s.labels), values: values(1, 0, 20) })),
    alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanExporterAbsent', exp_alerts: [] }],
  });

  // The exporter's own gauge as Prometheus stores it: its plan label, the target's namespace and pod.
  const reload = { plan: plan.metadata.name, namespace: plan.metadata.namespace, pod: `headroom-${plan.metadata.name}-exporter-7d9c5b6f4-x2x9q` };
  const reloadAnnotations = annotationsOf('HeadroomPlanReloadFailed');
  tests.push({
    name: 'HeadroomPlanReloadFailed fires while the exporter cannot load the edited plan',
    interval: '1m',
    input_series: [{ series: seriesText('headroom_exporter_plan_last_reload_successful', reload), values: values(0, 0, 20) }],
    alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanReloadFailed', exp_alerts: [{
      exp_labels: { ...reload, severity: 'warning' },
      exp_annotations: { ...reloadAnnotations, description: renderDescription(reloadAnnotations.description!, reload, 0, undefined) },
    }] }],
  });
  tests.push({
    name: 'HeadroomPlanReloadFailed stays silent once a good plan loads again',
    interval: '1m',
    // Failing for 8 minutes, then loaded: never 10 minutes of failure.
    input_series: [{ series: seriesText('headroom_exporter_plan_last_reload_successful', reload), values: '0x8 1x12' }],
    alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanReloadFailed', exp_alerts: [] }],
  });

  return { rule_files: [rulesPath(plan).replace('alerts/', '')], evaluation_interval: TEST_EVALUATION_INTERVAL, tests };
}

export const ruleTestPath = (plan: Plan) => `alerts/${plan.metadata.name}.rules.test.yaml`;

export function ruleTestFiles(plan: Plan, sizing: Sizing, config: KitConfig, annotationsOf: (alert: string) => Record<string, string>,
  contexts?: readonly WorkloadContext[]): GeneratedFile[] {
  const header = `# Generated by headroom: promtool unit tests for ${rulesPath(plan).replace('alerts/', '')}. Run: promtool test rules ${ruleTestPath(plan).replace('alerts/', '')}\n`;
  return [{ path: ruleTestPath(plan), contents: header + stringify(ruleTestFile(plan, sizing, config, annotationsOf, contexts), { lineWidth: 0 }) }];
}

