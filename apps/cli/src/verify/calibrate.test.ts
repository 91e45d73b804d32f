/**
 * `verify --calibrate` for model serving and data pipelines, end to end against a real Prometheus
 * (Debian's 2.42) started on history built with promtool: a Deployment's pods instrumented with
 * Headroom's serving metrics (headroom_requests_total{route,method,code}, the latency histogram's
 * _sum and _count) and a CronJob's run reporting headroom_pipeline_bytes_total, both with cAdvisor
 * CPU (the container and the pod's own cgroup, which must not be counted twice), found through
 * kube-state-metrics' owner series. The served figures obey a known service time (M/M/c mean time
 * in system) and CPU per busy worker, the pipeline a known throughput per core; the LLM served by
 * Triton and the training job are reported as not calibrated. Also: the atomic write.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meanSojournSeconds, parsePlan, sizePlan } from '@headroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type RunningPrometheus } from '../../../../test/integration/prometheus.ts';
import { CliError } from '../errors.ts';
import { writeAtomically } from './calibrate.ts';
import { verifyCommand } from './command.ts';

const PLAN = `# plan under calibration
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: calib-cli, namespace: ml }
spec:
  defaults: { redundancy: none }
  workloads:
    - name: ranker
      kind: model-serving
      traffic: { peakRequestsPerSecond: 300 }
      serviceTime: 25 ms   # from a load test on a laptop
      workersPerReplica: 4
      model: { sizeBytes: 100 MiB }
    - name: features
      kind: data-pipeline
      input: { bytesPerRun: 500 GB, runsPerDay: 24 }
      window: 45 min
      throughputPerCore: 40 MB/s
      retention: 30 d
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 4, inputTokens: 800, outputTokens: 200 }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: triton }
    - name: tune
      kind: training
      model: { parameters: 1e9 }
      dataset: { tokens: 1e8 }
      deadline: 24 h
      accelerator: { gpu: A100-SXM-80GB }
`;

/** The truth behind the served pods: service time, workers, CPU per busy worker, requests/s per pod. */
const SERVING = { serviceSeconds: 0.05, workers: 4, coresPerWorker: 0.6, requestsPerSecond: 30 };
const PIPELINE = { bytesPerCoreSecond: 25e6, coresPerPod: 4 };
const HISTORY_SECONDS = 30 * 60;
const SAMPLE_SECONDS = 10;

