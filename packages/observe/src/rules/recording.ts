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
import { ownedPods, renderQuery, ruleScope, type QueryScope, type WorkloadTarget } from '../promql/selectors.ts';
import type { WorkloadContext } from '../workloads.ts';
import { measuredAt } from './slo-bucket.ts';
import { sloWindows } from './slo-windows.ts';
import type { RecordingRule } from './types.ts';

export const workloadLabels = (t: WorkloadTarget) => ({ plan: t.plan, namespace: t.namespace, workload: t.workload, kind: t.kind });

/** `le` as Go clients (prom-client: "1") and Python clients (vLLM: "1.0") print it. */
export function leMatcher(seconds: number): string {
  const spellings = new Set([String(seconds), Number.isInteger(seconds) ? seconds.toFixed(1) : String(seconds)]);
  return `le=~${promqlString([...spellings].map(regexLiteral).join('|'))}`;
}

/** Running pods: kube-state-metrics reports one phase series per phase, 1 for the current one. */
const RUNNING_PODS = 'sum {{by}} (max by ({{cluster}}, namespace, pod) (kube_pod_status_phase{{{selector}}, phase="Running"} == 1) {{pods}})';

function histogramRate(objective: LatencyObjective, t: WorkloadTarget, scope: QueryScope, series: '_bucket' | '_count', window: string): string {
  const le = series === '_bucket' ? `, ${leMatcher(measuredAt(objective).bucketSeconds)}` : '';
  const rate = (histogram: string) => renderQuery(`sum {{by}} (rate(${histogram}${series}{{{selector}}${le}}[${window}]) {{pods}})`, t, scope);
  return objective.formerHistogram ? `(${rate(objective.histogram)} or ${rate(objective.formerHistogram)})` : rate(objective.histogram);
}

export function recordingRules(contexts: readonly WorkloadContext[], config: KitConfig): RecordingRule[] {
  const scope = ruleScope(config);
  const rules: RecordingRule[] = [];
  for (const { target, signals } of contexts) {
    const labels = workloadLabels(target);
    rules.push({ record: podWorkloadRecord, expr: ownedPods(target, scope), labels });
    rules.push({ record: runningPodsRecord, expr: renderQuery(RUNNING_PODS, target, scope), labels });
    for (const signal of signals) {
      rules.push({ record: signalRecord(signal.id), expr: renderQuery(signal.query, target, scope), labels });
    }
    const running = `${runningPodsRecord}{plan=${promqlString(target.plan)}, workload=${promqlString(target.workload)}} > 0`;
    for (const signal of signals) {
      if (signal.presence === undefined) continue;
      rules.push({
        record: signalAbsentRecord,
        expr: `${running} unless on (${config.clusterLabel}) ${renderQuery(signal.presence, target, scope)}`,
        labels: { ...labels, signal: signal.id },
      });
    }
  }
  return rules;
}

export function sloRecordingRules(contexts: readonly WorkloadContext[], config: KitConfig): RecordingRule[] {
  const scope = ruleScope(config);
  const rules: RecordingRule[] = [];
  for (const { target, objectives } of contexts) {
    for (const objective of objectives) {
      const labels = { ...workloadLabels(target), slo: objective.slo };
      rules.push({ record: sloBudgetRecord, expr: `vector(${1 - objective.objective})`, labels });
      for (const window of sloWindows) {
        rules.push({
          record: sloErrorRatioRecord(window),
          expr: `1 - ${histogramRate(objective, target, scope, '_bucket', window)} / ${histogramRate(objective, target, scope, '_count', window)}`,
          labels,
        });
      }
    }
  }
  return rules;
}
