/**
 * promtool unit tests for the generated rules: every alert is shown firing for a workload that
 * breaks its plan, and silent for one that keeps it. Series come from the same places production's
 * do: the plan series from the exporter's own `planSamples` (twice, as two exporter replicas publish
 * them), the raw metrics from each signal's fixture, the pods' identity in kube-state-metrics'
 * owner series, so the tests run the real recording rules end to end.
 *
 * Each case is a pair of clusters (the cluster label): one where the workload breaks its plan, one
 * where it keeps it while a decoy workload whose name starts with the same prefix breaks it (found
 * by owner, the decoy never counts). Cases whose series share no metric run in one test group, so
 * a plan's tests cost a few evaluations of the rule file rather than one per alert; promtool 2.42
 * needs `interval` in every group.
 */
import { planSamples, type Plan, type PlanSample, type Signal, type SignalAlert, type Sizing } from '@headroom/model';
import { stringify } from 'yaml';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { renderQuery, ruleScope, type WorkloadTarget } from '../promql/selectors.ts';
import { signalAlerts } from '../rules/alerts.ts';
import { rulesPath } from '../rules/index.ts';
import { workloadLabels } from '../rules/shared.ts';
import { measuredAt } from '../rules/slo-bucket.ts';
import { burnRateAlerts, durationSeconds } from '../rules/slo-windows.ts';
import { workloadContexts, type WorkloadContext } from '../workloads.ts';
import { podOf } from './identity.ts';
import { poolTestGroup } from './pools.ts';
import { renderDescription } from './render.ts';
import { EXPORTERS, SeriesSet, seriesText, values, type AlertTest, type ExpectedAlert, type InputSeries, type TestGroup } from './series.ts';

/** Input samples every minute. */
const STEP_SECONDS = 60;
/**
 * Rule evaluation inside the tests. Every `for` is at most this or a multiple of it, so an alert
 * fires at the first evaluation after its breach has lasted its `for`; longer would mean fewer
 * evaluations of the rule file, the whole cost of a test.
 */
const EVALUATION_SECONDS = 300;
/** Evaluations after a breach has lasted its `for`, so the alert has certainly fired. */
const MARGIN_SECONDS = 600;
/**
 * Ranges of rate() and increase() up to this long need full data in the test (an increase over 30
 * minutes); other ranges, and longer ones, read the same value from partial data (an error ratio,
 * a max, a linear trend), so tests need not run for days.
 */
const FULL_RANGE_SECONDS = 3600;

/** Runtimes whose metrics may be scraped through pod annotations, with no container label. */
const RUNTIME_SOURCES = new Set(['vllm', 'triton', 'headroom']);


const minutes = (seconds: number) => `${Math.ceil(seconds / 60)}m`;
const roundUp = (seconds: number) => Math.ceil(seconds / EVALUATION_SECONDS) * EVALUATION_SECONDS;
const stepsFor = (evalSeconds: number) => Math.ceil(evalSeconds / STEP_SECONDS) + 5;

