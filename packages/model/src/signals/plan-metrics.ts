/**
 * The plan as Prometheus series: what the exporter publishes and what dashboards and alerts join
 * production metrics with (on `plan` and `workload`). One function, so the exporter, the generated
 * rule tests and the docs cannot disagree about names, labels or values. Base units throughout.
 */
import type { Plan } from '../schema/plan.ts';
import type { Sizing, WorkloadSizing } from '../sizing/types.ts';
import { podsPerReplica } from '../sizing/pods-per-replica.ts';

export interface PlanMetricFamily {
  name: string;
  help: string;
  /** Label names beyond plan, namespace, workload and kind. */
  extraLabels: readonly string[];
}

export interface PlanSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export const planMetricFamilies = {
  info: { name: 'headroom_plan_info', help: 'The plan being served: its name, format version and content hash. Always 1.', extraLabels: ['version', 'hash'] },
  replicas: { name: 'headroom_plan_replicas', help: 'Planned replicas: bound="min" (availability floor), "peak" (needed at peak), "max" (autoscaler ceiling).', extraLabels: ['bound'] },
  cpuCores: { name: 'headroom_plan_cpu_cores', help: 'Planned CPU requests in cores, per replica (scope="replica"), per pod (scope="pod": the replica\'s share where it spans several pods, else the replica\'s), or for all replicas at peak (scope="total").', extraLabels: ['scope'] },
  memoryBytes: { name: 'headroom_plan_memory_bytes', help: 'Planned memory requests in bytes, per replica, per pod (the replica\'s share where it spans several pods), or for all replicas at peak.', extraLabels: ['scope'] },
  gpus: { name: 'headroom_plan_gpus', help: 'Planned GPUs, per replica or for all replicas at peak.', extraLabels: ['scope', 'gpu_model'] },
  gpuMemoryBytes: { name: 'headroom_plan_gpu_memory_bytes', help: 'GPU memory the plan expects the workload to use, per replica or for all replicas at peak, in bytes.', extraLabels: ['scope'] },
  storageBytes: { name: 'headroom_plan_storage_bytes', help: 'Planned persistent storage in bytes, per volume.', extraLabels: ['volume'] },
  peakRequestsPerSecond: { name: 'headroom_plan_peak_requests_per_second', help: 'Planned peak traffic across all replicas, in requests per second.', extraLabels: [] },
  latencySloSeconds: { name: 'headroom_plan_latency_slo_seconds', help: 'Latency objectives (p95) in seconds, by slo.', extraLabels: ['slo'] },
  throughput: { name: 'headroom_plan_throughput', help: 'Planned throughput figures of the workload\'s kind (per second), by figure.', extraLabels: ['figure'] },
  runIntervalSeconds: { name: 'headroom_plan_run_interval_seconds', help: 'Time between scheduled runs of a pipeline (one day / runs per day), in seconds.', extraLabels: [] },
  windowSeconds: { name: 'headroom_plan_window_seconds', help: 'Time a run must finish in (batch and pipeline windows, training deadlines), in seconds.', extraLabels: [] },
  workPerRun: { name: 'headroom_plan_work_per_run', help: 'Work in one run: tokens for training, items for batch, bytes for pipelines, by unit.', extraLabels: ['unit'] },
  forecastPeakRequestsPerSecond: { name: 'headroom_plan_forecast_peak_requests_per_second', help: 'Peak requests per second the growth forecast expects this calendar month: the planned peak × (1 + monthly growth)^month × the month\'s dated peak. Published when the plan sets spec.growth.start.', extraLabels: [] },
  forecastWorkPerRun: { name: 'headroom_plan_forecast_work_per_run', help: 'Work per run the growth forecast expects this calendar month (tokens, items or bytes, by unit). Published when the plan sets spec.growth.start.', extraLabels: ['unit'] },
} as const satisfies Record<string, PlanMetricFamily>;

/** Version of the plan format published in headroom_plan_info. */
export const PLAN_FORMAT_VERSION = 'headroom/v1';

const snake = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Throughput figures published per kind: detail name → figure label (snake case). */
const throughputDetails = [
  'peakOutputTokensPerSecond', 'decodeTokensPerSecondPerReplica', 'requestsPerSecondPerReplica', 'offeredLoadErlangs',
  'requiredTokensPerSecond', 'plannedTokensPerSecond', 'requiredItemsPerSecond', 'plannedItemsPerSecond', 'requiredBytesPerSecond',
] as const;

