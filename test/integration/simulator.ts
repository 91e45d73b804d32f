/**
 * A workload simulator for the loop test: one HTTP endpoint whose prom-client Registry publishes,
 * for each simulated workload, the series production would have for its pods: cAdvisor (via the
 * kubelet), kube-state-metrics, kubelet volume stats, NVIDIA dcgm-exporter and vLLM. Label names
 * and shapes follow those exporters (pods `<name>-<i>` of a StatefulSet named `<name>`, found by
 * their owner in kube_pod_owner; container `vllm` as vLLM's chart names it); in a cluster the pod
 * labels come from each exporter or from target relabelling, so here they are on the series and the
 * scrape job sets `honor_labels: true`. A workload with `annotationScraped` publishes vLLM's series
 * without a container label, as scraping through pod annotations does. Nodes, when given, are
 * published as kube-state-metrics reports them with the instance-type labels allowlisted.
 *
 * Every series is a function of time: gauges are constant, counters grow at a fixed rate from the
 * moment the pods "started" (`historySeconds` before the simulator did), and histograms take their
 * observations from a fixed cycle of latencies. A scrape sets the prom-client metrics to their value
 * at that instant (prom-client `collect`), so rate() sees exactly the intended rates; and
 * `history()` renders the same functions over the past as OpenMetrics for `promtool tsdb
 * create-blocks-from openmetrics`, so Prometheus can start with the minutes of history that
 * 5-minute rate windows need, continuous with what it then scrapes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as prom from 'prom-client';

type Labels = Record<string, string>;

/** One simulated workload. Totals are across its pods; per-pod values are the same on every pod. */
export interface SimulatedWorkload {
  namespace: string;
  /** Pods `<name>-0…` of the StatefulSet `<name>`, container `vllm`, HorizontalPodAutoscaler `<name>`. */
  name: string;
  /** vLLM scraped through pod annotations: its series carry no container label. */
  annotationScraped: boolean;
  pods: number;
  /** vLLM's model_name label. */
  model: string;
  gpusPerPod: number;
  gpuModelName: string;
  // Usage.
  cpuCores: number;
  memoryBytes: number;
  /** Frame buffer used on one pod's GPUs together. */
  gpuMemoryBytesPerPod: number;
  requestsPerSecond: number;
  generationTokensPerSecond: number;
  /** vllm:prompt_tokens_total's rate (published only when given). */
  promptTokensPerSecond?: number;
  kvCacheUsage: number;
  requestsWaitingPerPod: number;
  requestsRunningPerPod: number;
  /** Latencies the requests see, cycled through in order (seconds). */
  timeToFirstTokenSeconds: readonly number[];
  interTokenLatencySeconds: readonly number[];
  // Deployed spec.
  cpuRequestCores: number;
  memoryRequestBytes: number;
  hpaMinReplicas: number;
  hpaMaxReplicas: number;
  /** StatefulSet volume claim templates: claims `<volume>-<name>-<i>`. */
  volumes: readonly { name: string; capacityBytes: number; availableBytes: number }[];
  /** More pods `<name>-<pods>…` the scheduler cannot place: Pending, unschedulable, on no node. */
  unschedulablePods?: number;
}

/** One node as kube-state-metrics reports it (run with the instance-type labels allowlisted). */
export interface SimulatedNode {
  name: string;
  /** Both node.kubernetes.io/instance-type and the beta label, as kubelets set them. */
  instanceType: string;
  ready: boolean;
  /** Allocatable per node (nvidia.com/gpu: the device plugin's GPUs; none: no GPU series). */
  cpuCores: number;
  memoryBytes: number;
  gpus: number;
  pods: number;
}

export interface Simulator {
  url: string;
  /** host:port, as a Prometheus target. */
  target: string;
  /** Unix time (seconds) the simulated pods started: counters are zero then. */
  startedAt: number;
  /**
   * The series between `startedAt` and `until` every `stepSeconds`, as OpenMetrics with sample
   * timestamps, each series carrying `labels` too (the job and instance a scrape would add).
   */
  history(options: { until: number; stepSeconds: number; labels: Labels }): string;
  /**
   * From now on, the gauge `name`'s series whose labels include `match` read `value(old)` (a pod
   * turning unready, memory growing); returns how many series changed.
   */
  setGauge(name: string, match: Labels, value: (old: number) => number): number;
  close(): Promise<void>;
}

