/**
 * A ServiceMonitor for NVIDIA dcgm-exporter as the GPU Operator deploys it, with honorLabels so
 * the pod labels dcgm-exporter attaches survive the scrape (DESIGN.md, "The verification kit").
 */
import type { Plan } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { fileHeader } from './header.ts';
import { objectMeta, standardLabels } from './labels.ts';
import { durationString } from './quantities.ts';
import { manifestsText } from './yaml-text.ts';

export const dcgmPath = 'kubernetes/dcgm-exporter-servicemonitor.yaml';

/** The NVIDIA GPU Operator's defaults: its namespace, the dcgm-exporter Service's label and port name. */
export const gpuOperator = { namespace: 'gpu-operator', serviceLabels: { app: 'nvidia-dcgm-exporter' }, port: 'gpu-metrics' } as const;

const WHY = `dcgm-exporter reports GPU metrics of other pods: it sets the pod, namespace and container labels
itself, from the kubelet pod-resources API, naming the pod that holds each GPU. Prometheus also
attaches the scraped target's own pod and namespace (dcgm-exporter's), and by default renames the
exporter's labels that clash to exported_pod, exported_namespace and exported_container. The
generated rules select GPU series by namespace, pod and container, so without honorLabels: true
they match nothing. honorLabels keeps the exporter's labels.

The selector and namespace are the NVIDIA GPU Operator's defaults; for the standalone dcgm-exporter
Helm chart use the label app.kubernetes.io/name: dcgm-exporter and port metrics. If the GPU Operator
already creates a ServiceMonitor (dcgmExporter.serviceMonitor.enabled), do not apply this one; set
dcgmExporter.serviceMonitor.honorLabels: true there instead, or GPUs are scraped twice.
One per cluster: every plan with GPUs generates the same object.`;

export function dcgmServiceMonitor(plan: Plan, config: KitConfig): object {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: objectMeta('headroom-dcgm-exporter', gpuOperator.namespace, { ...standardLabels(plan.metadata.name, 'dcgm-exporter'), ...config.serviceMonitorLabels }),
    spec: {
      namespaceSelector: { matchNames: [gpuOperator.namespace] },
      selector: { matchLabels: { ...gpuOperator.serviceLabels } },
      endpoints: [{ port: gpuOperator.port, path: '/metrics', interval: durationString(plan.spec.monitoring.scrapeInterval), honorLabels: true }],
    },
  };
}

export function dcgmFile(plan: Plan, config: KitConfig): GeneratedFile {
  return {
    path: dcgmPath,
    contents: manifestsText(fileHeader(plan.metadata.name, WHY), [{
      object: dcgmServiceMonitor(plan, config),
      keyComments: [{ path: ['spec', 'endpoints', 0, 'honorLabels'], comment: 'Required: keeps dcgm-exporter\'s pod, namespace and container labels (see above).' }],
    }]),
  };
}
