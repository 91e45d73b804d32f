/**
 * Scraping the workloads' own serving metrics (vLLM, Triton, Headroom's instrumentation), which the
 * runtime signals read: a PodMonitor per workload for the Prometheus Operator, and the same as a
 * plain `scrape_configs` fragment for a Prometheus configured by file. Both select the pods by the
 * label the resources patch sets (app.kubernetes.io/name) and keep the labels the rules join on
 * (namespace, pod, container). Without them HeadroomSignalMissing fires, and the runtime alerts are
 * blind.
 */
import type { Plan, Workload } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { fileHeader } from './header.ts';
import { objectMeta, standardLabels } from './labels.ts';
import { dnsName } from './names.ts';
import { durationString } from './quantities.ts';
import type { WorkloadInput } from './workload-input.ts';
import { manifestsText, type Manifest } from './yaml-text.ts';

export interface ServingPort {
  runtime: string;
  /** Container port serving /metrics by default. */
  number: number;
  /** Port name the PodMonitor selects (the Prometheus Operator selects pod ports by name). */
  name: string;
  source: string;
}

/** Where each runtime serves its metrics by default. */
export const servingPorts: Record<string, ServingPort> = {
  vllm: { runtime: 'vLLM', number: 8000, name: 'http', source: 'vLLM serves /metrics on its OpenAI-compatible API port, 8000 unless --port says otherwise' },
  triton: { runtime: 'Triton', number: 8002, name: 'metrics', source: 'Triton Inference Server serves Prometheus metrics on port 8002 (--metrics-port)' },
  headroom: { runtime: 'Headroom instrumentation', number: 9464, name: 'metrics', source: 'the model server mounts Headroom\'s instrumentation registry on its metrics port' },
};

/** The workload's serving runtime, for the kinds that name one. */
export function runtimeOf(workload: Workload): string | undefined {
  const metrics = (workload as { metrics?: { runtime?: string } }).metrics;
  return metrics?.runtime !== undefined && metrics.runtime in servingPorts ? metrics.runtime : undefined;
}

const podMonitorName = (workload: string) => dnsName(['headroom', workload]);

export function podMonitor(input: WorkloadInput, port: ServingPort, config: KitConfig, scrapeInterval: string): Manifest {
  const { name } = input.workload;
  return {
    object: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: objectMeta(podMonitorName(name), input.target.namespace, { ...standardLabels(input.plan, name), ...config.serviceMonitorLabels }),
      spec: {
        namespaceSelector: { matchNames: [input.target.namespace] },
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
        podMetricsEndpoints: [{ port: port.name, path: '/metrics', interval: scrapeInterval }],
      },
    },
    comment: `${name}: ${port.runtime} metrics (${port.source}).`,
    keyComments: [{ path: ['spec', 'podMetricsEndpoints'], comment: `port is the name of the container port serving /metrics (${port.number} by default). If the pod template\nleaves that port unnamed, name it "${port.name}" there, or use this endpoint's portNumber: ${port.number} (Prometheus Operator 0.76+).` }],
  };
}

/** One scrape job: the workload's pods on the runtime's port, labelled namespace, pod and container as the rules expect. */
export function scrapeJob(input: WorkloadInput, port: ServingPort, scrapeInterval: string): object {
  return {
    job_name: `headroom/${input.plan}/${input.workload.name}`,
    scrape_interval: scrapeInterval,
    metrics_path: '/metrics',
    kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [input.target.namespace] } }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], regex: input.workload.name, action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(port.number), action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Pending|Succeeded|Failed', action: 'drop' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
    ],
  };
}

export const podMonitorsPath = 'kubernetes/podmonitors.yaml';
export const scrapeConfigPath = 'kubernetes/scrape-config.yaml';

function served(inputs: readonly WorkloadInput[]): { input: WorkloadInput; port: ServingPort }[] {
  return inputs.flatMap((input) => {
    const runtime = runtimeOf(input.workload);
    return runtime ? [{ input, port: servingPorts[runtime]! }] : [];
  });
}

export function servingMetricsFiles(plan: Plan, config: KitConfig, inputs: readonly WorkloadInput[]): GeneratedFile[] {
  const workloads = served(inputs);
  if (workloads.length === 0) return [];
  const interval = durationString(plan.spec.monitoring.scrapeInterval);
  const podMonitors = manifestsText(
    fileHeader(plan.metadata.name, 'PodMonitors for the workloads\' serving metrics (Prometheus Operator). The runtime signals read these;\nwithout them HeadroomSignalMissing fires. For a Prometheus configured by file, see scrape-config.yaml.'),
    workloads.map(({ input, port }) => podMonitor(input, port, config, interval)),
  );
  const scrape = manifestsText(
    fileHeader(plan.metadata.name, 'The same scrape jobs for a Prometheus configured by file: merge these scrape_configs into\nprometheus.yml (its service account needs to list pods in the namespaces). Use this or podmonitors.yaml, not both.'),
    [{ object: { scrape_configs: workloads.map(({ input, port }) => scrapeJob(input, port, interval)) } }],
  );
  return [{ path: podMonitorsPath, contents: podMonitors }, { path: scrapeConfigPath, contents: scrape }];
}