/** The longest range a query reads that needs full data, at least the rate window. */
function fullRangeSeconds(query: string): number {
  const ranges = [...query.matchAll(/(?:rate|increase)\([^[]*\[(\d+[smhd])\]/g)].map((m) => durationSeconds(m[1]!)).filter((s) => s <= FULL_RANGE_SECONDS);
  return Math.max(300, ...ranges);
}


/**
 * The plan series of one workload (or the plan's info series), as both exporter replicas publish
 * them. Only the series the case compares with: every series costs at every evaluation.
 */
function planSeries(samples: readonly PlanSample[], workload: string | undefined, cluster: Record<string, string>, steps: number, signal?: Signal): InputSeries[] {
  const planned = signal?.planned;
  // Plan series the query itself reads (e.g. the work per run of a projected finish).
  const read = new Set(signal ? [...signal.query.matchAll(/headroom_plan_[a-z_]+/g)].map((m) => m[0]) : []);
  const wanted = (s: PlanSample) => workload === undefined
    ? s.name === 'headroom_plan_info'
    : s.labels.workload === workload && (read.has(s.name)
      || (planned !== undefined && s.name === planned.metric && Object.entries(planned.labels ?? {}).every(([k, v]) => s.labels[k] === v)));
  const mine = samples.filter(wanted);
  return EXPORTERS.flatMap((exporter) => mine.map((s) => ({ series: seriesText(s.name, { ...cluster, ...exporter, ...s.labels }), values: values(s.value, 0, steps) })));
}

interface Placement {
  cluster: Record<string, string>;
  /** Name of the owning object (the workload's, or a decoy's). */
  owner: string;
  /** A service as a StatefulSet rather than a Deployment. */
  alternate: boolean;
  /** Runtime metrics scraped by a PodMonitor (container label) or through pod annotations (none). */
  runtimeContainer: boolean;
}

/** The pod's identity series and the signal's fixture series for one workload in one cluster. */
function workloadSeries(t: WorkloadTarget, signal: Signal, value: number, atSeconds: number, steps: number, where: Placement, samples: readonly PlanSample[]): InputSeries[] {
  const { pod, series: identity } = podOf(t, where.owner, where.alternate);
  const fill = (v: string) => v.replaceAll('{{workload}}', where.owner).replaceAll('{{namespace}}', t.namespace).replaceAll('{{pvc}}', `data-${where.owner}-0`);
  const fixtures = signal.fixture(value, atSeconds, (metric, labels = {}) => {
    const found = samples.find((s) => s.name === metric && s.labels.workload === t.workload && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (!found) throw new Error(`internal: no plan series ${metric} for ${t.workload} in ${signal.id}'s fixture`);
    return found.value;
  }).map((f) => {
    const level = f.level ?? 'container';
    const base: Record<string, string> = { ...where.cluster, namespace: t.namespace };
    if (level !== 'object') base.pod = pod.name;
    if (level === 'container') base.container = t.container;
    const labels: Record<string, string> = { ...base, ...Object.fromEntries(Object.entries(f.labels ?? {}).map(([k, v]) => [k, fill(v)])) };
    if (level === 'container' && RUNTIME_SOURCES.has(signal.source) && !where.runtimeContainer) delete labels.container;
    return { series: seriesText(f.metric, labels), values: values(f.start, f.perSecond * STEP_SECONDS, steps) };
  });
  return [...identity(where.cluster, steps), ...fixtures];
}

/**
 * Observed values that break and that keep the plan, in the signal's unit. A `percentunit` signal is
 * a fraction that cannot pass 1 (a GPU engine busy all the time, a container at its memory limit, an
 * autoscaler at its ceiling): it breaks an `above` threshold below 1 at 1, never at twice the limit.
 */
function levels(signal: Signal, alert: SignalAlert, planned: number | undefined): { breaking: number; keeping: number; shown: (observed: number) => number } {
  const reference = planned ?? alert.threshold;
  if (alert.breach === 'differs') return { breaking: reference * (1 + alert.threshold) * 2 || 1, keeping: reference, shown: (o) => (alert.threshold === 0 ? o : Math.abs(o - reference)) };
  const limit = planned === undefined ? alert.threshold : planned * alert.threshold;
  if (alert.breach === 'above' && signal.unit === 'percentunit') {
    if (!(limit > 0 && limit < 1)) throw new Error(`internal: ${alert.name} fires above ${limit} on a fraction, which no observation can break and keep`);
    return { breaking: 1, keeping: limit / 2, shown: (o) => o };
  }
  if (alert.breach === 'above') return { breaking: limit > 0 ? limit * 2 : 1, keeping: limit > 0 ? limit / 2 : -1, shown: (o) => o };
  return { breaking: limit > 0 ? limit / 2 : -1e9, keeping: limit > 0 ? limit * 2 : 1e12, shown: (o) => o };
}

function plannedValue(samples: readonly PlanSample[], signal: Signal, workload: string): number | undefined {
  if (!signal.planned) return undefined;
  const found = samples.find((s) => s.name === signal.planned!.metric && s.labels.workload === workload
    && Object.entries(signal.planned!.labels ?? {}).every(([k, v]) => s.labels[k] === v));
  if (!found) throw new Error(`internal: no plan series ${signal.planned.metric} for ${workload}`);
  return found.value;
}

/** One alert's case: its clusters' series at a given evaluation time, and the alerts expected then. */
interface Case {
  alertname: string;
  title: string;
  /** Earliest evaluation time at which the breach has lasted the alert's `for`. */
  evalSeconds: number;
  /** Raw metric names the case loads (cases sharing none can share a group). */
  metrics: ReadonlySet<string>;
  /** Alone in its group: its signal has a value with none of its metrics (a zero fallback). */
  alone: boolean;
  build(evalSeconds: number): { series: InputSeries[]; expected: ExpectedAlert[] };
}

/** A name the workload's name starts, that no workload of the plan has. */
function decoyName(owner: string, contexts: readonly WorkloadContext[]): string {
  const taken = new Set(contexts.map((c) => c.target.owner));
  let name = `${owner}-gateway`;
  while (taken.has(name)) name = `${name}-x`;
  return name;
}

function signalCases(contexts: readonly WorkloadContext[], samples: readonly PlanSample[], config: KitConfig, annotationsOf: (alert: string) => Record<string, string>): Case[] {
  const scope = ruleScope(config);
  const clusterOf = (value: string) => ({ [config.clusterLabel]: value });
  return signalAlerts(contexts).map(({ signal, alert, workloads }) => {
    const [subject, other] = workloads as [WorkloadContext, WorkloadContext | undefined];
    const t = subject.target;
    const rendered = renderQuery(signal.query, t, scope);
    const subjectPlanned = plannedValue(samples, signal, t.workload);
    const subjectLevels = levels(signal, alert, subjectPlanned);
    const otherKeeping = other ? levels(signal, alert, plannedValue(samples, signal, other.target.workload)).keeping : undefined;
    const decoy = decoyName(t.owner, contexts);
    const breaks = clusterOf(`breaks-${alert.name}`);
    const keeps = clusterOf(`keeps-${alert.name}`);
    return {
      alertname: alert.name,
      title: `${alert.name} fires for ${t.workload} breaking its plan${other ? ` (not for ${other.target.workload} keeping it)` : ''}, not where it keeps it beside a decoy ${decoy} breaking it`,
      evalSeconds: roundUp(durationSeconds(alert.for) + fullRangeSeconds(rendered) + MARGIN_SECONDS),
      metrics: new Set(signal.fixture(1, 0, () => 1).map((f) => f.metric)),
      alone: signal.query.includes('{{orZero}}'),
      build(evalSeconds) {
        const steps = stepsFor(evalSeconds);
        const series = [
          ...planSeries(samples, undefined, breaks, steps),
          ...planSeries(samples, t.workload, breaks, steps, signal),
          ...workloadSeries(t, signal, subjectLevels.breaking, evalSeconds, steps, { cluster: breaks, owner: t.owner, alternate: false, runtimeContainer: false }, samples),
          ...(other && otherKeeping !== undefined
            ? [...planSeries(samples, other.target.workload, breaks, steps, signal),
              ...workloadSeries(other.target, signal, otherKeeping, evalSeconds, steps, { cluster: breaks, owner: other.target.owner, alternate: true, runtimeContainer: true }, samples)]
            : []),
          ...planSeries(samples, undefined, keeps, steps),
          ...planSeries(samples, t.workload, keeps, steps, signal),
          ...workloadSeries(t, signal, subjectLevels.keeping, evalSeconds, steps, { cluster: keeps, owner: t.owner, alternate: true, runtimeContainer: true }, samples),
          // A decoy named with the workload's name as prefix: only a name-prefix match would count it.
          ...(t.podRegex === undefined
            ? workloadSeries(t, signal, subjectLevels.breaking, evalSeconds, steps, { cluster: keeps, owner: decoy, alternate: false, runtimeContainer: false }, samples)
            : []),
        ];
        const labels = { ...breaks, ...workloadLabels(t), severity: alert.severity };
        const annotations = annotationsOf(alert.name);
        return {
          series,
          expected: [{
            exp_labels: labels,
            exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, subjectLevels.shown(subjectLevels.breaking), subjectPlanned) },
          }],
        };
      },
    };
  });
}

/**
 * Packs cases into groups: a group's cases run for the same time and share no metric and no alert
 * name. A group costs its evaluations times its series, so a long case does not drag short ones
 * along; a group of its own costs little more than its evaluations.
 */
function pack(cases: readonly Case[]): Case[][] {
  const groups: Case[][] = [];
  for (const c of cases) {
    const fits = (group: Case[]) => !c.alone && group.every((o) => !o.alone && o.evalSeconds === c.evalSeconds && o.alertname !== c.alertname && [...c.metrics].every((m) => !o.metrics.has(m)));
    const group = groups.find(fits);
    if (group) group.push(c);
    else groups.push([c]);
  }
  return groups;
}

function groupOf(cases: readonly Case[]): TestGroup {
  const evalSeconds = Math.max(...cases.map((c) => c.evalSeconds));
  const series = new SeriesSet();
  const tests: AlertTest[] = [];
  for (const c of cases) {
    const built = c.build(evalSeconds);
    series.add(...built.series);
    tests.push({ eval_time: minutes(evalSeconds), alertname: c.alertname, exp_alerts: built.expected });
  }
  return { name: cases.map((c) => c.title).join('; '), interval: `${STEP_SECONDS / 60}m`, input_series: series.list(), alert_rule_test: tests };
}

/** HeadroomSignalMissing: pods run and every declared signal is scraped but one; and all of them. */
function signalMissingGroup(contexts: readonly WorkloadContext[], samples: readonly PlanSample[], config: KitConfig, annotationsOf: (alert: string) => Record<string, string>): TestGroup | undefined {
  const subject = contexts.find((c) => c.signals.some((s) => s.presence !== undefined));
  if (!subject) return undefined;
  const t = subject.target;
  const declared = subject.signals.filter((s) => s.presence !== undefined);
  const missing = declared[0]!;
  const evalSeconds = 25 * 60;
  const steps = stepsFor(evalSeconds);
  const series = new SeriesSet();
  for (const [name, signals] of [['signal-missing', declared.slice(1)], ['signals-present', declared]] as const) {
    const cluster = { [config.clusterLabel]: name };
    const { pod } = podOf(t, t.owner, false);
    series.add(...planSeries(samples, undefined, cluster, steps));
    for (const [phase, value] of [['Running', 1], ['Pending', 0], ['Succeeded', 0], ['Failed', 0], ['Unknown', 0]] as const) {
      series.add({ series: seriesText('kube_pod_status_phase', { ...cluster, job: 'kube-state-metrics', namespace: t.namespace, pod: pod.name, uid: pod.uid, phase }), values: values(value, 0, steps) });
    }
    for (const signal of signals) series.add(...workloadSeries(t, signal, 1, evalSeconds, steps, { cluster, owner: t.owner, alternate: false, runtimeContainer: true }, samples));
    if (signals.length === 0) series.add(...podOf(t, t.owner, false).series(cluster, steps));
  }
  const labels = { [config.clusterLabel]: 'signal-missing', ...workloadLabels(t), signal: missing.id, severity: 'warning' };
  const annotations = annotationsOf('HeadroomSignalMissing');
  return {
    name: `HeadroomSignalMissing fires within 30 minutes for ${t.workload} running without ${missing.id}, not while every signal it declares is scraped`,
    interval: '1m',
    input_series: series.list(),
    alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: 'HeadroomSignalMissing', exp_alerts: [{ exp_labels: labels, exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, 1, undefined) } }] }],
  };
}