/** GPU memory the workload is expected to use per replica (what dcgm-exporter's FB_USED should show). */
export function plannedGpuMemoryBytesPerReplica(w: WorkloadSizing): number {
  const d = w.details;
  if (w.perReplica.gpus === 0) return 0;
  if (d.gpuMemoryBytesPerReplica !== undefined && d.gpuMemoryUtilization !== undefined) return d.gpuMemoryBytesPerReplica * d.gpuMemoryUtilization;
  if (d.memoryPerGpuBytes !== undefined) return d.memoryPerGpuBytes * w.perReplica.gpus;
  if (d.gpuMemoryBytesNeeded !== undefined) return d.gpuMemoryBytesNeeded;
  return w.perReplica.gpuMemoryBytes ?? 0;
}

export function planSamples(plan: Plan, sizing: Sizing): PlanSample[] {
  const samples: PlanSample[] = [];
  const f = planMetricFamilies;
  const planName = plan.metadata.name;
  samples.push({ name: f.info.name, labels: { plan: planName, namespace: plan.metadata.namespace, version: PLAN_FORMAT_VERSION, hash: sizing.plan.hash }, value: 1 });
  for (const [index, w] of sizing.workloads.entries()) {
    const input = plan.spec.workloads[index]!;
    const base = { plan: planName, namespace: input.match?.namespace ?? plan.metadata.namespace, workload: w.name, kind: w.kind };
    const add = (name: string, value: number, extra: Record<string, string> = {}) => samples.push({ name, labels: { ...base, ...extra }, value });
    for (const bound of ['min', 'peak', 'max'] as const) add(f.replicas.name, w.replicas[bound], { bound });
    add(f.cpuCores.name, w.perReplica.cpuCores, { scope: 'replica' });
    add(f.cpuCores.name, w.total.cpuCores, { scope: 'total' });
    add(f.memoryBytes.name, w.perReplica.memoryBytes, { scope: 'replica' });
    add(f.memoryBytes.name, w.total.memoryBytes, { scope: 'total' });
    // What one pod requests, and what its busiest pod is compared with: the replica's figures, or
    // an equal share where a replica spans several nodes, one pod per node (podsPerReplica).
    const pods = w.runsAs === 'service' ? podsPerReplica(w) : 1;
    add(f.cpuCores.name, w.perReplica.cpuCores / pods, { scope: 'pod' });
    add(f.memoryBytes.name, w.perReplica.memoryBytes / pods, { scope: 'pod' });
    const gpuModel = w.perReplica.gpuModel ?? 'none';
    add(f.gpus.name, w.perReplica.gpus, { scope: 'replica', gpu_model: gpuModel });
    add(f.gpus.name, w.total.gpus, { scope: 'total', gpu_model: gpuModel });
    if (w.perReplica.gpus > 0) {
      const perReplica = plannedGpuMemoryBytesPerReplica(w);
      add(f.gpuMemoryBytes.name, perReplica, { scope: 'replica' });
      add(f.gpuMemoryBytes.name, perReplica * w.replicas.peak, { scope: 'total' });
    }
    for (const volume of w.storage) add(f.storageBytes.name, volume.bytes, { volume: volume.name });
    const d = w.details;
    if (d.peakRequestsPerSecond !== undefined) add(f.peakRequestsPerSecond.name, d.peakRequestsPerSecond);
    if (d.timeToFirstTokenSloSeconds !== undefined) add(f.latencySloSeconds.name, d.timeToFirstTokenSloSeconds, { slo: 'time_to_first_token' });
    if (d.interTokenLatencySloSeconds !== undefined) add(f.latencySloSeconds.name, d.interTokenLatencySloSeconds, { slo: 'inter_token_latency' });
    if (d.latencySloSeconds !== undefined) add(f.latencySloSeconds.name, d.latencySloSeconds, { slo: 'latency_p95' });
    for (const detail of throughputDetails) if (d[detail] !== undefined) add(f.throughput.name, d[detail], { figure: snake(detail) });
    const window = d.windowSeconds ?? d.deadlineSeconds;
    if (window !== undefined) add(f.windowSeconds.name, window);
    if (d.runsPerDay !== undefined && d.runsPerDay > 0) add(f.runIntervalSeconds.name, 86_400 / d.runsPerDay);
    if (d.totalTokens !== undefined) add(f.workPerRun.name, d.totalTokens, { unit: 'tokens' });
    if (d.items !== undefined) add(f.workPerRun.name, d.items, { unit: 'items' });
    if (d.bytesPerRun !== undefined) add(f.workPerRun.name, d.bytesPerRun, { unit: 'bytes' });
  }
  return samples;
}
