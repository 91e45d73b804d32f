/**
 * Prometheus sizing from the series the verification kit itself creates: container and pod series
 * (cAdvisor, kube-state-metrics), node series (node-exporter, kubelet), GPU series (dcgm-exporter),
 * serving runtime series, and the plan's own. Memory and disk then follow the Prometheus docs'
 * rule: disk = retention × samples/s × bytes per sample.
 */
import type { Assumptions } from '../catalog/assumptions.ts';
import { findInstanceType } from '../catalog/instance-types.ts';
import type { Provider } from '../catalog/types.ts';
import { Trail } from '../sizing/explain.ts';
import { poolMetricFamilies } from '../signals/pool-series.ts';
import { podsPerReplica } from '../sizing/pods-per-replica.ts';
import type { MonitoringSizing, NodePoolSizing, WorkloadSizing } from '../sizing/types.ts';

/**
 * Series per source. Estimates from the default exporters as kube-prometheus deploys them; each
 * comment says what the figure counts.
 */
export const seriesPerUnit = {
  // cAdvisor container_* series kube-prometheus keeps per container (CPU, throttling, memory
  // working set/RSS/cache, file system, network): ~30 with one container per pod.
  cadvisorPerPod: 30,
  // kube-state-metrics kube_pod_* and kube_pod_container_* per pod (info, phase ×5, ready,
  // restarts, requests and limits per resource, status): ~25.
  kubeStateMetricsPerPod: 25,
  // kube_deployment_* / kube_statefulset_*, HPA and PDB series per workload: ~25.
  kubeStateMetricsPerWorkload: 25,
  // node-exporter: node_cpu_seconds_total has 8 modes per CPU; ~450 other series per node
  // (memory, disks, file systems, network, pressure).
  nodeExporterPerCpu: 8,
  nodeExporterPerNode: 450,
  // kubelet and cAdvisor machine-level series per node.
  kubeletPerNode: 250,
  // dcgm-exporter default counters (dcp-metrics-included.csv): ~20 fields per GPU.
  dcgmPerGpu: 20,
  // vLLM /metrics per replica: ~20 gauges and counters plus ~10 histograms of ~20 buckets.
  vllmPerReplica: 230,
  // Triton per replica: per-model counters and durations.
  tritonPerReplica: 40,
  // Headroom instrumentation per replica: a latency histogram (SLO buckets) by status class,
  // in-flight, queue and token series.
  headroomPerReplica: 50,
  // headroom_plan_* gauges per workload and the recording rules' outputs.
  planPerWorkload: 40,
  // The kit's pod identity rule, namespace_workload_pod:headroom_pod_workload:info: one series per pod.
  kitPerPod: 1,
  // The kit's node rules, node:headroom_node_instance_type:info and
  // node:headroom_node_gpus_allocatable:sum: one series each per node (observe, pools/rules.ts).
  kitPerNode: 2,
} as const;

/**
 * Series the plan exporter publishes per node pool: headroom_plan_pool_nodes, and the pool's
 * allocatable CPU, memory, GPUs and pods of one node and of all its nodes (signals/pool-series.ts).
 */
export const POOL_SERIES_PER_POOL = 1 + 2 * (Object.keys(poolMetricFamilies).length - 1);
/**
 * The exporter's own series: headroom_exporter_plan_reloads_total{result="success"|"failure"},
 * ..._last_reload_success_timestamp_seconds and ..._last_reload_successful{plan} (docs/exporter.md).
 */
export const EXPORTER_OWN_SERIES = 4;
/** Replicas of the plan exporter's Deployment in the kit (kubernetes/exporter.yaml): each publishes every plan series. */
export const EXPORTER_REPLICAS = 1;

export interface MonitoringInput {
  provider: Provider;
  scrapeIntervalSeconds: number;
  retentionSeconds: number;
  assumptions: Assumptions;
  workloads: readonly (WorkloadSizing & { runtime?: string })[];
  nodePools: readonly NodePoolSizing[];
}