/** vLLM's histogram bounds (vllm/engine/metrics.py); SLO thresholds must be among them. */
export const VLLM_TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0] as const;
export const VLLM_ITL_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0] as const;

const MIB = 1024 * 1024;

interface Series { labels: Labels; at: (t: number) => number }
interface Family { name: string; help: string; type: 'counter' | 'gauge'; series: Series[] }
interface HistogramSeries { labels: Labels; perSecond: number; cycle: readonly number[] }
interface HistogramFamily { name: string; help: string; buckets: readonly number[]; series: HistogramSeries[] }

function model(workloads: readonly SimulatedWorkload[], nodes: readonly SimulatedNode[], startedAt: number): { families: Family[]; histograms: HistogramFamily[] } {
  const families = new Map<string, Family>();
  const histograms = new Map<string, HistogramFamily>();
  const gauge = (name: string, help: string, labels: Labels, value: number) => {
    const family = families.get(name) ?? { name, help, type: 'gauge' as const, series: [] };
    family.series.push({ labels, at: () => value });
    families.set(name, family);
  };
  const counter = (name: string, help: string, labels: Labels, perSecond: number) => {
    const family = families.get(name) ?? { name, help, type: 'counter' as const, series: [] };
    family.series.push({ labels, at: (t) => perSecond * Math.max(0, t - startedAt) });
    families.set(name, family);
  };
  const histogram = (name: string, help: string, buckets: readonly number[], series: HistogramSeries) => {
    const family = histograms.get(name) ?? { name, help, buckets, series: [] };
    family.series.push(series);
    histograms.set(name, family);
  };

  for (const w of workloads) {
    const { namespace, pods } = w;
    // vLLM's Helm chart names the container `vllm`, whatever the workload is called.
    const container = 'vllm';
    const image = 'docker.io/vllm/vllm-openai:v0.8.5';
    gauge('kube_horizontalpodautoscaler_spec_max_replicas', 'Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.',
      { namespace, horizontalpodautoscaler: w.name }, w.hpaMaxReplicas);
    gauge('kube_horizontalpodautoscaler_spec_min_replicas', 'Lower limit for the number of pods that can be set by the autoscaler, default 1.',
      { namespace, horizontalpodautoscaler: w.name }, w.hpaMinReplicas);
    gauge('kube_horizontalpodautoscaler_status_current_replicas', 'Current number of replicas of pods managed by this autoscaler.',
      { namespace, horizontalpodautoscaler: w.name }, pods);
    gauge('kube_horizontalpodautoscaler_info', 'Information about this autoscaler.',
      { namespace, horizontalpodautoscaler: w.name, scaletargetref_api_version: 'apps/v1', scaletargetref_kind: 'StatefulSet', scaletargetref_name: w.name }, 1);
    // Pods waiting for room: kube-state-metrics reports them Pending, not Ready, unschedulable
    // (kube_pod_status_unschedulable, from the PodScheduled condition), with no node yet.
    for (let i = pods; i < pods + (w.unschedulablePods ?? 0); i++) {
      const pod = `${w.name}-${i}`;
      const uid = `00000000-0000-4000-8000-${(workloads.indexOf(w) * 1000 + i).toString(16).padStart(12, '0')}`;
      gauge('kube_pod_info', 'Information about pod.', { namespace, pod, uid, node: '', created_by_kind: 'StatefulSet', created_by_name: w.name, host_ip: '', pod_ip: '' }, 1);
      gauge('kube_pod_owner', 'Information about the Pod\'s owner.', { namespace, pod, uid, owner_kind: 'StatefulSet', owner_name: w.name, owner_is_controller: 'true' }, 1);
      for (const phase of ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']) {
        gauge('kube_pod_status_phase', 'The pods current phase.', { namespace, pod, uid, phase }, phase === 'Pending' ? 1 : 0);
      }
      for (const condition of ['true', 'false', 'unknown']) {
        gauge('kube_pod_status_ready', 'Describes whether the pod is ready to serve requests.', { namespace, pod, uid, condition }, condition === 'false' ? 1 : 0);
      }
      gauge('kube_pod_status_unschedulable', 'Describes the unschedulable status for the pod.', { namespace, pod, uid }, 1);
    }
    for (let i = 0; i < pods; i++) {
      const pod = `${w.name}-${i}`;
      const uid = `00000000-0000-4000-8000-${(workloads.indexOf(w) * 1000 + i).toString(16).padStart(12, '0')}`;
      const node = `gpu-node-${workloads.indexOf(w)}-${i}`;
      // cAdvisor: the container's cgroup, and the pod's own cgroup (no container label), which a
      // selector without container="…" would count twice.
      const cpu = w.cpuCores / pods;
      const memory = w.memoryBytes / pods;
      counter('container_cpu_usage_seconds_total', 'Cumulative cpu time consumed in seconds.', { namespace, pod, container, image, name: `k8s_${container}_${pod}` }, cpu);
      counter('container_cpu_usage_seconds_total', 'Cumulative cpu time consumed in seconds.', { namespace, pod, id: `/kubepods/pod${uid}` }, cpu * 1.02);
      gauge('container_memory_working_set_bytes', 'Current working set in bytes.', { namespace, pod, container, image, name: `k8s_${container}_${pod}` }, memory);
      gauge('container_memory_working_set_bytes', 'Current working set in bytes.', { namespace, pod, id: `/kubepods/pod${uid}` }, memory * 1.02);
      // kube-state-metrics.
      gauge('kube_pod_info', 'Information about pod.', { namespace, pod, uid, node, created_by_kind: 'StatefulSet', created_by_name: w.name, host_ip: '10.0.0.1', pod_ip: `10.1.${workloads.indexOf(w)}.${i + 10}` }, 1);
      gauge('kube_pod_owner', 'Information about the Pod\'s owner.', { namespace, pod, uid, owner_kind: 'StatefulSet', owner_name: w.name, owner_is_controller: 'true' }, 1);
      for (const phase of ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']) {
        gauge('kube_pod_status_phase', 'The pods current phase.', { namespace, pod, uid, phase }, phase === 'Running' ? 1 : 0);
      }
      counter('kube_pod_container_status_restarts_total', 'The number of container restarts per container.', { namespace, pod, uid, container }, 0);
      for (const condition of ['true', 'false', 'unknown']) {
        gauge('kube_pod_status_ready', 'Describes whether the pod is ready to serve requests.', { namespace, pod, uid, condition }, condition === 'true' ? 1 : 0);
      }
      const requestsHelp = 'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.';
      gauge('kube_pod_container_resource_requests', requestsHelp, { namespace, pod, uid, container, node, resource: 'cpu', unit: 'core' }, w.cpuRequestCores);
      gauge('kube_pod_container_resource_requests', requestsHelp, { namespace, pod, uid, container, node, resource: 'memory', unit: 'byte' }, w.memoryRequestBytes);
      // The kit sets the memory limit to the request.
      gauge('kube_pod_container_resource_limits', 'The number of requested limit resource by a container.', { namespace, pod, uid, container, node, resource: 'memory', unit: 'byte' }, w.memoryRequestBytes);
      if (w.gpusPerPod > 0) gauge('kube_pod_container_resource_requests', requestsHelp, { namespace, pod, uid, container, node, resource: 'nvidia_com_gpu', unit: 'integer' }, w.gpusPerPod);
      // kubelet volume stats.
      for (const volume of w.volumes) {
        const claim = { namespace, persistentvolumeclaim: `${volume.name}-${pod}` };
        gauge('kubelet_volume_stats_capacity_bytes', 'Capacity in bytes of the volume', claim, volume.capacityBytes);
        gauge('kubelet_volume_stats_available_bytes', 'Number of available bytes in the volume', claim, volume.availableBytes);
        gauge('kube_pod_spec_volumes_persistentvolumeclaims_info', 'Information about persistentvolumeclaim volumes in a pod.',
          { namespace, pod, uid, volume: volume.name, persistentvolumeclaim: claim.persistentvolumeclaim }, 1);
      }
      // dcgm-exporter: one series per GPU, frame buffer in MiB.
      for (let gpu = 0; gpu < w.gpusPerPod; gpu++) {
        const labels = { gpu: String(gpu), UUID: `GPU-${uid.slice(0, 24)}${gpu.toString(16).padStart(12, '0')}`, device: `nvidia${gpu}`, modelName: w.gpuModelName, Hostname: node, DCGM_FI_DRIVER_VERSION: '550.54.15', namespace, pod, container };
        gauge('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).', labels, Math.round(w.gpuMemoryBytesPerPod / w.gpusPerPod / MIB));
        // 81,559 MiB: an H100 80GB's frame buffer as dcgm-exporter reports it (FB_USED + FB_FREE + reserved).
        gauge('DCGM_FI_DEV_FB_FREE', 'Framebuffer memory free (in MiB).', labels, Math.max(0, 81_559 - Math.round(w.gpuMemoryBytesPerPod / w.gpusPerPod / MIB)));
      }
      // vLLM.
      const vllm: Labels = w.annotationScraped ? { model_name: w.model, namespace, pod } : { model_name: w.model, namespace, pod, container };
      const requestRate = w.requestsPerSecond / pods;
      counter('vllm:request_success_total', 'Count of successfully processed requests.', { ...vllm, finished_reason: 'stop' }, requestRate * 0.9);
      counter('vllm:request_success_total', 'Count of successfully processed requests.', { ...vllm, finished_reason: 'length' }, requestRate * 0.1);
      counter('vllm:generation_tokens_total', 'Number of generation tokens processed.', vllm, w.generationTokensPerSecond / pods);
      if (w.promptTokensPerSecond !== undefined) counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.', vllm, w.promptTokensPerSecond / pods);
      gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', vllm, w.kvCacheUsage);
      gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', vllm, w.requestsWaitingPerPod);
      gauge('vllm:num_requests_running', 'Number of requests currently running on GPU.', vllm, w.requestsRunningPerPod);
      histogram('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', VLLM_TTFT_BUCKETS,
        { labels: vllm, perSecond: requestRate, cycle: w.timeToFirstTokenSeconds });
      histogram('vllm:inter_token_latency_seconds', 'Histogram of inter-token latency in seconds.', VLLM_ITL_BUCKETS,
        { labels: vllm, perSecond: w.generationTokensPerSecond / pods, cycle: w.interTokenLatencySeconds });
    }
  }
  for (const n of nodes) {
    const node = n.name;
    gauge('kube_node_labels', 'Kubernetes labels converted to Prometheus labels.',
      { node, label_node_kubernetes_io_instance_type: n.instanceType, label_beta_kubernetes_io_instance_type: n.instanceType }, 1);
    for (const status of ['true', 'false', 'unknown']) {
      gauge('kube_node_status_condition', 'The condition of a cluster node.', { node, condition: 'Ready', status }, (status === 'true') === n.ready ? 1 : 0);
    }
    const allocatable = 'The allocatable for different resources of a node that are available for scheduling.';
    gauge('kube_node_status_allocatable', allocatable, { node, resource: 'cpu', unit: 'core' }, n.cpuCores);
    gauge('kube_node_status_allocatable', allocatable, { node, resource: 'memory', unit: 'byte' }, n.memoryBytes);
    gauge('kube_node_status_allocatable', allocatable, { node, resource: 'pods', unit: 'integer' }, n.pods);
    if (n.gpus > 0) gauge('kube_node_status_allocatable', allocatable, { node, resource: 'nvidia_com_gpu', unit: 'integer' }, n.gpus);
  }
  return { families: [...families.values()], histograms: [...histograms.values()] };
}