function burnRateGroups(contexts: readonly WorkloadContext[], samples: readonly PlanSample[], config: KitConfig, annotationsOf: (alert: string) => Record<string, string>): TestGroup[] {
  const withObjective = contexts.find((c) => c.objectives.length > 0);
  if (!withObjective) return [];
  const objective = withObjective.objectives[0]!;
  const t = withObjective.target;
  const budget = 1 - objective.objective;
  const bucket = measuredAt(objective).bucketSeconds;
  const le = objective.source === 'vllm' && Number.isInteger(bucket) ? bucket.toFixed(1) : String(bucket);
  const runtime: Record<string, string> = objective.source === 'vllm' ? { model_name: 'meta-llama/Llama-3.1-8B-Instruct' } : {};
  return burnRateAlerts.map((burn) => {
    const window = burn.windows[0]!;
    // Bucket and count start together, so every window, however long, gives the same error ratio
    // from partial data: the test needs a rate window of data, then the `for`.
    const evalSeconds = roundUp(durationSeconds(burn.for) + 300 + MARGIN_SECONDS);
    const steps = stepsFor(evalSeconds);
    // Breaking: errors at the long window's burn rate plus half again; keeping: a tenth of the budget.
    const breakingErrors = Math.min(0.99, budget * window.burnRate * 1.5);
    const series = new SeriesSet();
    const clusters = [[`burns-${objective.slo}`, breakingErrors, false], [`keeps-${objective.slo}`, budget / 10, true]] as const;
    for (const [name, errors, alternate] of clusters) {
      const cluster = { [config.clusterLabel]: name };
      const { pod, series: identity } = podOf(t, t.owner, alternate);
      const base: Record<string, string> = { ...cluster, namespace: t.namespace, pod: pod.name, ...runtime, ...(alternate ? { container: objective.source === 'vllm' ? 'vllm' : t.container } : {}) };
      series.add(...planSeries(samples, undefined, cluster, steps), ...identity(cluster, steps),
        { series: seriesText(`${objective.histogram}_bucket`, { ...base, le }), values: values(0, 10 * (1 - errors) * STEP_SECONDS, steps) },
        { series: seriesText(`${objective.histogram}_bucket`, { ...base, le: '+Inf' }), values: values(0, 10 * STEP_SECONDS, steps) },
        { series: seriesText(`${objective.histogram}_count`, base), values: values(0, 10 * STEP_SECONDS, steps) });
    }
    const labels = { [config.clusterLabel]: `burns-${objective.slo}`, ...workloadLabels(t), slo: objective.slo, severity: burn.severity };
    const annotations = annotationsOf(burn.name);
    return {
      name: `${burn.name} fires when ${t.workload} misses its ${objective.slo} objective ${breakingErrors.toFixed(2)} of the time, not when it spends a tenth of its budget`,
      interval: '1m',
      input_series: series.list(),
      alert_rule_test: [{ eval_time: minutes(evalSeconds), alertname: burn.name, exp_alerts: [{
        exp_labels: labels,
        exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, breakingErrors, undefined) },
      }] }],
    };
  });
}

