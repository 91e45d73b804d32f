/**
 * LLM serving: the plan's efficiencies from what vLLM reports. The sizing's own relations are
 * inverted (kinds/llm-inference/capacity.ts, sizing/transformer.ts), at the observed batch and
 * sequence lengths rather than the plan's:
 *
 * - Time to first token = prefill + one decode step (the sizing's TTFT, no queueing).
 * - Little's law with prefills stalling the decode batch: per second a replica spends r × prefill
 *   on prompts and the rest on decode steps of B sequences, so g = B (1 − r × prefill) / step.
 *
 * With r requests/s, g generated tokens/s, B running sequences and T the mean time to first token
 * per replica, the two give step = B (1 − r T) / (g − B r) and prefill = T − step. Then
 * prefillComputeEfficiency is the efficiency at which the sizing's prefill of the observed mean
 * prompt takes `prefill`, and memoryBandwidthEfficiency the one at which its decode step at batch B
 * (KV read at the observed mean context, prompt + output / 2) takes `step`. Points with requests
 * waiting are left out (queueing inflates TTFT and caps the batch: saturated), as are idle ones.
 */
import { assumptionCatalog, type Assumptions } from '../catalog/assumptions.ts';
import type { GpuSpec } from '../catalog/types.ts';
import { kvElementBytes } from '../kinds/llm-inference/capacity.ts';
import type { LlmInferenceWorkload } from '../kinds/llm-inference/schema.ts';
import { decodeStep, kvBytesForSequence, prefillSeconds, weightLayout, type Parallelism } from '../sizing/transformer.ts';
import { fitPoints, refused, solveMonotone, type CalibrationFit, type Solution } from './fit.ts';

/** One instant, per replica (means over the workload's pods). */
export interface LlmObservation {
  time: number;
  /** vllm:num_requests_running */
  runningSequences: number;
  /** vllm:num_requests_waiting */
  waitingRequests: number;
  /** rate(vllm:request_success_total) */
  requestsPerSecond: number;
  /** rate(vllm:prompt_tokens_total) */
  promptTokensPerSecond: number;
  /** rate(vllm:generation_tokens_total) */
  generationTokensPerSecond: number;
  /** rate(vllm:time_to_first_token_seconds_sum) / rate(…_count) */
  meanTimeToFirstTokenSeconds: number;
}

/** The replica layout the plan was sized at (from its Sizing). */
export interface LlmLayout {
  gpu: GpuSpec;
  tensorParallel: number;
  pipelineParallel: number;
  nodesPerReplica: number;
}

export const LLM_METRICS = ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:request_success_total', 'vllm:prompt_tokens_total', 'vllm:generation_tokens_total', 'vllm:time_to_first_token_seconds'] as const;

/**
 * Below this |g − B r| / g the split is undetermined: the two relations' Jacobian has determinant
 * (B r − g) / step, zero when the mean output length (g / r) equals the running batch, where noise
 * in any figure moves step and prefill without bound.
 */
const MIN_SPLIT_CONDITION = 0.1;

/** The decode step and prefill the split gives for one observation; undefined when it gives none. */
export function splitObservation(o: LlmObservation): { stepSeconds: number; prefillSeconds: number; promptTokens: number; outputTokens: number } | undefined {
  const { runningSequences: b, requestsPerSecond: r, generationTokensPerSecond: g, meanTimeToFirstTokenSeconds: t } = o;
  if (!(r > 0 && g > 0 && b > 0 && t > 0) || Math.abs(g - b * r) < MIN_SPLIT_CONDITION * g) return undefined;
  // Both factors change sign together when the batch is larger than the mean output length.
  const stepSeconds = (b * (1 - r * t)) / (g - b * r);
  const prefill = t - stepSeconds;
  if (!(stepSeconds > 0 && prefill > 0)) return undefined;
  return { stepSeconds, prefillSeconds: prefill, promptTokens: o.promptTokensPerSecond / r, outputTokens: g / r };
}

/**
 * The sizing's prefill and decode step for this workload and layout as functions of the
 * efficiencies: what calibration inverts, and what a test's simulated truth is generated with.
 */
export function llmTimings(w: LlmInferenceWorkload, layout: LlmLayout, a: Assumptions) {
  const m = w.model;
  const weights = weightLayout(m);
  const parallelism = (efficiency: { memory: number; compute: number }): Parallelism => ({
    gpu: layout.gpu, tensorParallel: layout.tensorParallel, pipelineParallel: layout.pipelineParallel,
    networkBytesPerSecond: layout.gpu.interconnect.bandwidthBytesPerSecond,
    memoryBandwidthEfficiency: efficiency.memory, computeEfficiency: efficiency.compute, fp4ComputeEfficiency: a.fp4ComputeEfficiency,
    communicationEfficiency: a.communicationEfficiency, networkLatencySeconds: layout.gpu.interconnect.allReduceLatencySeconds,
  });
  const kvRead = (contextTokens: number) => kvBytesForSequence(m, kvElementBytes(w), layout.tensorParallel, contextTokens);
  return {
    prefillSeconds: (promptTokens: number, computeEfficiency: number) =>
      prefillSeconds(m, parallelism({ memory: a.memoryBandwidthEfficiency, compute: computeEfficiency }), promptTokens),
    decodeStep: (batch: number, contextTokens: number, memoryEfficiency: number, computeEfficiency: number) =>
      decodeStep(m, weights, parallelism({ memory: memoryEfficiency, compute: computeEfficiency }), batch / layout.pipelineParallel, kvRead(contextTokens)),
  };
}

