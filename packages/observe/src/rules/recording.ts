/**
 * Recording rules: which pods belong to which workload (by owner), how many of them run, each
 * signal's value per workload and cluster, which declared signals are absent while pods run, and
 * the latency objectives' error ratios over the burn-rate windows. Every series carries the cluster
 * label (when the ruler sees one), plan, namespace, workload and kind, so alerts join them with the
 * plan series on (cluster, plan, workload).
 */
import type { LatencyObjective } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { promqlString, regexLiteral } from '../promql/escape.ts';
import { podWorkloadRecord, runningPodsRecord, signalAbsentRecord, signalRecord, sloBudgetRecord, sloErrorRatioRecord } from '../promql/names.ts';
import { isShareable, ownedPods, renderQuery, ruleScope, sharedGrouping, sharedMatchers, type QueryScope, type WorkloadTarget } from '../promql/selectors.ts';
import type { WorkloadContext } from '../workloads.ts';
import { measuredAt } from './slo-bucket.ts';
import { sloWindows } from './slo-windows.ts';
import { shareRules, workloadLabels, type Candidate } from './shared.ts';
import type { RecordingRule } from './types.ts';

/** `le` as Go clients (prom-client: "1") and Python clients (vLLM: "1.0") print it. */
export function leMatcher(seconds: number): string {
  const spellings = new Set([String(seconds), Number.isInteger(seconds) ? seconds.toFixed(1) : String(seconds)]);
  return `le=~${promqlString([...spellings].map(regexLiteral).join('|'))}`;
}

/** Running pods: kube-state-metrics reports one phase series per phase, 1 for the current one. */
const RUNNING_PODS = 'sum {{by}} (max by ({{cluster}}, namespace, pod) (kube_pod_status_phase{{{selector}}, phase="Running"} == 1) {{pods}})';

function histogramRate(objective: LatencyObjective, t: WorkloadTarget, scope: QueryScope, series: '_bucket' | '_count', window: string): string {
  const le = series === '_bucket' ? `, ${leMatcher(measuredAt(objective).bucketSeconds)}` : '';
  const rate = (histogram: string) => renderQuery(histogramTemplate(histogram, series, le, window), t, scope);
  return objective.formerHistogram ? `(${rate(objective.histogram)} or ${rate(objective.formerHistogram)})` : rate(objective.histogram);
}

const histogramTemplate = (histogram: string, series: string, le: string, window: string) => `sum {{by}} (rate(${histogram}${series}{{{selector}}${le}}[${window}]) {{pods}})`;

/**
 * A signal absent while pods run: the running pods of the workload (of each workload of a shared
 * rule) that have no series of the signal's metric, per cluster.
 */
function absentWhileRunning(presence: string, t: WorkloadTarget, scope: QueryScope): string {
  if (!scope.shared) {
    const running = `${runningPodsRecord}{plan=${promqlString(t.plan)}, workload=${promqlString(t.workload)}} > 0`;
    return `${running} unless on (${scope.clusterLabel}) ${renderQuery(presence, t, scope)}`;
  }
  return `${runningPodsRecord}{${sharedMatchers(t, scope.shared)}} > 0 unless on (${sharedGrouping(scope)}) ${renderQuery(presence, t, scope)}`;
}

/**
 * Which pods are whose (one rule per workload: each selects its owner's pods by name, cheap), then
 * running pods, signals and absent signals, shared by the workloads of a namespace where the query
 * allows (shared.ts). The pods rules come first: a group's rules run in order, and every shared rule
 * reads the pods of all its workloads.
 */
export function recordingRules(contexts: readonly WorkloadContext[], config: KitConfig): RecordingRule[] {
  const scope = ruleScope(config);
  const targets = contexts.map((c) => c.target);
  const pods: RecordingRule[] = targets.map((target) => ({ record: podWorkloadRecord, expr: ownedPods(target, scope), labels: workloadLabels(target) }));
  const candidates: Candidate[] = [];
  for (const { target, signals } of contexts) {
    candidates.push({ record: runningPodsRecord, target, shareable: isShareable(RUNNING_PODS), render: (s) => renderQuery(RUNNING_PODS, target, s) });
    for (const signal of signals) {
      const zeroSeries = signal.planned && { metric: signal.planned.metric, labels: signal.planned.labels };
      const shareable = isShareable(signal.query) && (!signal.query.includes('{{orZero}}') || zeroSeries !== undefined);
      candidates.push({ record: signalRecord(signal.id), target, shareable, zeroSeries, render: (s) => renderQuery(signal.query, target, s) });
    }
    for (const signal of signals) {
      const presence = signal.presence;
      if (presence === undefined) continue;
      candidates.push({ record: signalAbsentRecord, target, labels: { signal: signal.id }, shareable: isShareable(presence), render: (s) => absentWhileRunning(presence, target, s) });
    }
  }
  return [...pods, ...shareRules(candidates, targets, scope)];
}

/** Each objective's error budget (one rule per workload, a constant) and its error ratios per window, shared where the histogram and bound are the same. */
export function sloRecordingRules(contexts: readonly WorkloadContext[], config: KitConfig): RecordingRule[] {
  const scope = ruleScope(config);
  const budgets: RecordingRule[] = [];
  const candidates: Candidate[] = [];
  for (const { target, objectives } of contexts) {
    for (const objective of objectives) {
      budgets.push({ record: sloBudgetRecord, expr: `vector(${1 - objective.objective})`, labels: { ...workloadLabels(target), slo: objective.slo } });
      const shareable = isShareable(histogramTemplate(objective.histogram, '_count', '', sloWindows[0]!));
      for (const window of sloWindows) {
        candidates.push({
          record: sloErrorRatioRecord(window), target, labels: { slo: objective.slo }, shareable,
          render: (s) => `1 - ${histogramRate(objective, target, s, '_bucket', window)} / ${histogramRate(objective, target, s, '_count', window)}`,
        });
      }
    }
  }
  return [...budgets, ...shareRules(candidates, contexts.map((c) => c.target), scope)];
}
