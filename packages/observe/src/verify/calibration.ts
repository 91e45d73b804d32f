/**
 * `verify --calibrate`, the parts that are neither fitting (packages/model, calibration/) nor I/O
 * (the CLI): which range queries give each workload's observations, rendered like verify's (the
 * owner join written out, so history from before the kit's rules counts), how their samples line
 * up into observations, and the plan text with the fitted values and their provenance written in.
 *
 * Per-replica figures divide the workload's sums by its pods that report (count of the runtime's
 * running gauge, or of the request counter), so a week in which the autoscaler moved is read at
 * each instant's replica count.
 */
import {
  acceptedFits, type CalibrationFit, type LlmObservation, type Observations, type PipelineObservation, type Plan, type ServingObservation, type Sizing,
} from '@headroom/model';
import { isMap, isSeq, parseDocument } from 'yaml';
import { renderQuery, targetOf, type QueryScope } from '../promql/selectors.ts';
import type { Point } from './stats.ts';

/** One query of a workload's calibration: the observation field it fills and the metric it reads. */
export interface CalibrationQuery {
  field: string;
  metric: string;
  query: string;
}

export interface WorkloadCalibrationQueries {
  workload: string;
  kind: Observations['kind'];
  queries: CalibrationQuery[];
  /** Why this workload cannot be calibrated from its metrics (none: it can). */
  unsupported?: string;
}

const perReplica = (sum: string, replicas: string) => `${sum} / ${replicas}`;
const vllmReplicas = 'count {{by}} (vllm:num_requests_running{{{selector}}} {{pods}})';
const rateSum = (metric: string, selector: 'selector' | 'containerSelector' = 'selector') => `sum {{by}} (rate(${metric}{{{${selector}}}}[{{window}}]) {{pods}})`;

const TEMPLATES: Record<Observations['kind'], readonly { field: string; metric: string; template: string }[]> = {
  'llm-inference': [
    { field: 'runningSequences', metric: 'vllm:num_requests_running', template: 'avg {{by}} (vllm:num_requests_running{{{selector}}} {{pods}})' },
    { field: 'waitingRequests', metric: 'vllm:num_requests_waiting', template: 'avg {{by}} (vllm:num_requests_waiting{{{selector}}} {{pods}})' },
    { field: 'requestsPerSecond', metric: 'vllm:request_success_total', template: perReplica(rateSum('vllm:request_success_total'), vllmReplicas) },
    { field: 'promptTokensPerSecond', metric: 'vllm:prompt_tokens_total', template: perReplica(rateSum('vllm:prompt_tokens_total'), vllmReplicas) },
    { field: 'generationTokensPerSecond', metric: 'vllm:generation_tokens_total', template: perReplica(rateSum('vllm:generation_tokens_total'), vllmReplicas) },
    { field: 'meanTimeToFirstTokenSeconds', metric: 'vllm:time_to_first_token_seconds',
      template: `${rateSum('vllm:time_to_first_token_seconds_sum')} / ${rateSum('vllm:time_to_first_token_seconds_count')}` },
  ],
  'model-serving': [
    { field: 'requestsPerSecond', metric: 'headroom_requests_total', template: perReplica(rateSum('headroom_requests_total'), 'count {{by}} (max by ({{cluster}}, namespace, pod) (headroom_requests_total{{{selector}}}) {{pods}})') },
    { field: 'meanLatencySeconds', metric: 'headroom_request_duration_seconds',
      template: `${rateSum('headroom_request_duration_seconds_sum')} / ${rateSum('headroom_request_duration_seconds_count')}` },
    { field: 'cpuCores', metric: 'container_cpu_usage_seconds_total',
      template: perReplica(rateSum('container_cpu_usage_seconds_total', 'containerSelector'), 'count {{by}} (max by ({{cluster}}, namespace, pod) (headroom_requests_total{{{selector}}}) {{pods}})') },
  ],
  'data-pipeline': [
    { field: 'bytesPerSecond', metric: 'headroom_pipeline_bytes_total', template: rateSum('headroom_pipeline_bytes_total') },
    { field: 'cpuCores', metric: 'container_cpu_usage_seconds_total', template: rateSum('container_cpu_usage_seconds_total', 'containerSelector') },
  ],
};

function unsupportedReason(w: Plan['spec']['workloads'][number]): string | undefined {
  if (w.kind === 'llm-inference' && w.metrics.runtime !== 'vllm') return `metrics.runtime is ${w.metrics.runtime}: calibration reads vLLM's metrics`;
  if (w.kind === 'model-serving' && w.metrics.runtime !== 'headroom') return `metrics.runtime is ${w.metrics.runtime}: calibration reads the Headroom instrumentation's request counter and latency histogram`;
  return undefined;
}