export function fitLlm(w: LlmInferenceWorkload, layout: LlmLayout, a: Assumptions, observations: readonly LlmObservation[], missing: readonly string[] = []): CalibrationFit[] {
  const frame = (name: 'memoryBandwidthEfficiency' | 'prefillComputeEfficiency', basis: string) => ({
    name, field: ['assumptions', name], unit: 'ratio' as const, previous: a[name], basis, metrics: LLM_METRICS, observedPoints: observations.length,
  });
  const prefillFrame = frame('prefillComputeEfficiency', 'prefill = meanTTFT − step, step = running × (1 − requests/s × meanTTFT) / (generation tokens/s − running × requests/s); the sizing\'s prefill of the mean prompt (prompt tokens / request) equals it');
  const decodeFrame = frame('memoryBandwidthEfficiency', 'the sizing\'s decode step at batch = running, context = prompt + output / 2 tokens, equals step = running × (1 − requests/s × meanTTFT) / (generation tokens/s − running × requests/s)');
  if (missing.length > 0) {
    const message = `no samples of ${missing.join(', ')} over the range`;
    return [refused(prefillFrame, 0, 'no-data', message), refused(decodeFrame, 0, 'no-data', message)];
  }
  if (layout.pipelineParallel > 1 || layout.nodesPerReplica > 1) {
    const message = `a replica of ${layout.pipelineParallel} pipeline stages over ${layout.nodesPerReplica} node(s) is not calibrated: its bubble and hand-offs would be fitted into the efficiencies`;
    return [refused(prefillFrame, 0, 'unsupported', message), refused(decodeFrame, 0, 'unsupported', message)];
  }
  const timings = llmTimings(w, layout, a);
  const busy = observations.filter((o) => o.runningSequences > 0 && o.requestsPerSecond > 0);
  const unqueued = busy.filter((o) => o.waitingRequests < 0.5);
  const split = unqueued.flatMap((o) => {
    const s = splitObservation(o);
    return s ? [{ o, ...s }] : [];
  });
  const emptyReason = (): CalibrationFit['refusal'] | undefined => {
    if (observations.length === 0) return { code: 'no-data', message: 'no samples over the range' };
    if (busy.length === 0) return { code: 'idle', message: `none of ${observations.length} points had requests running` };
    if (unqueued.length === 0) return { code: 'saturated', message: `all ${busy.length} busy points had requests waiting: queueing hides the service time` };
    return undefined;
  };
  const empty = emptyReason();
  if (empty) return [refused(prefillFrame, 0, empty.code, empty.message), refused(decodeFrame, 0, empty.code, empty.message)];
  if (split.length === 0) {
    const message = `none of ${unqueued.length} points separates decode from prefill (mean output length equal to the running batch, or figures that contradict TTFT = prefill + one step)`;
    return [refused(prefillFrame, 0, 'too-few-points', message), refused(decodeFrame, 0, 'too-few-points', message)];
  }

  const bounds = { min: assumptionCatalog.prefillComputeEfficiency.min, max: assumptionCatalog.prefillComputeEfficiency.max };
  const prefill = fitPoints(prefillFrame, split, {
    what: 'the prefill time (mean TTFT less one decode step)', bounds,
    solve: (p): Solution => solveMonotone((e) => timings.prefillSeconds(p.promptTokens, e), p.prefillSeconds, bounds.min, bounds.max),
    predict: (p, e) => timings.prefillSeconds(p.promptTokens, e),
    observed: (p) => p.prefillSeconds,
  });
  const computeEfficiency = prefill.refusal === undefined && prefill.value !== undefined ? prefill.value : a.prefillComputeEfficiency;
  const memBounds = { min: assumptionCatalog.memoryBandwidthEfficiency.min, max: assumptionCatalog.memoryBandwidthEfficiency.max };
  const step = (p: (typeof split)[number], e: number) => timings.decodeStep(p.o.runningSequences, p.promptTokens + p.outputTokens / 2, e, computeEfficiency);
  // The step no longer than its compute (and all-reduces) within 2%: compute-bound, the bandwidth is not in it.
  const memoryBound = split.filter((p) => {
    const floor = step(p, memBounds.max);
    return p.stepSeconds > (floor.computeSeconds + floor.allReduceSeconds) * 1.02;
  });
  if (memoryBound.length === 0) {
    return [prefill, refused(decodeFrame, 0, 'compute-bound', `at the observed batches (${split.map((p) => p.o.runningSequences).slice(0, 3).join(', ')}…) the decode step is compute-bound in the model: its memory bandwidth cannot be read from it`)];
  }
  const decode = fitPoints(decodeFrame, memoryBound, {
    what: 'the decode step time', bounds: memBounds,
    solve: (p): Solution => solveMonotone((e) => step(p, e).tokenSeconds, p.stepSeconds, memBounds.min, memBounds.max),
    predict: (p, e) => step(p, e).tokenSeconds,
    observed: (p) => p.stepSeconds,
  });
  return [prefill, decode];
}