/**
 * The plan exporter absent (one alert with no plan anywhere; one for the cluster whose pods run
 * without it), and kube-state-metrics absent from one cluster (one alert for it).
 */
function absenceGroups(plan: Plan, contexts: readonly WorkloadContext[], samples: readonly PlanSample[], config: KitConfig, annotationsOf: (alert: string) => Record<string, string>): TestGroup[] {
  const steps = 20;
  const cluster = (name: string) => ({ [config.clusterLabel]: name });
  const ksm = (name: string): InputSeries => ({ series: seriesText('kube_pod_owner', { ...cluster(name), job: 'kube-state-metrics', namespace: 'kube-system', pod: 'coredns-5d78c9869d-8x2wq', uid: 'uid-coredns', owner_kind: 'ReplicaSet', owner_name: 'coredns-5d78c9869d', owner_is_controller: 'true' }), values: values(1, 0, steps) });
  const ksmAnnotations = annotationsOf('HeadroomKubeStateMetricsAbsent');
  const ksmLabels = { ...cluster('without-ksm'), plan: plan.metadata.name, severity: 'warning' };
  // The exporter's own gauge as Prometheus stores it: its cluster and plan labels, the target's namespace and pod.
  const reload = { ...cluster('prod'), plan: plan.metadata.name, namespace: plan.metadata.namespace, pod: `headroom-${plan.metadata.name}-exporter-7d9c5b6f4-x2x9q` };
  const reloadAnnotations = annotationsOf('HeadroomPlanReloadFailed');
  return [
    {
      name: 'HeadroomPlanExporterAbsent fires with no plan series',
      interval: '1m',
      input_series: [{ series: seriesText('up', { job: 'other' }), values: values(1, 0, steps) }],
      // absent() keeps the equality matchers of its argument as labels: plan.
      alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanExporterAbsent', exp_alerts: [{ exp_labels: { plan: plan.metadata.name, severity: 'warning' }, exp_annotations: annotationsOf('HeadroomPlanExporterAbsent') }] }],
    },
    ...contexts.slice(0, 1).map(({ target: t }) => ({
      name: `HeadroomPlanExporterAbsent fires for the cluster where ${t.workload}'s pods run without the plan series, not for the cluster that publishes them`,
      interval: '1m',
      input_series: [...podOf(t, t.owner, false).series(cluster('without-plan'), steps), ...podOf(t, t.owner, false).series(cluster('with-plan'), steps), ...planSeries(samples, undefined, cluster('with-plan'), steps)],
      alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanExporterAbsent', exp_alerts: [{ exp_labels: { ...cluster('without-plan'), plan: plan.metadata.name, severity: 'warning' }, exp_annotations: annotationsOf('HeadroomPlanExporterAbsent') }] }],
    })),
    {
      name: 'HeadroomKubeStateMetricsAbsent fires once for the cluster without kube-state-metrics; HeadroomPlanExporterAbsent stays silent while the plan is published',
      interval: '1m',
      input_series: [...planSeries(samples, undefined, cluster('without-ksm'), steps), ...planSeries(samples, undefined, cluster('with-ksm'), steps), ksm('with-ksm')],
      alert_rule_test: [
        { eval_time: '15m', alertname: 'HeadroomPlanExporterAbsent', exp_alerts: [] },
        { eval_time: '15m', alertname: 'HeadroomKubeStateMetricsAbsent', exp_alerts: [{ exp_labels: ksmLabels, exp_annotations: { ...ksmAnnotations, description: renderDescription(ksmAnnotations.description!, ksmLabels, EXPORTERS.length, undefined) } }] },
      ],
    },
    {
      name: 'HeadroomPlanReloadFailed fires while the exporter cannot load the edited plan',
      interval: '1m',
      input_series: [{ series: seriesText('headroom_exporter_plan_last_reload_successful', reload), values: values(0, 0, steps) }],
      alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanReloadFailed', exp_alerts: [{
        exp_labels: { ...reload, severity: 'warning' },
        exp_annotations: { ...reloadAnnotations, description: renderDescription(reloadAnnotations.description!, reload, 0, undefined) },
      }] }],
    },
    {
      name: 'HeadroomPlanReloadFailed stays silent once a good plan loads again',
      interval: '1m',
      // Failing for 8 minutes, then loaded: never 10 minutes of failure.
      input_series: [{ series: seriesText('headroom_exporter_plan_last_reload_successful', reload), values: '0x8 1x12' }],
      alert_rule_test: [{ eval_time: '15m', alertname: 'HeadroomPlanReloadFailed', exp_alerts: [] }],
    },
  ];
}

