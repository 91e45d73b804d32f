import { describe, expect, it } from 'vitest';
import { findGpu } from '../catalog/gpus.ts';
import type { LlmInferenceWorkload } from '../kinds/llm-inference/schema.ts';
import type { ModelServingWorkload } from '../kinds/model-serving/schema.ts';
import { parsePlan } from '../schema/parse.ts';
import type { Plan } from '../schema/plan.ts';
import { sizePlan, workloadAssumptions } from '../sizing/size-plan.ts';
import { acceptedFits, applyCalibration, calibrateWorkload, fitLlm, fitServing, llmTimings, meanSojournSeconds, MIN_POINTS, type LlmObservation } from './index.ts';

const PLAN = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: calib, namespace: ml }
spec:
  cluster: { provider: eks }
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 20, inputTokens: 800, outputTokens: 200 }
      slo: { timeToFirstToken: 1 s, interTokenLatency: 50 ms }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
    - name: ranker
      kind: model-serving
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      workersPerReplica: 4
      model: { sizeBytes: 1 GiB }
    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 500 GB, runsPerDay: 24 }
      window: 45 min
      throughputPerCore: 40 MB/s
      retention: 30 d
`;

function parsed(text = PLAN): Plan {
  const result = parsePlan(text);
  if (!result.ok) throw result.error;
  return result.plan;
}

const plan = parsed();
const sizing = sizePlan(plan);
const chat = plan.spec.workloads[0] as LlmInferenceWorkload;
const layout = { gpu: findGpu('H100-SXM-80GB')!, tensorParallel: sizing.workloads[0]!.details.tensorParallel!, pipelineParallel: 1, nodesPerReplica: 1 };
const assumptions = workloadAssumptions(plan, chat);

/** vLLM figures a replica would report if the sizing's model held at these efficiencies. */
function llmTruth(truth: { memory: number; compute: number }, count: number, overrides: Partial<LlmObservation> = {}, runningAt = (i: number) => 4 + 3 * i): LlmObservation[] {
  const t = llmTimings(chat, layout, assumptions);
  return Array.from({ length: count }, (_, i) => {
    const running = runningAt(i);
    const promptTokens = 600 + 40 * i;
    const outputTokens = 150 + 10 * i;
    const prefill = t.prefillSeconds(promptTokens, truth.compute);
    const step = t.decodeStep(running, promptTokens + outputTokens / 2, truth.memory, truth.compute).tokenSeconds;
    // Little's law with prefills stalling the batch: r (B P + out step) = B.
    const requestsPerSecond = running / (running * prefill + outputTokens * step);
    return {
      time: i * 60, runningSequences: running, waitingRequests: 0, requestsPerSecond,
      promptTokensPerSecond: requestsPerSecond * promptTokens, generationTokensPerSecond: requestsPerSecond * outputTokens,
      meanTimeToFirstTokenSeconds: prefill + step, ...overrides,
    };
  });
}

describe('LLM calibration', () => {
  it('inverts the sizing exactly: efficiencies behind synthetic vLLM figures come back, with no residual', () => {
    const fits = fitLlm(chat, layout, assumptions, llmTruth({ memory: 0.45, compute: 0.25 }, 20));
    const byName = Object.fromEntries(fits.map((f) => [f.name, f]));
    expect(byName.prefillComputeEfficiency!.refusal).toBeUndefined();
    expect(byName.prefillComputeEfficiency!.value).toBeCloseTo(0.25, 6);
    expect(byName.memoryBandwidthEfficiency!.value).toBeCloseTo(0.45, 6);
    expect(byName.memoryBandwidthEfficiency!.relativeError).toBeLessThan(1e-6);
    expect(byName.memoryBandwidthEfficiency!.points).toBe(20);
    expect(byName.memoryBandwidthEfficiency!.previous).toBe(0.7);
    expect(byName.memoryBandwidthEfficiency!.field).toEqual(['assumptions', 'memoryBandwidthEfficiency']);
  });

  it('reports noisy observations with their residual', () => {
    const noisy = llmTruth({ memory: 0.5, compute: 0.3 }, 30).map((o, i) => ({ ...o, generationTokensPerSecond: o.generationTokensPerSecond * (1 + (i % 2 ? 0.03 : -0.03)) }));
    const decode = fitLlm(chat, layout, assumptions, noisy).find((f) => f.name === 'memoryBandwidthEfficiency')!;
    expect(decode.refusal).toBeUndefined();
    expect(decode.value!).toBeGreaterThan(0.4);
    expect(decode.value!).toBeLessThan(0.6);
    expect(decode.relativeError!).toBeGreaterThan(0.005);
  });

  it('refuses with a named reason: missing metrics, no points, idle, saturated, too few, out of bounds', () => {
    const codes = (observations: LlmObservation[], missing: string[] = []) => fitLlm(chat, layout, assumptions, observations, missing).map((f) => f.refusal?.code);
    const missing = fitLlm(chat, layout, assumptions, [], ['vllm:prompt_tokens_total']);
    expect(missing.map((f) => f.refusal?.code)).toEqual(['no-data', 'no-data']);
    expect(missing[0]!.refusal!.message).toContain('vllm:prompt_tokens_total');
    expect(missing.every((f) => f.value === undefined)).toBe(true);
    expect(codes([])).toEqual(['no-data', 'no-data']);
    expect(codes(llmTruth({ memory: 0.5, compute: 0.3 }, 20, { runningSequences: 0 }))).toEqual(['idle', 'idle']);
    expect(codes(llmTruth({ memory: 0.5, compute: 0.3 }, 20, { waitingRequests: 5 }))).toEqual(['saturated', 'saturated']);
    expect(codes(llmTruth({ memory: 0.5, compute: 0.3 }, MIN_POINTS - 1))).toEqual(['too-few-points', 'too-few-points']);
    // Faster than the GPU's datasheet bandwidth allows: no efficiency within 0.01..1 explains it.
    const impossible = llmTruth({ memory: 0.5, compute: 0.3 }, 20).map((o) => ({ ...o, generationTokensPerSecond: o.generationTokensPerSecond * 3 }));
    expect(codes(impossible)[1]).toBe('out-of-bounds');
  });

  it('refuses a fit the model does not describe (poor fit: the value is shown, not accepted)', () => {
    const scattered = llmTruth({ memory: 0.5, compute: 0.3 }, 30).map((o, i) => ({ ...o, generationTokensPerSecond: o.generationTokensPerSecond * (i % 2 ? 1.6 : 0.6) }));
    const decode = fitLlm(chat, layout, assumptions, scattered).find((f) => f.name === 'memoryBandwidthEfficiency')!;
    expect(decode.refusal?.code).toBe('poor-fit');
    expect(decode.value).toBeDefined();
    expect(decode.relativeError!).toBeGreaterThan(0.25);
    expect(acceptedFits([decode])).toEqual([]);
  });

  it('refuses the bandwidth where the observed decode is compute-bound in the model', () => {
    // Thousands of sequences per step at 10% of peak FLOPs: an 8B model on one H100 computes longer than it reads.
    const huge = llmTruth({ memory: 0.5, compute: 0.1 }, 20, {}, (i) => 3000 + 100 * i);
    const fits = fitLlm(chat, layout, assumptions, huge);
    expect(fits.find((f) => f.name === 'memoryBandwidthEfficiency')!.refusal?.code).toBe('compute-bound');
    expect(fits.find((f) => f.name === 'prefillComputeEfficiency')!.value).toBeCloseTo(0.1, 6);
  });

  it('refuses a replica with pipeline stages', () => {
    const fits = fitLlm(chat, { ...layout, nodesPerReplica: 2, pipelineParallel: 2 }, assumptions, llmTruth({ memory: 0.5, compute: 0.3 }, 20));
    expect(fits.map((f) => f.refusal?.code)).toEqual(['unsupported', 'unsupported']);
  });

  it('re-sizes the plan with the accepted fits, and the explanation carries their provenance', () => {
    const fits = calibrateWorkload(plan, sizing, 'chat', { kind: 'llm-inference', points: llmTruth({ memory: 0.45, compute: 0.25 }, 20), missing: [] });
    expect(acceptedFits(fits)).toHaveLength(2);
    const calibrated = sizePlan(applyCalibration(plan, new Map([['chat', fits]])));
    const truth = sizePlan(applyCalibration(plan, new Map([['chat', fits.map((f) => ({ ...f, value: f.name === 'memoryBandwidthEfficiency' ? 0.45 : 0.25 }))]])));
    const before = sizing.workloads[0]!.details.decodeTokensPerSecondPerReplica!;
    const after = calibrated.workloads[0]!.details.decodeTokensPerSecondPerReplica!;
    expect(after).toBeLessThan(before);
    expect(after).toBeCloseTo(truth.workloads[0]!.details.decodeTokensPerSecondPerReplica!, 3);
    expect(calibrated.workloads[0]!.replicas.peak).toBeGreaterThanOrEqual(sizing.workloads[0]!.replicas.peak);
  });
});

describe('the calibration block', () => {
  const provenance = (value: number) => `      calibration:
        memoryBandwidthEfficiency: { value: ${value}, previous: 0.7, relativeError: 0.02, points: 120, range: "7d", prometheus: "http://prometheus:9090/", fittedAt: "2026-12-03T10:00:00Z", basis: "decode step", queries: ["avg(vllm:num_requests_running)"] }
