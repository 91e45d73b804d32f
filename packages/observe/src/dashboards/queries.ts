/**
 * The dashboards' PromQL, named and kept apart from layout (as kubernetes-mixin's queries/).
 * Production-side queries come from the signals' templates (renderQuery); plan-side queries read
 * the exporter's headroom_plan_* series, never a number from the sizing, so a changed plan needs
 * no new dashboard. Every rate window is Grafana's $__rate_interval.
 */
import { planMetricFamilies, type LatencyObjective, type Signal } from '@headroom/model';
import { matcher } from '../promql/escape.ts';
import { planSeries, renderQuery, type QueryScope, type WorkloadTarget } from '../promql/selectors.ts';

/** Grafana's rate window: at least four scrape intervals, so rate() always has two samples. */
export const RATE_INTERVAL = '$__rate_interval';

/** Which plan entry a dashboard compares with: the plan name, the workload's name (or a variable holding it), and the cluster. */
export interface PlanRef {
  plan: string;
  workload: string;
  scope: QueryScope;
}

/** Dashboards read one cluster at a time: the `cluster` variable's value for the configured label. */
export const dashboardScope = (clusterLabel: string): QueryScope => ({ window: RATE_INTERVAL, clusterLabel, clusterValue: '${cluster}' });

const clusterMatcher = (ref: PlanRef) => ({ [ref.scope.clusterLabel]: ref.scope.clusterValue ?? '' });

const f = planMetricFamilies;

/** A plan series for one workload. max() folds duplicates (two Prometheus jobs scraping the exporter). */
export function planned(ref: PlanRef, metric: string, labels: Record<string, string> = {}): string {
  return `max(${clusterPlanSeries(ref, metric, { plan: ref.plan, workload: ref.workload, ...labels })})`;
}

/** Plan series in the selected cluster (regex match: the variable may be empty where series have no cluster label). */
function clusterPlanSeries(ref: PlanRef, metric: string, labels: Record<string, string>): string {
  const [name, value] = Object.entries(clusterMatcher(ref))[0]!;
  return planSeries(metric, labels).replace('{', `{${matcher(name, '=~', value)}, `);
}

/** What production does: the signal's query for this workload. */
export function signalActual(signal: Signal, target: WorkloadTarget, ref: PlanRef): string {
  return renderQuery(signal.query, target, ref.scope);
}

/** What the plan says for the signal (only for signals with a planned series). */
export function signalPlanned(signal: Signal, ref: PlanRef): string | undefined {
  return signal.planned ? planned(ref, signal.planned.metric, signal.planned.labels) : undefined;
}

/** Share of the planned amount still free: (planned − actual) / planned; below 0 means over plan. */
export function headroomRatio(actual: string, plannedExpr: string): string {
  return `(${plannedExpr} - (${actual})) / ${plannedExpr}`;
}

/** Bucket rates of an objective's histogram, reading the former name too where a runtime renamed it. */
function bucketRates(objective: LatencyObjective, target: WorkloadTarget, ref: PlanRef): string {
  const rate = (histogram: string) => renderQuery(`rate(${histogram}_bucket{{{selector}}}[{{window}}]) {{pods}}`, target, ref.scope);
  return objective.formerHistogram ? `${rate(objective.histogram)} or ${rate(objective.formerHistogram)}` : rate(objective.histogram);
}

/** The q-quantile (0.95 for p95) of an objective's latency across the workload's replicas. */
export function latencyQuantile(objective: LatencyObjective, target: WorkloadTarget, ref: PlanRef, q: number): string {
  return `histogram_quantile(${q}, sum by (le) (${bucketRates(objective, target, ref)}))`;
}

/** The objective's threshold as the exporter publishes it. */
export function latencySlo(objective: LatencyObjective, ref: PlanRef): string {
  return planned(ref, f.latencySloSeconds.name, { slo: objective.slo });
}

/** GPUs the workload's running containers request (kube-state-metrics turns nvidia.com/gpu into nvidia_com_gpu). */
export function gpusRequested(target: WorkloadTarget, ref: PlanRef): string {
  return renderQuery('sum(max by ({{cluster}}, namespace, pod, container) (kube_pod_container_resource_requests{resource="nvidia_com_gpu", {{containerSelector}}}) {{pods}})', target, ref.scope);
}

export function gpusPlanned(ref: PlanRef): string {
  return planned(ref, f.gpus.name, { scope: 'total' });
}

/** Bytes used on the persistent volumes the workload's pods mount (kubelet volume stats). */
export function storageUsed(target: WorkloadTarget, ref: PlanRef): string {
  return renderQuery('sum(kubelet_volume_stats_used_bytes{{{selector}}} * on ({{cluster}}, namespace, persistentvolumeclaim) group_left () max by ({{cluster}}, namespace, persistentvolumeclaim) (kube_pod_spec_volumes_persistentvolumeclaims_info{{{selector}}} {{pods}}))', target, ref.scope);
}

/** Planned storage over all of the workload's volumes (max by volume folds duplicate scrapes). */
export function storagePlanned(ref: PlanRef): string {
  return `sum(max by (volume) (${clusterPlanSeries(ref, f.storageBytes.name, { plan: ref.plan, workload: ref.workload })}))`;
}

/** The window (batch, pipeline) or deadline (training) a run must finish in. */
export function windowPlanned(ref: PlanRef): string {
  return planned(ref, f.windowSeconds.name);
}

/**
 * How long the run will have taken when it finishes at the current rate: time since its oldest
 * pod started, plus the work left (the plan's work per run less what the progress counter has
 * counted) divided by the current rate. `rate` is the signal's own rate query.
 */
export function projectedRunSeconds(target: WorkloadTarget, ref: PlanRef, progress: { counter: string; workUnit: string; rate: string }): string {
  const elapsed = renderQuery('time() - min(kube_pod_start_time{{{selector}}} {{pods}})', target, ref.scope);
  const done = renderQuery(`sum(${progress.counter}{{{selector}}} {{pods}})`, target, ref.scope);
  const remaining = `${planned(ref, f.workPerRun.name, { unit: progress.workUnit })} - ${done}`;
  return `(${elapsed}) + (${remaining}) / (${progress.rate})`;
}

/** 1 while the exporter publishes this plan; no data when it is not scraped. */
export function exporterUp(plan: string, scope: QueryScope): string {
  return `count(${clusterPlanSeries({ plan, workload: '', scope }, f.info.name, { plan })})`;
}

/**
 * A plan total summed over the workloads selected in a multi-value variable (regex matcher);
 * `distinct` names the labels that tell one workload's series apart (storage: volume). Plan series
 * are matched on plan and workload only: their namespace label becomes exported_namespace when the
 * exporter's ServiceMonitor does not honour labels.
 */
export function plannedTotalOf(plan: string, scope: QueryScope, metric: string, labels: Record<string, string>, workloadVariable: string, distinct: readonly string[] = []): string {
  const matchers = [matcher(scope.clusterLabel, '=~', scope.clusterValue ?? ''), matcher('plan', '=', plan), matcher('workload', '=~', workloadVariable), ...Object.entries(labels).map(([k, v]) => matcher(k, '=', v))];
  return `sum(max by (${['workload', ...distinct].join(', ')}) (${metric}{${matchers.join(', ')}}))`;
}