export function sizeMonitoring(input: MonitoringInput): MonitoringSizing {
  const trail = new Trail();
  // A replica spanning several nodes is several pods (podsPerReplica), each with its own series.
  const pods = input.workloads.reduce((n, w) => n + w.replicas.max * (w.runsAs === 'service' ? podsPerReplica(w) : 1), 0);
  const nodes = input.nodePools.reduce((n, p) => n + p.nodes, 0);
  const cpus = input.nodePools.reduce((n, p) => n + p.nodes * (findInstanceType(input.provider, p.instanceType)?.vcpus ?? 0), 0);
  const gpus = input.nodePools.reduce((n, p) => n + p.nodes * p.allocatable.gpus, 0);
  const runtimeReplicas = (runtime: string) => input.workloads.filter((w) => w.runtime === runtime).reduce((n, w) => n + w.replicas.max, 0);
  const seriesBySource: Record<string, number> = {
    cadvisor: pods * seriesPerUnit.cadvisorPerPod,
    'kube-state-metrics': pods * seriesPerUnit.kubeStateMetricsPerPod + input.workloads.length * seriesPerUnit.kubeStateMetricsPerWorkload,
    'node-exporter': nodes * seriesPerUnit.nodeExporterPerNode + cpus * seriesPerUnit.nodeExporterPerCpu,
    kubelet: nodes * seriesPerUnit.kubeletPerNode,
    'dcgm-exporter': gpus * seriesPerUnit.dcgmPerGpu,
    vllm: runtimeReplicas('vllm') * seriesPerUnit.vllmPerReplica,
    triton: runtimeReplicas('triton') * seriesPerUnit.tritonPerReplica,
    headroom: runtimeReplicas('headroom') * seriesPerUnit.headroomPerReplica,
    plan: input.workloads.length * seriesPerUnit.planPerWorkload * EXPORTER_REPLICAS,
    'plan-pools': input.nodePools.length * POOL_SERIES_PER_POOL * EXPORTER_REPLICAS,
    'plan-exporter': EXPORTER_OWN_SERIES * EXPORTER_REPLICAS,
    // The kit's rules over the cluster's pods and nodes: the plan's own at least.
    'kit-rules': pods * seriesPerUnit.kitPerPod + (input.nodePools.length > 0 ? nodes * seriesPerUnit.kitPerNode : 0),
  };
  const activeSeries = trail.step(
    { id: 'activeSeries', label: 'Active series', unit: 'series', formula: 'sum of series per source at the autoscaler ceiling (replicas.max)',
      inputs: { pods, nodes, cpus, gpus, ...seriesBySource }, source: 'Series per source: estimates from the kube-prometheus, dcgm-exporter and vLLM defaults (monitoring/size-monitoring.ts).' },
    Object.values(seriesBySource).reduce((a, b) => a + b, 0),
  );
  const samplesPerSecond = trail.step(
    { id: 'samplesPerSecond', label: 'Samples ingested per second', unit: 'samples/s', formula: 'activeSeries / scrapeInterval',
      inputs: { activeSeries, scrapeInterval: input.scrapeIntervalSeconds } },
    activeSeries / input.scrapeIntervalSeconds,
  );
  const prometheusMemoryBytes = trail.step(
    { id: 'prometheusMemoryBytes', label: 'Prometheus memory', unit: 'bytes', formula: 'activeSeries × prometheusBytesPerSeries',
      inputs: { activeSeries, prometheusBytesPerSeries: input.assumptions.prometheusBytesPerSeries }, source: 'Brazil, "How much RAM does Prometheus 2.x need for cardinality and ingestion?", Robust Perception 2017.' },
    activeSeries * input.assumptions.prometheusBytesPerSeries,
  );
  const prometheusStorageBytes = trail.step(
    { id: 'prometheusStorageBytes', label: 'Prometheus disk', unit: 'bytes', formula: 'retention × samplesPerSecond × bytesPerSample',
      inputs: { retention: input.retentionSeconds, samplesPerSecond, bytesPerSample: input.assumptions.prometheusBytesPerSample },
      source: 'Prometheus docs, Storage, "Operational aspects": needed_disk_space = retention_time_seconds × ingested_samples_per_second × bytes_per_sample.' },
    input.retentionSeconds * samplesPerSecond * input.assumptions.prometheusBytesPerSample,
  );
  return { activeSeries, samplesPerSecond, prometheusMemoryBytes, prometheusStorageBytes, seriesBySource, explain: trail.steps };
}
