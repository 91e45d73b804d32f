/**
 * Calibration from production (issue 18), proven against a real Prometheus: a simulated vLLM
 * deployment whose series obey "true" efficiencies unlike the plan's defaults (decode at 45% of
 * HBM bandwidth, prefill at 22% of peak FLOPs, where the plan assumes 70% and 40%), in the shapes
 * vLLM emits (counters per pod, finished_reason on request_success, histograms with _sum/_count,
 * pods found through kube-state-metrics' owner series), with its history backfilled with promtool.
 * `headroom verify --calibrate --write-plan` then fits the plan, and the re-sized plan's
 * predictions of the simulated workload must be within 10% of the simulator's truth, where the
 * plan before calibration was not. A plan whose workload has no series reports the finding, exits
 * 1 and writes nothing.
 *
 * The simulator's figures come from the sizing's own relations (calibration/llm.ts) at the true
 * efficiencies; what the test proves is the rest of the loop: the queries and metric names, the
 * per-replica arithmetic over rate windows, the inversion, the plan written with its provenance,
 * and the re-sizing from the written file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findGpu, llmTimings, parsePlan, sizePlan, workloadAssumptions, type Plan, type Sizing } from '@headroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../apps/cli/src/verify/command.ts';
import { simulatedLlm } from './planned-workload.ts';
import { startPrometheus, type RunningPrometheus } from './prometheus.ts';
import { startSimulator, type Simulator } from './simulator.ts';

const PLAN = `# the chat service, as planned before production
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: calibrated, namespace: inference }
spec:
  cluster: { provider: eks }
  workloads:
    - name: chat   # sized on Headroom's default efficiencies
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 60, inputTokens: 800, outputTokens: 200 }
      slo: { timeToFirstToken: 1 s, interTokenLatency: 50 ms }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
`;
const TRUTH = { memoryBandwidthEfficiency: 0.45, prefillComputeEfficiency: 0.22 };
/** Sequences each simulated replica runs, and its pods. */
const RUNNING = 12;
const PODS = 2;
/** Longer than the calibration range plus the 5-minute rate window, so every point's window is whole. */
const HISTORY_SECONDS = 11 * 60;
const RANGE = '5m';

function parsed(text: string): Plan {
  const result = parsePlan(text);
  if (!result.ok) throw result.error;
  return result.plan;
}

/** The plan with the true efficiencies: what production really needs. */
const truthPlan = (plan: Plan): Plan => ({ ...plan, spec: { ...plan.spec, workloads: plan.spec.workloads.map((w) => ({ ...w, assumptions: { ...w.assumptions, ...TRUTH } })) } });