`;
  const withBlock = (assumption: number, fitted: number) => PLAN.replace('      metrics: { runtime: vllm }\n', `      metrics: { runtime: vllm }\n      assumptions: { memoryBandwidthEfficiency: ${assumption} }\n${provenance(fitted)}`);

  it('shows the fitted value\'s provenance in the explanation', () => {
    const w = sizePlan(parsed(withBlock(0.45, 0.45))).workloads[0]!;
    const step = w.explain.find((s) => s.id === 'calibrated.memoryBandwidthEfficiency')!;
    expect(step.value).toBe(0.45);
    expect(step.inputs).toEqual({ previous: 0.7, points: 120, relativeError: 0.02 });
    expect(step.source).toContain('http://prometheus:9090/');
    expect(step.source).toContain('avg(vllm:num_requests_running)');
    expect(w.warnings.map((x) => x.code)).not.toContain('CALIBRATION_OVERRIDDEN');
  });

  it('warns when the value in effect is no longer the fitted one', () => {
    const w = sizePlan(parsed(withBlock(0.6, 0.45))).workloads[0]!;
    expect(w.explain.find((s) => s.id === 'calibrated.memoryBandwidthEfficiency')).toBeUndefined();
    expect(w.warnings.map((x) => x.code)).toContain('CALIBRATION_OVERRIDDEN');
  });

  it('rejects unknown keys and missing provenance fields', () => {
    const bad = parsePlan(PLAN.replace('      metrics: { runtime: vllm }\n', '      metrics: { runtime: vllm }\n      calibration: { memoryBandwidthEfficiency: { value: 0.5 } }\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('calibration.memoryBandwidthEfficiency');
  });
});

describe('model-serving calibration', () => {
  const ranker = plan.spec.workloads[1] as ModelServingWorkload;
  const a = workloadAssumptions(plan, ranker);
  const observations = (serviceSeconds: number, coresPerWorker: number) => Array.from({ length: 24 }, (_, i) => {
    const requestsPerSecond = 10 + 5 * i;
    return { time: i * 60, requestsPerSecond, meanLatencySeconds: meanSojournSeconds(4, requestsPerSecond, serviceSeconds), cpuCores: requestsPerSecond * serviceSeconds * coresPerWorker };
  });

  it('inverts the M/M/c mean time in system and the CPU per busy worker exactly', () => {
    const [service, cpu] = fitServing(ranker, a, observations(0.03, 0.6));
    expect(service!.value).toBeCloseTo(0.03, 8);
    expect(service!.relativeError).toBeLessThan(1e-6);
    expect(cpu!.value).toBeCloseTo(0.6, 8);
    expect(cpu!.points).toBe(24);
  });

  it('refuses idle and missing data, and the CPU fit without a service time', () => {
    expect(fitServing(ranker, a, observations(0.03, 0.6).map((o) => ({ ...o, requestsPerSecond: 0 }))).map((f) => f.refusal?.code)).toEqual(['idle', 'idle']);
    expect(fitServing(ranker, a, [], ['headroom_request_duration_seconds']).map((f) => f.refusal?.code)).toEqual(['no-data', 'no-data']);
  });
});

describe('data-pipeline calibration', () => {
  it('fits throughput per core from running points only', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ time: i * 60, cpuCores: i < 10 ? 0 : 8 + i, bytesPerSecond: i < 10 ? 0 : (8 + i) * 25e6 }));
    const [fit] = calibrateWorkload(plan, sizing, 'features', { kind: 'data-pipeline', points, missing: [] });
    expect(fit!.value).toBeCloseTo(25e6, 0);
    expect(fit!.points).toBe(20);
    expect(fit!.observedPoints).toBe(30);
    const [idle] = calibrateWorkload(plan, sizing, 'features', { kind: 'data-pipeline', points: points.slice(0, 10), missing: [] });
    expect(idle!.refusal?.code).toBe('idle');
  });
});