/** OpenMetrics history of the workloads, from `from` to `until`, one sample every SAMPLE_SECONDS. */
function history(from: number, until: number): string {
  const lines: string[] = [];
  const series = (name: string, labels: Record<string, string>, value: (t: number) => number | undefined) => {
    const text = `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
    for (let t = from; t <= until; t += SAMPLE_SECONDS) {
      const v = value(t);
      if (v !== undefined) lines.push(`${text} ${v} ${t}`);
    }
  };
  const ns = { namespace: 'ml' };
  const latency = meanSojournSeconds(SERVING.workers, SERVING.requestsPerSecond, SERVING.serviceSeconds);
  series('kube_replicaset_owner', { ...ns, replicaset: 'ranker-5d4f9', owner_kind: 'Deployment', owner_name: 'ranker', owner_is_controller: 'true' }, () => 1);
  for (const pod of ['ranker-5d4f9-x2x7q', 'ranker-5d4f9-k8dz4']) {
    const p = { ...ns, pod };
    const elapsed = (t: number) => t - from;
    series('kube_pod_owner', { ...p, uid: `uid-${pod}`, owner_kind: 'ReplicaSet', owner_name: 'ranker-5d4f9', owner_is_controller: 'true' }, () => 1);
    // Two routes: the counter is summed over its label sets.
    series('headroom_requests_total', { ...p, route: '/predict', method: 'POST', code: '200' }, (t) => SERVING.requestsPerSecond * 0.75 * elapsed(t));
    series('headroom_requests_total', { ...p, route: '/rank', method: 'POST', code: '200' }, (t) => SERVING.requestsPerSecond * 0.25 * elapsed(t));
    series('headroom_request_duration_seconds_count', p, (t) => SERVING.requestsPerSecond * elapsed(t));
    series('headroom_request_duration_seconds_sum', p, (t) => SERVING.requestsPerSecond * latency * elapsed(t));
    const cores = SERVING.requestsPerSecond * SERVING.serviceSeconds * SERVING.coresPerWorker;
    series('container_cpu_usage_seconds_total', { ...p, container: 'ranker', image: 'ranker:1' }, (t) => cores * elapsed(t));
    series('container_cpu_usage_seconds_total', { ...p, id: `/kubepods/pod-${pod}` }, (t) => cores * 1.02 * elapsed(t));
  }
  // One run of the CronJob: started 25 minutes ago, finished 8 minutes ago; its two pods stay (Completed).
  const runStart = until - 25 * 60;
  const runEnd = until - 8 * 60;
  const running = (t: number) => (t < runStart ? undefined : Math.min(t, runEnd) - runStart);
  series('kube_job_owner', { ...ns, job_name: 'features-29411520', owner_kind: 'CronJob', owner_name: 'features', owner_is_controller: 'true' }, () => 1);
  for (const pod of ['features-29411520-abcde', 'features-29411520-fghij']) {
    const p = { ...ns, pod };
    series('kube_pod_owner', { ...p, uid: `uid-${pod}`, owner_kind: 'Job', owner_name: 'features-29411520', owner_is_controller: 'true' }, (t) => (t < runStart ? undefined : 1));
    series('headroom_pipeline_bytes_total', p, (t) => { const s = running(t); return s === undefined ? undefined : s * PIPELINE.coresPerPod * PIPELINE.bytesPerCoreSecond; });
    series('container_cpu_usage_seconds_total', { ...p, container: 'spark-executor' }, (t) => { const s = running(t); return s === undefined ? undefined : s * PIPELINE.coresPerPod; });
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe('verify --calibrate: model serving and pipelines against a real Prometheus', () => {
  let dir: string;
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-calibrate-cli-'));
    const now = Math.floor(Date.now() / 1000);
    prometheus = await startPrometheus({ jobs: [], scrapeInterval: '15s', evaluationInterval: '15s', backfill: history(now - HISTORY_SECONDS, now - 1) });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('fits service time, CPU per worker and throughput per core, and writes them with their provenance', { timeout: 60_000 }, async () => {
    const planFile = join(dir, 'plan.yaml');
    const out = join(dir, 'calibrated.yaml');
    writeFileSync(planFile, PLAN);
    const json = await verifyCommand(planFile, { prometheus: prometheus!.url, range: '20m', json: true, calibrate: true, writePlan: out });
    expect(json.exitCode, json.output).toBe(0);
    const report = JSON.parse(json.output) as { workloads: { workload: string; notCalibrated?: string; fits: { name: string; value?: number; points: number; observedPoints: number; refusal?: { code: string } }[] }[]; written: { edits: number } };
    const fits = (workload: string) => Object.fromEntries(report.workloads.find((w) => w.workload === workload)!.fits.map((f) => [f.name, f]));
    const ranker = fits('ranker');
    expect(ranker.serviceTime!.refusal, json.output).toBeUndefined();
    // rate() over 10-second samples of linear counters: the ratios are exact to rounding.
    expect(ranker.serviceTime!.value!).toBeCloseTo(SERVING.serviceSeconds, 4);
    expect(ranker.cpuCoresPerWorker!.value!).toBeCloseTo(SERVING.coresPerWorker, 3);
    const pipeline = fits('features').throughputPerCore!;
    expect(pipeline.refusal, json.output).toBeUndefined();
    expect(pipeline.value! / PIPELINE.bytesPerCoreSecond).toBeCloseTo(1, 4);
    // The minutes after the run (no bytes, no CPU) are idle, not fitted.
    expect(pipeline.points).toBeLessThan(pipeline.observedPoints);
    expect(report.workloads.find((w) => w.workload === 'chat')!.notCalibrated).toContain('metrics.runtime is triton');
    expect(report.workloads.find((w) => w.workload === 'tune')!.notCalibrated).toContain('training');
    expect(report.written.edits).toBe(3);

    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# from a load test on a laptop');
    const parsed = parsePlan(text);
    if (!parsed.ok) throw parsed.error;
    const [servingPlan, pipelinePlan] = parsed.plan.spec.workloads;
    expect(servingPlan?.kind === 'model-serving' && servingPlan.serviceTime).toBeCloseTo(SERVING.serviceSeconds, 4);
    expect(servingPlan!.assumptions?.cpuCoresPerWorker).toBeCloseTo(SERVING.coresPerWorker, 3);
    expect(pipelinePlan?.kind === 'data-pipeline' && pipelinePlan.throughputPerCore).toBeCloseTo(PIPELINE.bytesPerCoreSecond, -3);
    const explain = sizePlan(parsed.plan).workloads[1]!.explain.find((s) => s.id === 'calibrated.throughputPerCore')!;
    expect(explain.source).toContain('headroom_pipeline_bytes_total');

    const text2 = await verifyCommand(planFile, { prometheus: prometheus!.url, range: '20m', json: false, calibrate: true });
    expect(text2.output).toMatch(/ranker \(model-serving\)\n/);
    expect(text2.output).toMatch(/serviceTime +25\.0 ms +50\.0 ms +0\.0% +601 of 601 +fitted/);
    expect(text2.output).toContain('chat (llm-inference): not calibrated: metrics.runtime is triton');
    expect(text2.output).toMatch(/sizing: replicas \d+ → \d+, CPU cores/);
  });

  it('--strict fails when a fit was refused', { timeout: 60_000 }, async () => {
    const planFile = join(dir, 'strict.yaml');
    // A pipeline whose pods nobody scrapes: its fit is refused for want of data.
    writeFileSync(planFile, PLAN.replace('name: features', 'name: lost'));
    const { output, exitCode } = await verifyCommand(planFile, { prometheus: prometheus!.url, range: '20m', json: false, calibrate: true, strict: true });
    expect(output).toContain('refused (no-data): no samples of headroom_pipeline_bytes_total, container_cpu_usage_seconds_total');
    expect(output).toContain('FAIL (--strict): refused: lost throughputPerCore');
    expect(exitCode).toBe(1);
  });
});

describe('writing the calibrated plan', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-atomic-'));
    try {
      const path = join(dir, 'plan.yaml');
      writeFileSync(path, 'old');
      writeAtomically(path, 'new contents');
      expect(readFileSync(path, 'utf8')).toBe('new contents');
      expect(readdirSync(dir)).toEqual(['plan.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the path named and removes its temporary file when the target cannot be replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-atomic-'));
    try {
      // A non-empty directory in the way: the rename fails (for root too), after the temporary file was written.
      const path = join(dir, 'plan.yaml');
      mkdirSync(path);
      writeFileSync(join(path, 'keep'), 'kept');
      expect(() => writeAtomically(path, 'new')).toThrow(CliError);
      expect(() => writeAtomically(path, 'new')).toThrow(new RegExp(`^--write-plan ${path}: cannot write \\((EISDIR|ENOTEMPTY|EEXIST)\\)$`));
      expect(readdirSync(dir)).toEqual(['plan.yaml']);
      expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('kept');
      // A folder that does not exist: nothing is written at all.
      expect(() => writeAtomically(join(dir, 'absent', 'plan.yaml'), 'new')).toThrow('cannot write (ENOENT)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
