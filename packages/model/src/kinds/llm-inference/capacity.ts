/**
 * What one layout of an LLM replica (GPU, tensor parallel, pipeline parallel) holds and serves, as
 * plain numbers: its memory plan and its capacity under the plan's traffic and SLOs. The search
 * (search.ts) compares layouts on these alone; the sizing (size.ts) records the same numbers with
 * their explanation, so the two never disagree. The transformer's own arithmetic is in
 * sizing/transformer.ts.
 */
import type { GpuSpec } from '../../catalog/types.ts';
import {
  decodeStep, kvBytesForSequence, kvBytesPerTokenPerLayer, kvReplication, prefillSeconds as prefillTime, weightLayout,
  type Parallelism, type ServedModel,
} from '../../sizing/transformer.ts';
import { bytesPerParameter } from '../common.ts';
import type { SizingContext } from '../types.ts';
import type { LlmInferenceWorkload } from './schema.ts';

export function kvElementBytes(w: LlmInferenceWorkload): number {
  if (w.kvCachePrecision) return bytesPerParameter[w.kvCachePrecision];
  return w.model.precision === 'fp32' ? 4 : 2;
}

/** One way to lay a replica out: GPU model, tensor parallel within a stage, pipeline stages. */
export interface Configuration {
  gpu: GpuSpec;
  tensorParallel: number;
  pipelineParallel: number;
  nodesPerReplica: number;
  /** Link between stages, bytes/s. */
  stageLinkBytesPerSecond: number;
  /** A plan-given layout whose stages span nodes that have no GPU network (or TP beyond the fast-link domain). */
  unsupported?: string;
}

/** Memory figures both the candidate filter and the sizing use (one definition of each). */
export function memoryPlan(w: LlmInferenceWorkload, c: Configuration, a: SizingContext['assumptions']) {
  const m: ServedModel = w.model;
  const layout = weightLayout(m);
  const gpusPerReplica = c.tensorParallel * c.pipelineParallel;
  const elementBytes = kvElementBytes(w);
  const kvCacheBytesPerToken = m.layers * kvBytesPerTokenPerLayer(m, elementBytes);
  const replication = kvReplication(m, c.tensorParallel);
  const sequenceTokens = w.traffic.inputTokens + w.traffic.outputTokens;
  const maxContextTokens = w.traffic.maxContextTokens ?? m.maxContextTokens ?? sequenceTokens;
  const sequenceBytes = (tokens: number) => kvBytesForSequence(m, elementBytes, c.tensorParallel, tokens);
  const usefulKvBytes = Math.max(sequenceBytes(maxContextTokens), a.minUsefulKvSequences * sequenceBytes(sequenceTokens));
  const kvCapacityBytes = gpusPerReplica * (c.gpu.memoryBytes * a.gpuMemoryUtilization - a.runtimeOverheadBytesPerGpu) - layout.weightsBytes;
  return {
    layout, weightsBytes: layout.weightsBytes, kvCacheBytesPerToken, replication, sequenceTokens, maxContextTokens, sequenceBytes,
    usefulKvBytes, kvCapacityBytes, fitsUsefulKv: kvCapacityBytes >= usefulKvBytes,
  };
}

/** Largest micro-batch whose token time stays within `seconds` (token time grows with the batch), 0 if none. */
function largestBatchWithin(seconds: number, tokenSeconds: (batch: number) => number, ceiling: number): number {
  if (tokenSeconds(1) > seconds) return 0;
  let lo = 1;
  let hi = Math.max(1, ceiling);
  if (tokenSeconds(hi) <= seconds) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tokenSeconds(mid) <= seconds) lo = mid;
    else hi = mid;
  }
  return lo;
}
/**
 * Every figure of one configuration as plain numbers, with the codes of the limits it breaks: the
 * search compares configurations on this alone (no explanation is built), and sizeOn records the
 * same numbers step by step, so the two never disagree.
 */