describe('verify --calibrate against a real Prometheus and the simulator', () => {
  let dir: string;
  let simulator: Simulator | undefined;
  let prometheus: RunningPrometheus | undefined;
  let plan: Plan;
  let sizing: Sizing;
  /** What one simulated replica really does. */
  let truth: { requestsPerSecond: number; generationTokensPerSecond: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-calibrate-'));
    plan = parsed(PLAN);
    sizing = sizePlan(plan);
    const chat = plan.spec.workloads[0]!;
    const layout = { gpu: findGpu('H100-SXM-80GB')!, tensorParallel: sizing.workloads[0]!.details.tensorParallel!, pipelineParallel: 1, nodesPerReplica: 1 };
    const timings = llmTimings(chat as Parameters<typeof llmTimings>[0], layout, workloadAssumptions(plan, chat));
    const { inputTokens, outputTokens } = { inputTokens: 800, outputTokens: 200 };
    const prefill = timings.prefillSeconds(inputTokens, TRUTH.prefillComputeEfficiency);
    const step = timings.decodeStep(RUNNING, inputTokens + outputTokens / 2, TRUTH.memoryBandwidthEfficiency, TRUTH.prefillComputeEfficiency).tokenSeconds;
    // Little's law with prefills stalling the batch: r × (B × prefill + output × step) = B.
    const requestsPerSecond = RUNNING / (RUNNING * prefill + outputTokens * step);
    truth = { requestsPerSecond, generationTokensPerSecond: requestsPerSecond * outputTokens };
    const base = simulatedLlm(plan, sizing, 'chat', {
      pods: () => PODS, cpuOfTotal: 0.5, memoryOfTotal: 0.5, gpuMemoryOfReplica: 0.9, trafficOfPeak: 0.5, kvCacheUsage: 0.5,
      ttftOfSlo: [0.5], itlOfSlo: [0.5], annotationScraped: false,
    });
    simulator = await startSimulator([{
      ...base,
      requestsPerSecond: requestsPerSecond * PODS,
      generationTokensPerSecond: requestsPerSecond * outputTokens * PODS,
      promptTokensPerSecond: requestsPerSecond * inputTokens * PODS,
      requestsRunningPerPod: RUNNING,
      requestsWaitingPerPod: 0,
      // Spread around the mean as real requests are; the fit reads the mean (_sum / _count).
      timeToFirstTokenSeconds: [0.6, 1, 1.4].map((f) => f * (prefill + step)),
      interTokenLatencySeconds: [0.8, 1, 1.2].map((f) => f * step),
    }], { historySeconds: HISTORY_SECONDS });
    prometheus = await startPrometheus({
      scrapeInterval: '1s', evaluationInterval: '1s',
      jobs: [{ job: 'workload-simulator', target: simulator.target, honorLabels: true }],
      backfill: simulator.history({ until: Date.now() / 1000 - 1, stepSeconds: 5, labels: { job: 'workload-simulator', instance: simulator.target } }),
    });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await simulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('fits the true efficiencies, and the re-sized plan predicts the workload within 10%', { timeout: 60_000 }, async () => {
    const planFile = join(dir, 'plan.yaml');
    const out = join(dir, 'calibrated.yaml');
    await writeFile(planFile, PLAN);
    const { output, exitCode } = await verifyCommand(planFile, { prometheus: prometheus!.url, range: RANGE, json: true, calibrate: true, writePlan: out });
    expect(exitCode, output).toBe(0);
    const report = JSON.parse(output) as { workloads: { workload: string; fits: { name: string; value?: number; relativeError?: number; points: number; refusal?: unknown }[] }[]; written: { edits: number } };
    const fits = Object.fromEntries(report.workloads[0]!.fits.map((f) => [f.name, f]));
    expect(fits.memoryBandwidthEfficiency!.refusal, output).toBeUndefined();
    expect(fits.prefillComputeEfficiency!.refusal, output).toBeUndefined();
    // rate() over scraped and backfilled samples is within a few percent of the simulated rates.
    expect(fits.memoryBandwidthEfficiency!.value!).toBeGreaterThan(TRUTH.memoryBandwidthEfficiency * 0.9);
    expect(fits.memoryBandwidthEfficiency!.value!).toBeLessThan(TRUTH.memoryBandwidthEfficiency * 1.1);
    expect(fits.memoryBandwidthEfficiency!.points).toBeGreaterThanOrEqual(10);
    expect(report.written.edits).toBe(2);

    // The written plan keeps its comments, and sizes with the fitted values and their provenance.
    const text = await readFile(out, 'utf8');
    expect(text).toContain('# the chat service, as planned before production');
    expect(text).toContain('# sized on Headroom\'s default efficiencies');
    const calibrated = sizePlan(parsed(text)).workloads[0]!;
    const step = calibrated.explain.find((s) => s.id === 'calibrated.memoryBandwidthEfficiency')!;
    expect(step.source).toContain(prometheus!.url);
    expect(step.source).toContain('vllm:generation_tokens_total');

    const expected = sizePlan(truthPlan(plan)).workloads[0]!;
    const before = sizing.workloads[0]!;
    const within = (actual: number, wanted: number) => Math.abs(actual / wanted - 1);
    for (const figure of ['requestsPerSecondPerReplica', 'decodeTokensPerSecondPerReplica'] as const) {
      expect(within(calibrated.details[figure]!, expected.details[figure]!), figure).toBeLessThan(0.1);
      expect(within(before.details[figure]!, expected.details[figure]!), `${figure} before calibration`).toBeGreaterThan(0.1);
    }
    expect(within(calibrated.replicas.peak, expected.replicas.peak)).toBeLessThan(0.1);
    expect(within(before.replicas.peak, expected.replicas.peak)).toBeGreaterThan(0.1);
    // At the simulated replica's own batch and lengths, the calibrated model predicts what it served.
    const a = { ...workloadAssumptions(plan, plan.spec.workloads[0]!), ...TRUTH };
    expect(a.memoryBandwidthEfficiency).toBe(TRUTH.memoryBandwidthEfficiency);
    const fitted = parsed(text).spec.workloads[0]!.assumptions!;
    const layout = { gpu: findGpu('H100-SXM-80GB')!, tensorParallel: calibrated.details.tensorParallel!, pipelineParallel: 1, nodesPerReplica: 1 };
    const t = llmTimings(plan.spec.workloads[0] as Parameters<typeof llmTimings>[0], layout, a);
    const predictedStep = t.decodeStep(RUNNING, 900, fitted.memoryBandwidthEfficiency!, fitted.prefillComputeEfficiency!).tokenSeconds;
    const predictedPrefill = t.prefillSeconds(800, fitted.prefillComputeEfficiency!);
    const predictedRate = RUNNING / (RUNNING * predictedPrefill + 200 * predictedStep);
    expect(within(predictedRate * 200, truth.generationTokensPerSecond)).toBeLessThan(0.1);
  });

  it('reports no data as a finding, exits 1 and writes nothing', { timeout: 60_000 }, async () => {
    const planFile = join(dir, 'ghost.yaml');
    const out = join(dir, 'ghost-calibrated.yaml');
    await writeFile(planFile, PLAN.replaceAll('chat', 'ghost'));
    const { output, exitCode } = await verifyCommand(planFile, { prometheus: prometheus!.url, range: RANGE, json: false, calibrate: true, writePlan: out });
    expect(exitCode, output).toBe(1);
    expect(output).toContain('refused (no-data): no samples of vllm:num_requests_running');
    expect(output).toContain('FAIL: no value could be fitted');
    expect(output).toContain(`Nothing written to ${out}`);
    expect(existsSync(out)).toBe(false);
  });
});
