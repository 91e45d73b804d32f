/**
 * Signals every workload has, whatever its kind: CPU, memory and GPU memory against the plan,
 * ready replicas against the planned minimum, deployed requests and autoscaler bounds against the
 * plan, over-provisioning, and storage running out. Sources: cAdvisor (via the kubelet),
 * kube-state-metrics, dcgm-exporter, kubelet volume stats.
 */
import type { Signal } from '../kinds/types.ts';
import type { WorkloadSizing } from '../sizing/types.ts';
import { counter, gauge, scaledGauge } from './fixtures.ts';

const MIB = 1024 * 1024;

export function resourceSignals(w: WorkloadSizing): Signal[] {
  const service = w.runsAs === 'service';
  const signals: Signal[] = [
    {
      id: 'cpu-usage', title: 'CPU used', unit: 'cores', source: 'cadvisor', checks: 'cpuCoresPerReplica',
      description: 'CPU cores the workload\'s containers use. Good: at or below the planned cores at peak; persistently far below means over-provisioning.',
      query: 'sum(rate(container_cpu_usage_seconds_total{{{selector}}}[{{window}}]))',
      planned: { metric: 'headroom_plan_cpu_cores', labels: { scope: 'total' } },
      alerts: [
        { name: 'HeadroomCPUAbovePlan', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'cpu-above-plan',
          summary: 'A workload uses more CPU than its plan allows at peak.' },
        // Jobs idle between runs by design; only services can be over-provisioned this way.
        ...(service ? [{ name: 'HeadroomCPUOverProvisioned', severity: 'info', breach: 'below', threshold: 0.3, for: '1d', runbook: 'over-provisioned',
          summary: 'A workload has used under 30% of its planned CPU for a day.' } as const] : []),
      ],
      fixture: counter('container_cpu_usage_seconds_total'),
    },
    {
      id: 'memory-usage', title: 'Memory used', unit: 'bytes', source: 'cadvisor', checks: 'memoryBytesPerReplica',
      description: 'Working-set memory of the workload\'s containers. Good: at or below the planned memory; above it, pods risk OOM kills and evictions.',
      query: 'sum(container_memory_working_set_bytes{{{selector}}})',
      planned: { metric: 'headroom_plan_memory_bytes', labels: { scope: 'total' } },
      alerts: [{ name: 'HeadroomMemoryAbovePlan', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'memory-above-plan',
        summary: 'A workload uses more memory than its plan allows.' }],
      fixture: gauge('container_memory_working_set_bytes'),
    },
    {
      id: 'cpu-request', title: 'CPU request per replica', unit: 'cores', source: 'kube-state-metrics', checks: 'cpuCoresPerReplica',
      description: 'CPU requested by one replica\'s container as deployed. Good: equal to the plan; otherwise the cluster is sized for something else.',
      query: 'max(kube_pod_container_resource_requests{resource="cpu", {{selector}}})',
      planned: { metric: 'headroom_plan_cpu_cores', labels: { scope: 'replica' } },
      alerts: [{ name: 'HeadroomResourceRequestsDifferFromPlan', severity: 'warning', breach: 'differs', threshold: 0.1, for: '30m', runbook: 'spec-differs-from-plan',
        summary: 'The deployed CPU request differs from the plan by more than 10%.' }],
      fixture: gauge('kube_pod_container_resource_requests', { resource: 'cpu', unit: 'core' }),
    },
  ];
  // Availability and autoscaler bounds are properties of services: completed job pods are not
  // Ready, and jobs have no HorizontalPodAutoscaler.
  if (service) {
    signals.push(
      {
        id: 'ready-replicas', title: 'Ready replicas', unit: 'short', source: 'kube-state-metrics', checks: 'replicasMin',
        description: 'Pods of the workload that are Ready. Good: at or above the planned minimum (availability floor).',
        // `or vector(0)`: a workload with no pods at all must still compare as zero ready.
        query: 'sum(kube_pod_status_ready{condition="true", {{podSelector}}}) or vector(0)',
        planned: { metric: 'headroom_plan_replicas', labels: { bound: 'min' } },
        alerts: [{ name: 'HeadroomReplicasBelowPlanMinimum', severity: 'critical', breach: 'below', threshold: 1, for: '10m', runbook: 'replicas-below-plan-minimum',
          summary: 'Fewer replicas are ready than the plan needs for availability.' }],
        fixture: gauge('kube_pod_status_ready', { condition: 'true' }),
      },
      {
        id: 'hpa-max-replicas', title: 'Autoscaler ceiling', unit: 'short', source: 'kube-state-metrics', checks: 'replicasMax',
        description: 'maxReplicas of the workload\'s HorizontalPodAutoscaler. Good: equal to the planned ceiling.',
        query: 'max(kube_horizontalpodautoscaler_spec_max_replicas{namespace="{{namespace}}", horizontalpodautoscaler="{{workload}}"})',
        planned: { metric: 'headroom_plan_replicas', labels: { bound: 'max' } },
        alerts: [{ name: 'HeadroomAutoscalerBoundsDifferFromPlan', severity: 'warning', breach: 'differs', threshold: 0, for: '30m', runbook: 'spec-differs-from-plan',
          summary: 'The autoscaler\'s maxReplicas differs from the planned ceiling.' }],
        fixture: gauge('kube_horizontalpodautoscaler_spec_max_replicas', { horizontalpodautoscaler: '{{workload}}' }),
      },
    );
  }
  if (w.perReplica.gpus > 0) {
    signals.push({
      id: 'gpu-memory-usage', title: 'GPU memory used', unit: 'bytes', source: 'dcgm', checks: 'gpuMemoryBytesPerReplica',
      description: 'Frame-buffer memory used on the workload\'s GPUs (dcgm-exporter, MiB converted to bytes). Good: at or below what the plan expects.',
      query: 'sum(DCGM_FI_DEV_FB_USED{{{selector}}}) * 1048576',
      planned: { metric: 'headroom_plan_gpu_memory_bytes', labels: { scope: 'total' } },
      alerts: [{ name: 'HeadroomGPUMemoryAbovePlan', severity: 'warning', breach: 'above', threshold: 1.05, for: '15m', runbook: 'gpu-memory-above-plan',
        summary: 'A workload uses more GPU memory than its plan expects.' }],
      fixture: scaledGauge('DCGM_FI_DEV_FB_USED', MIB),
    });
  }
  if (w.storage.length > 0) {
    signals.push({
      id: 'volume-free', title: 'Free space predicted in 4 h', unit: 'bytes', source: 'kubelet', checks: 'storage',
      description: 'Free bytes on the workload\'s persistent volumes, extrapolated 4 hours ahead from the last 6 hours. Good: above zero.',
      query: 'min(predict_linear(kubelet_volume_stats_available_bytes{namespace="{{namespace}}", persistentvolumeclaim=~"{{pvcRegex}}"}[6h], 4 * 3600))',
      alerts: [{ name: 'HeadroomStoragePredictedFull', severity: 'warning', breach: 'below', threshold: 0, for: '30m', runbook: 'storage-predicted-full',
        summary: 'A workload\'s volume is predicted to fill up within 4 hours.' }],
      // A volume losing 10 kB/s whose free space 4 hours after `atSeconds` is `value`.
      fixture: (value, atSeconds) => [{ metric: 'kubelet_volume_stats_available_bytes', labels: { persistentvolumeclaim: '{{pvc}}' }, start: value + 1e4 * (atSeconds + 4 * 3600), perSecond: -1e4 }],
    });
  }
  return signals;
}
