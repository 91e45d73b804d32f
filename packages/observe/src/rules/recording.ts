/**
 * Recording rules: which pod belongs to which workload, each signal's value per workload, and the
 * latency objectives' error ratios over the burn-rate windows. Every series carries plan,
 * namespace, workload and kind, so alerts join them with the plan series on (plan, workload).
 */
import type { LatencyObjective } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { promqlString, regexLiteral } from '../promql/escape.ts';
import { podWorkloadRecord, signalRecord, sloBudgetRecord, sloErrorRatioRecord } from '../promql/names.ts';
import { containerSelector, podSelector, renderQuery, type WorkloadTarget } from '../promql/selectors.ts';
import type { WorkloadContext } from '../workloads.ts';
import { sloWindows } from './slo-windows.ts';
import type { RecordingRule } from './types.ts';

export const workloadLabels = (t: WorkloadTarget) => ({ plan: t.plan, namespace: t.namespace, workload: t.workload, kind: t.kind });

/** `le` as Go clients (prom-client: "1") and Python clients (vLLM: "1.0") print it. */
export function leMatcher(seconds: number): string {
  const spellings = new Set([String(seconds), Number.isInteger(seconds) ? seconds.toFixed(1) : String(seconds)]);
  return `le=~${promqlString([...spellings].map(regexLiteral).join('|'))}`;
}

function histogramRate(objective: LatencyObjective, t: WorkloadTarget, series: '_bucket' | '_count', window: string): string {
  const matchers = series === '_bucket' ? `${containerSelector(t)}, ${leMatcher(objective.thresholdSeconds)}` : containerSelector(t);
  const rate = (histogram: string) => `sum(rate(${histogram}${series}{${matchers}}[${window}]))`;
  return objective.formerHistogram ? `(${rate(objective.histogram)} or ${rate(objective.formerHistogram)})` : rate(objective.histogram);
}

export function recordingRules(contexts: readonly WorkloadContext[], config: KitConfig): RecordingRule[] {
  const rules: RecordingRule[] = [];
  for (const { target, signals } of contexts) {
    rules.push({ record: podWorkloadRecord, expr: `max by (namespace, pod) (kube_pod_info{${podSelector(target)}})`, labels: workloadLabels(target) });
    for (const signal of signals) {
      rules.push({ record: signalRecord(signal.id), expr: renderQuery(signal.query, target, config.rateWindow), labels: workloadLabels(target) });
    }
  }
  return rules;
}

export function sloRecordingRules(contexts: readonly WorkloadContext[]): RecordingRule[] {
  const rules: RecordingRule[] = [];
  for (const { target, objectives } of contexts) {
    for (const objective of objectives) {
      const labels = { ...workloadLabels(target), slo: objective.slo };
      rules.push({ record: sloBudgetRecord, expr: `vector(${1 - objective.objective})`, labels });
      for (const window of sloWindows) {
        rules.push({
          record: sloErrorRatioRecord(window),
          expr: `1 - ${histogramRate(objective, target, '_bucket', window)} / ${histogramRate(objective, target, '_count', window)}`,
          labels,
        });
      }
    }
  }
  return rules;
}