/** Every calibratable workload's range queries (other kinds are listed by the CLI as not calibrated). */
export function calibrationQueries(plan: Plan, sizing: Sizing, options: { rateWindow: string; clusterLabel?: string }): WorkloadCalibrationQueries[] {
  const scope: QueryScope = { window: options.rateWindow, clusterLabel: options.clusterLabel ?? 'cluster', inline: () => undefined };
  return plan.spec.workloads.flatMap((w): WorkloadCalibrationQueries[] => {
    if (!(w.kind in TEMPLATES)) return [];
    const kind = w.kind as Observations['kind'];
    const target = targetOf(plan, w, sizing.workloads.find((x) => x.name === w.name)!);
    const unsupported = unsupportedReason(w);
    return [{
      workload: w.name, kind,
      queries: TEMPLATES[kind].map((t) => ({ field: t.field, metric: t.metric, query: renderQuery(t.template, target, scope) })),
      ...(unsupported ? { unsupported } : {}),
    }];
  });
}

/**
 * The observations: one per instant at which every query has a sample. `missing` names the
 * metrics whose query returned nothing over the whole range.
 */
export function observationsFrom(w: WorkloadCalibrationQueries, results: ReadonlyMap<string, readonly Point[]>): Observations {
  const missing = w.queries.filter((q) => (results.get(q.field) ?? []).length === 0).map((q) => q.metric);
  const byTime = new Map<number, Record<string, number>>();
  for (const q of w.queries) {
    for (const [t, v] of results.get(q.field) ?? []) {
      if (!Number.isFinite(v)) continue;
      const row = byTime.get(t) ?? { time: t };
      row[q.field] = v;
      byTime.set(t, row);
    }
  }
  const complete = [...byTime.values()].filter((row) => w.queries.every((q) => q.field in row)).sort((a, b) => a.time! - b.time!);
  const unique = [...new Set(missing)];
  switch (w.kind) {
    case 'llm-inference': return { kind: w.kind, points: complete as unknown as LlmObservation[], missing: unique };
    case 'model-serving': return { kind: w.kind, points: complete as unknown as ServingObservation[], missing: unique };
    case 'data-pipeline': return { kind: w.kind, points: complete as unknown as PipelineObservation[], missing: unique };
  }
}

export interface CalibrationEdit {
  workload: string;
  path: (string | number)[];
  from: number;
  to: number;
}

export interface CalibrationSource {
  prometheus: string;
  /** e.g. "7d from … to …, step 605 s" */
  range: string;
  fittedAt: string;
  /** The queries per workload. */
  queries: ReadonlyMap<string, readonly string[]>;
}

/** Four significant digits: what the plan and the provenance both record, so they compare equal. */
export const fittedFigure = (value: number) => Number(value.toPrecision(4));

/**
 * The plan text with every accepted fit written: the value at its field (an assumption override,
 * `serviceTime` or `throughputPerCore`) and its provenance under the workload's `calibration:`.
 * Comments, key order and every other field are kept (the yaml Document API edits in place).
 */
export function calibratePlanText(text: string, fits: ReadonlyMap<string, readonly CalibrationFit[]>, source: CalibrationSource): { text: string; edits: CalibrationEdit[] } {
  const doc = parseDocument(text);
  const workloads = doc.getIn(['spec', 'workloads']);
  if (!isSeq(workloads)) throw new Error('internal: the plan has no spec.workloads list');
  const edits: CalibrationEdit[] = [];
  for (const [name, workloadFits] of fits) {
    const index = workloads.items.findIndex((item) => isMap(item) && item.get('name') === name);
    if (index < 0) continue;
    for (const fit of acceptedFits(workloadFits)) {
      const to = fittedFigure(fit.value);
      const path = ['spec', 'workloads', index, ...fit.field];
      doc.setIn(path, to);
      doc.setIn(['spec', 'workloads', index, 'calibration', fit.name], doc.createNode({
        value: to, previous: fit.previous, relativeError: fittedFigure(fit.relativeError ?? 0), points: fit.points,
        range: source.range, prometheus: source.prometheus, fittedAt: source.fittedAt, basis: fit.basis, queries: [...(source.queries.get(name) ?? [])],
      }));
      edits.push({ workload: name, path, from: fit.previous, to });
    }
  }
  // Nothing fitted: the text as it was, not even re-serialized.
  if (edits.length === 0) return { text, edits };
  const header = ` Calibrated by headroom verify --calibrate (${source.prometheus}, ${source.range}, ${source.fittedAt}): ${edits.length} value${edits.length === 1 ? '' : 's'} fitted; provenance under each workload's calibration:.`;
  doc.commentBefore = [header, doc.commentBefore].filter(Boolean).join('\n');
  return { text: doc.toString({ lineWidth: 0 }), edits };
}