export function ruleTestFile(plan: Plan, sizing: Sizing, config: KitConfig, annotationsOf: (alert: string) => Record<string, string>,
  contexts: readonly WorkloadContext[] = workloadContexts(plan, sizing)): object {
  const samples = planSamples(plan, sizing);
  const missing = signalMissingGroup(contexts, samples, config, annotationsOf);
  const tests: TestGroup[] = [
    ...pack(signalCases(contexts, samples, config, annotationsOf)).map(groupOf),
    ...(missing ? [missing] : []),
    ...burnRateGroups(contexts, samples, config, annotationsOf),
    ...absenceGroups(plan, contexts, samples, config, annotationsOf),
  ];
  const pools = poolTestGroup(plan, sizing, config, annotationsOf);
  if (pools) tests.push(pools);
  return { rule_files: [rulesPath(plan).replace('alerts/', '')], evaluation_interval: `${EVALUATION_SECONDS / 60}m`, tests };
}

export const ruleTestPath = (plan: Plan) => `alerts/${plan.metadata.name}.rules.test.yaml`;

export function ruleTestFiles(plan: Plan, sizing: Sizing, config: KitConfig, annotationsOf: (alert: string) => Record<string, string>,
  contexts?: readonly WorkloadContext[]): GeneratedFile[] {
  const header = `# Generated by headroom: promtool unit tests for ${rulesPath(plan).replace('alerts/', '')}. Run: promtool test rules ${ruleTestPath(plan).replace('alerts/', '')}\n`;
  return [{ path: ruleTestPath(plan), contents: header + stringify(ruleTestFile(plan, sizing, config, annotationsOf, contexts), { lineWidth: 0 }) }];
}