/** Observations a histogram series has made by time t: the first n of its cycle, repeated. */
function observations(series: HistogramSeries, startedAt: number, t: number): number {
  return Math.floor(series.perSecond * Math.max(0, t - startedAt));
}

/** Bucket counts (cumulative, by bound), count and sum after n observations of the cycle. */
function histogramState(cycle: readonly number[], buckets: readonly number[], n: number) {
  const k = cycle.length;
  const times = (j: number) => Math.floor(n / k) + (j < n % k ? 1 : 0);
  const sum = cycle.reduce((acc, value, j) => acc + value * times(j), 0);
  const bucket = (bound: number) => cycle.reduce((acc, value, j) => acc + (value <= bound ? times(j) : 0), 0);
  return { buckets: buckets.map((bound) => ({ le: String(bound), count: bucket(bound) })), count: n, sum };
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => `{${Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;

/**
 * Every series at each of `times` (Unix seconds) with `labels` added, one sample line each:
 * `name{labels} value timestamp`, the timestamp as `stamp` writes it (OpenMetrics: seconds;
 * Prometheus' text format and VictoriaMetrics' import: milliseconds).
 */
function renderSamples(families: readonly Family[], histograms: readonly HistogramFamily[], startedAt: number, times: readonly number[], labels: Labels, stamp: (t: number) => string): string[] {
  const lines: string[] = [];
  for (const family of families) {
    for (const s of family.series) {
      const series = `${family.name}${labelText({ ...s.labels, ...labels })}`;
      for (const t of times) lines.push(`${series} ${s.at(t)} ${stamp(t)}`);
    }
  }
  for (const family of histograms) {
    for (const s of family.series) {
      const series = (suffix: string, extra: Labels = {}) => `${family.name}${suffix}${labelText({ ...s.labels, ...extra, ...labels })}`;
      for (const t of times) {
        const state = histogramState(s.cycle, family.buckets, observations(s, startedAt, t));
        for (const b of state.buckets) lines.push(`${series('_bucket', { le: b.le })} ${b.count} ${stamp(t)}`);
        lines.push(`${series('_bucket', { le: '+Inf' })} ${state.count} ${stamp(t)}`);
        lines.push(`${series('_count')} ${state.count} ${stamp(t)}`);
        lines.push(`${series('_sum')} ${state.sum} ${stamp(t)}`);
      }
    }
  }
  return lines;
}

/**
 * The same series without an endpoint, for writing them straight into a store (a benchmark with
 * more workloads than a scrape of prom-client's histograms could replay): the sample lines of every
 * series at `times`, timestamps as `stamp` writes them.
 */
export function simulatedSamples(workloads: readonly SimulatedWorkload[], startedAt: number, nodes: readonly SimulatedNode[] = []): (times: readonly number[], labels: Labels, stamp: (t: number) => string) => string[] {
  const { families, histograms } = model(workloads, nodes, startedAt);
  return (times, labels, stamp) => renderSamples(families, histograms, startedAt, times, labels, stamp);
}


export async function startSimulator(workloads: readonly SimulatedWorkload[], options: { historySeconds: number; nodes?: readonly SimulatedNode[] }): Promise<Simulator> {
  for (const w of workloads) {
    if (w.timeToFirstTokenSeconds.length === 0 || w.interTokenLatencySeconds.length === 0) throw new Error(`simulator: ${w.name} needs latencies to cycle through`);
  }
  const now = () => Date.now() / 1000;
  const startedAt = now() - options.historySeconds;
  const { families, histograms } = model(workloads, options.nodes ?? [], startedAt);

  const registry = new prom.Registry();
  const labelNames = (series: readonly { labels: Labels }[]) => [...new Set(series.flatMap((s) => Object.keys(s.labels)))];
  for (const family of families) {
    const names = labelNames(family.series);
    if (family.type === 'gauge') {
      new prom.Gauge({
        name: family.name, help: family.help, labelNames: names, registers: [registry],
        collect() {
          const t = now();
          for (const s of family.series) this.set(s.labels, s.at(t));
        },
      });
    } else {
      // prom-client counters only go up by inc(): add what the model grew by since the last scrape.
      const reached = new Map<Series, number>();
      new prom.Counter({
        name: family.name, help: family.help, labelNames: names, registers: [registry],
        collect() {
          const t = now();
          for (const s of family.series) {
            const value = s.at(t);
            const delta = value - (reached.get(s) ?? 0);
            if (delta > 0) {
              this.inc(s.labels, delta);
              reached.set(s, value);
            } else if (!reached.has(s)) {
              this.inc(s.labels, 0);
              reached.set(s, 0);
            }
          }
        },
      });
    }
  }
  for (const family of histograms) {
    const observed = new Map<HistogramSeries, number>();
    new prom.Histogram({
      name: family.name, help: family.help, labelNames: labelNames(family.series), buckets: [...family.buckets], registers: [registry],
      collect() {
        const t = now();
        for (const s of family.series) {
          const target = observations(s, startedAt, t);
          let done = observed.get(s);
          if (done === undefined) {
            this.zero(s.labels);
            done = 0;
          }
          for (; done < target; done++) this.observe(s.labels, s.cycle[done % s.cycle.length]!);
          observed.set(s, done);
        }
      },
    });
  }
  // The first collection replays the whole history into the histograms; do it before anyone scrapes.
  await registry.metrics();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const target = `127.0.0.1:${port}`;

  return {
    url: `http://${target}`,
    target,
    startedAt,
    setGauge(name, match, value) {
      let changed = 0;
      for (const family of families) {
        if (family.name !== name || family.type !== 'gauge') continue;
        for (const s of family.series) {
          if (!Object.entries(match).every(([k, v]) => s.labels[k] === v)) continue;
          const next = value(s.at(now()));
          s.at = () => next;
          changed++;
        }
      }
      return changed;
    },
    history({ until, stepSeconds, labels }) {
      const times: number[] = [];
      for (let t = startedAt; t <= until; t += stepSeconds) times.push(Math.round(t * 1000) / 1000);
      return `${[...renderSamples(families, histograms, startedAt, times, labels, String), '# EOF'].join('\n')}\n`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