export function capacity(w: LlmInferenceWorkload, c: Configuration, a: SizingContext['assumptions'], memory = memoryPlan(w, c, a)) {
  const m: ServedModel = w.model;
  const { gpu, tensorParallel, pipelineParallel } = c;
  const { inputTokens, outputTokens } = w.traffic;
  const infeasible: string[] = c.unsupported ? ['LLM_LAYOUT_UNSUPPORTED'] : [];
  const kvCacheBytesPerReplica = Math.max(0, memory.kvCapacityBytes);
  if (kvCacheBytesPerReplica <= 0) infeasible.push('LLM_MODEL_DOES_NOT_FIT');
  else if (memory.sequenceBytes(memory.maxContextTokens) > kvCacheBytesPerReplica) infeasible.push('LLM_CONTEXT_DOES_NOT_FIT');
  const parallelism: Parallelism = {
    gpu, tensorParallel, pipelineParallel, networkBytesPerSecond: c.stageLinkBytesPerSecond,
    memoryBandwidthEfficiency: a.memoryBandwidthEfficiency, computeEfficiency: a.prefillComputeEfficiency, fp4ComputeEfficiency: a.fp4ComputeEfficiency,
    communicationEfficiency: a.communicationEfficiency, networkLatencySeconds: c.nodesPerReplica > 1 ? a.interNodeLatencySeconds : gpu.interconnect.allReduceLatencySeconds,
  };
  const meanContextTokens = inputTokens + outputTokens / 2;
  const kvBytesReadPerSequence = memory.sequenceBytes(meanContextTokens);
  const step = (microBatch: number) => decodeStep(m, memory.layout, parallelism, microBatch, kvBytesReadPerSequence);
  const kvBoundSequences = Math.floor(kvCacheBytesPerReplica / memory.sequenceBytes(memory.sequenceTokens));
  const itl = w.slo.interTokenLatency;
  const itlBoundSequences = itl !== undefined ? pipelineParallel * largestBatchWithin(itl, (b) => step(b).tokenSeconds, a.maxNumSeqs) : a.maxNumSeqs * pipelineParallel;
  if (itl !== undefined && itlBoundSequences < 1) infeasible.push('LLM_ITL_SLO_INFEASIBLE');
  const maxConcurrentSequences = Math.max(0, Math.min(kvBoundSequences, itlBoundSequences, a.maxNumSeqs * pipelineParallel));
  const limitedBy = maxConcurrentSequences === kvBoundSequences ? 'kvCache' : maxConcurrentSequences === itlBoundSequences && itl !== undefined ? 'interTokenLatency' : 'maxNumSeqs';
  // A configuration that holds no sequence (the model leaves no KV cache, or one decode step
  // exceeds the ITL SLO) is sized at one sequence per replica: never fewer replicas than any
  // feasible version of the workload would need. Other infeasible ones keep their full batch.
  const sequences = Math.max(1, maxConcurrentSequences);
  const microBatch = Math.ceil(sequences / pipelineParallel);
  const timing = step(microBatch);
  const singleStepSeconds = microBatch === 1 ? timing.tokenSeconds : step(1).tokenSeconds;
  const pipelineBubble = pipelineParallel > 1 ? (pipelineParallel - 1) / (a.pipelineMicroBatchesPerStage * pipelineParallel + pipelineParallel - 1) : 0;
  const prefillSeconds = prefillTime(m, parallelism, inputTokens);
  const singleSequenceSeconds = prefillSeconds + singleStepSeconds;
  const ttft = w.slo.timeToFirstToken;
  if (ttft !== undefined && singleSequenceSeconds > ttft) infeasible.push('LLM_TTFT_SLO_INFEASIBLE');
  // Little's law: concurrency = throughput × time in system. A prompt occupies each pipeline stage
  // for prefill / PP and stalls that stage's decode batch, so a request's time in system is
  // outputTokens × step / (1 − throughput × prefill / PP); solving for throughput gives
  // sequences / (sequences × prefill / PP + outputTokens × step), less the pipeline bubble.
  const requestsPerSecondPerReplica = (sequences * (1 - pipelineBubble)) / ((sequences * prefillSeconds) / pipelineParallel + outputTokens * timing.tokenSeconds);
  return {
    memory, kvCacheBytesPerReplica, kvBytesReadPerSequence, meanContextTokens, kvBoundSequences, itlBoundSequences, maxConcurrentSequences, limitedBy,
    sequences, microBatch, timing, singleStepSeconds, pipelineBubble, prefillSeconds, singleSequenceSeconds, requestsPerSecondPerReplica, infeasible,
  };
}

