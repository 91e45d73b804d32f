/**
 * A simulated vLLM workload on H100s shaped by its own plan: requests, limits, GPUs, autoscaler
 * bounds and objectives are read from the series the plan exporter publishes, and a test says how
 * production behaves against them (shares of the planned figures). The cluster's nodes likewise:
 * every planned node of every pool, with the allocatable the exporter publishes for it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePlan, planSamples, poolMetricFamilies, poolSamples, sizePlan, type Plan, type PlanSample, type Sizing } from '@headroom/model';
import type { SimulatedNode, SimulatedWorkload } from './simulator.ts';

/** One planned value, read from the series the exporter publishes. */
export function plannedValue(samples: readonly PlanSample[], metric: string, workload: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === metric && s.labels.workload === workload && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1) throw new Error(`expected one ${metric}${JSON.stringify(labels)} for ${workload}, found ${found.length}`);
  return found[0]!.value;
}

/** How production behaves against the plan, as shares of the planned figures. */
export interface Behaviour {
  pods: (planned: (metric: string, labels?: Record<string, string>) => number) => number;
  /** Of the planned total CPU cores and memory, and of the planned GPU memory per replica. */
  cpuOfTotal: number;
  memoryOfTotal: number;
  gpuMemoryOfReplica: number;
  /** Of the planned peak requests and output tokens per second. */
  trafficOfPeak: number;
  kvCacheUsage: number;
  /** Observed latencies as shares of the objectives. */
  ttftOfSlo: readonly number[];
  itlOfSlo: readonly number[];
  annotationScraped: boolean;
  /** Share of each planned volume still free (none: no volumes). */
  volumeAvailable?: number;
  /** Pods the scheduler cannot place, beyond `pods`. */
  unschedulablePods?: number;
}

export function simulatedLlm(plan: Plan, sizing: Sizing, name: string, b: Behaviour): SimulatedWorkload {
  const samples = planSamples(plan, sizing);
  const p = (metric: string, labels?: Record<string, string>) => plannedValue(samples, metric, name, labels);
  const ttftSlo = p('headroom_plan_latency_slo_seconds', { slo: 'time_to_first_token' });
  const itlSlo = p('headroom_plan_latency_slo_seconds', { slo: 'inter_token_latency' });
  const volumes = b.volumeAvailable === undefined ? [] : samples
    .filter((s) => s.name === 'headroom_plan_storage_bytes' && s.labels.workload === name)
    .map((s) => ({ name: s.labels.volume!, capacityBytes: s.value, availableBytes: s.value * b.volumeAvailable! }));
  return {
    namespace: plan.metadata.namespace,
    name,
    annotationScraped: b.annotationScraped,
    pods: b.pods(p),
    ...(b.unschedulablePods ? { unschedulablePods: b.unschedulablePods } : {}),
    model: 'meta-llama/Llama-3.1-8B-Instruct',
    gpusPerPod: p('headroom_plan_gpus', { scope: 'replica', gpu_model: 'H100-SXM-80GB' }),
    gpuModelName: 'NVIDIA H100 80GB HBM3',
    cpuCores: b.cpuOfTotal * p('headroom_plan_cpu_cores', { scope: 'total' }),
    memoryBytes: b.memoryOfTotal * p('headroom_plan_memory_bytes', { scope: 'total' }),
    gpuMemoryBytesPerPod: b.gpuMemoryOfReplica * p('headroom_plan_gpu_memory_bytes', { scope: 'replica' }),
    requestsPerSecond: b.trafficOfPeak * p('headroom_plan_peak_requests_per_second'),
    generationTokensPerSecond: b.trafficOfPeak * p('headroom_plan_throughput', { figure: 'peak_output_tokens_per_second' }),
    kvCacheUsage: b.kvCacheUsage,
    requestsWaitingPerPod: 0,
    requestsRunningPerPod: 12,
    timeToFirstTokenSeconds: b.ttftOfSlo.map((f) => f * ttftSlo),
    interTokenLatencySeconds: b.itlOfSlo.map((f) => f * itlSlo),
    cpuRequestCores: p('headroom_plan_cpu_cores', { scope: 'replica' }),
    memoryRequestBytes: p('headroom_plan_memory_bytes', { scope: 'replica' }),
    hpaMinReplicas: p('headroom_plan_replicas', { bound: 'min' }),
    hpaMaxReplicas: p('headroom_plan_replicas', { bound: 'max' }),
    volumes,
  };
}

/** The nodes of the plan's pools as planned (from the exporter's pool series); the first `notReady` are not Ready. */
export function plannedNodes(plan: Plan, sizing: Sizing, options: { notReady?: number } = {}): SimulatedNode[] {
  const samples = poolSamples(plan, sizing);
  const f = poolMetricFamilies;
  const nodes: SimulatedNode[] = [];
  for (const pool of samples.filter((s) => s.name === f.nodes.name)) {
    const perNode = (metric: string) => samples.find((s) => s.name === metric && s.labels.pool === pool.labels.pool && s.labels.scope === 'node')!.value;
    for (let i = 0; i < pool.value; i++) {
      nodes.push({
        name: `${pool.labels.pool}-${i}`,
        instanceType: pool.labels.instance_type!,
        ready: nodes.length >= (options.notReady ?? 0),
        cpuCores: perNode(f.cpuCores.name),
        memoryBytes: perNode(f.memoryBytes.name),
        gpus: perNode(f.gpus.name),
        pods: perNode(f.pods.name),
      });
    }
  }
  return nodes;
}

/**
 * The plan the real-server tests size and serve: an 8B vLLM workload per name, each planned alike
 * (4 requests/s peak, TTFT 1 s, ITL 50 ms, one H100), so what differs between them is only how the
 * simulator makes each behave.
 */
export function vllmPlan(name: string, workloads: readonly { name: string; comment?: string }[]): string {
  return `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: ${name}, namespace: inference }
spec:
  cluster: { provider: eks }
  workloads:
${workloads.map((w) => `${w.comment ? `    # ${w.comment}\n` : ''}    - name: ${w.name}
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 4, inputTokens: 800, outputTokens: 200 }
      slo: { timeToFirstToken: 1 s, interTokenLatency: 50 ms }
      accelerator: { gpu: H100-SXM-80GB }
      metrics: { runtime: vllm }
`).join('')}`;
}

/** The plan parsed and sized, and written to `dir/plan.yaml` for the real plan exporter to serve. */
export async function servedPlan(dir: string, text: string): Promise<{ plan: Plan; sizing: Sizing; planFile: string }> {
  const parsed = parsePlan(text);
  if (!parsed.ok) throw parsed.error;
  const planFile = join(dir, 'plan.yaml');
  await writeFile(planFile, text);
  return { plan: parsed.plan, sizing: sizePlan(parsed.plan), planFile };
}
