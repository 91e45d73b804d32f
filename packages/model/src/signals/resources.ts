/**
 * Signals every workload has, whatever its kind: CPU, memory and GPU memory against the plan, each
 * pod's memory against its own limit, OOM kills, crash loops, unschedulable pods, ready replicas
 * against the planned minimum, deployed requests and autoscaler bounds against the plan, the
 * autoscaler pinned at its ceiling, over-provisioning, and storage running out. Sources: cAdvisor
 * (via the kubelet), kube-state-metrics, dcgm-exporter, kubelet volume stats. Every query keeps the
 * workload's pods through `{{pods}}` (owner-based identity) and groups `{{by}}` cluster.
 */
import type { FixtureSeries, Signal } from '../kinds/types.ts';
import type { WorkloadSizing } from '../sizing/types.ts';
import { cadvisor, counter, gauge, increase, scaledGauge } from './fixtures.ts';
import { podsPerReplica } from '../sizing/pods-per-replica.ts';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Folds duplicates of a kube-state-metrics series (several replicas or scrape jobs) to one per pod (and container). */
const perPod = (series: string) => `max by ({{cluster}}, namespace, pod) (${series})`;
const perContainer = (series: string) => `max by ({{cluster}}, namespace, pod, container) (${series})`;

/** The workload's HorizontalPodAutoscaler, whatever its name (KEDA names it keda-hpa-<ScaledObject>): the one whose scale target is the owner. */
const ofAutoscaler = (series: string) =>
  `max by ({{cluster}}, namespace, horizontalpodautoscaler) (${series}{{{selector}}}) * on ({{cluster}}, namespace, horizontalpodautoscaler) group_left () max by ({{cluster}}, namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_info{{{selector}}, scaletargetref_name="{{owner}}"})`;
const autoscalerInfo = { metric: 'kube_horizontalpodautoscaler_info', labels: { horizontalpodautoscaler: 'keda-hpa-{{workload}}', scaletargetref_kind: 'Deployment', scaletargetref_name: '{{workload}}' }, start: 1, perSecond: 0, level: 'object' as const };

/** Pod-level presence of a cAdvisor metric for the workload: absent means the kubelet's cAdvisor endpoint is not scraped. */
const cadvisorPresence = (metric: string) => `count {{by}} (${metric}{{{containerSelector}}} {{pods}})`;

export function resourceSignals(w: WorkloadSizing): Signal[] {
  const service = w.runsAs === 'service';
  // A pod is compared with the plan's figures per pod (scope="pod"): the replica's, or its equal
  // share where a replica spans several nodes as a group of `pods` pods (a LeaderWorkerSet), whose
  // replicas are counted as ready pods divided by the group size.
  const pods = service ? podsPerReplica(w) : 1;
  const signals: Signal[] = [
    {
      id: 'cpu-usage', title: 'CPU used', unit: 'cores', source: 'cadvisor', checks: 'cpuCoresPerReplica',
      description: 'CPU cores the workload\'s containers use. Good: at or below the planned cores at peak; persistently far below means over-provisioning.',
      query: 'sum {{by}} (rate(container_cpu_usage_seconds_total{{{containerSelector}}}[{{window}}]) {{pods}})',
      presence: cadvisorPresence('container_cpu_usage_seconds_total'),
      planned: { metric: 'headroom_plan_cpu_cores', labels: { scope: 'total' } },
      alerts: [{ name: 'HeadroomCPUAbovePlan', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'cpu-above-plan',
        summary: 'A workload uses more CPU than its plan allows at peak.' }],
      fixture: cadvisor(counter, 'container_cpu_usage_seconds_total'),
    },
    {
      id: 'memory-usage', title: 'Memory of the busiest pod', unit: 'bytes', source: 'cadvisor', checks: 'memoryBytesPerReplica',
      description: 'Working-set memory of the workload\'s busiest pod (its containers together). Good: at or below the planned memory per pod (the replica\'s, or its share where a replica spans several nodes); above it, pods risk OOM kills and evictions.',
      query: `max {{by}} (sum by ({{cluster}}, namespace, pod) (container_memory_working_set_bytes{{{containerSelector}}}) {{pods}})`,
      presence: cadvisorPresence('container_memory_working_set_bytes'),
      planned: { metric: 'headroom_plan_memory_bytes', labels: { scope: 'pod' } },
      alerts: [{ name: 'HeadroomMemoryAbovePlan', severity: 'warning', breach: 'above', threshold: 1, for: '15m', runbook: 'memory-above-plan',
        summary: 'A pod of the workload uses more memory than the plan gives one pod.' }],
      fixture: cadvisor(gauge, 'container_memory_working_set_bytes'),
    },
    {
      id: 'memory-limit-usage', title: 'Memory against the container limit', unit: 'percentunit', source: 'cadvisor', checks: 'memoryBytesPerReplica',
      description: 'Highest working set of any of the workload\'s containers as a fraction of its own memory limit. Good: below 90%; at 100% the kernel OOM-kills the container.',
      query: `max {{by}} (${perContainer('container_memory_working_set_bytes{{{containerSelector}}}')} / on ({{cluster}}, namespace, pod, container) ${perContainer('kube_pod_container_resource_limits{resource="memory", {{containerSelector}}}')} {{pods}})`,
      alerts: [{ name: 'HeadroomMemoryNearLimit', severity: 'warning', breach: 'above', threshold: 0.9, for: '15m', runbook: 'memory-near-limit',
        summary: 'A container of the workload is above 90% of its memory limit: the next spike is an OOM kill.' }],
      fixture: (value) => [
        ...gauge('container_memory_working_set_bytes', { id: '/kubepods/burstable/pod0000/c0ffee' })(value * GIB),
        ...gauge('kube_pod_container_resource_limits', { resource: 'memory', unit: 'byte', uid: '0000' })(GIB),
      ],
    },
    {
      id: 'oom-kills', title: 'Containers OOM-killed in 15 minutes', unit: 'short', source: 'kube-state-metrics', checks: 'memoryBytesPerReplica',
      description: 'Containers that restarted in the last 15 minutes after an OOM kill (kube-state-metrics: restarts, last terminated reason). Good: none.',
      query: `count {{by}} ((${perContainer('increase(kube_pod_container_status_restarts_total{{{containerSelector}}}[15m])')} > 0 and on ({{cluster}}, namespace, pod, container) ${perContainer('kube_pod_container_status_last_terminated_reason{reason="OOMKilled", {{containerSelector}}}')} == 1) {{pods}})`,
      alerts: [{ name: 'HeadroomOOMKilled', severity: 'warning', breach: 'above', threshold: 0, for: '1m', runbook: 'oom-killed',
        summary: 'A container of the workload was OOM-killed: its memory limit is below what it needs.' }],
      // One container OOM-killed (`value` above zero) or none: no restarts, a termination reason left from long ago.
      fixture: (value) => [
        ...increase('kube_pod_container_status_restarts_total', 900, { uid: '0000' })(value > 0 ? 2 : 0),
        ...gauge('kube_pod_container_status_last_terminated_reason', { reason: 'OOMKilled', uid: '0000' })(1),
      ],
    },
    {
      id: 'restarts', title: 'Restarts of the most restarted container in 30 minutes', unit: 'short', source: 'kube-state-metrics', checks: 'replicasMin',
      description: 'Restarts over the last 30 minutes of the workload\'s most restarted container. Good: none; several mean a crash loop, which no instant check sees because the pod is briefly Ready between crashes.',
      query: `max {{by}} (${perContainer('increase(kube_pod_container_status_restarts_total{{{containerSelector}}}[30m])')} {{pods}})`,
      alerts: [{ name: 'HeadroomPodCrashLooping', severity: 'warning', breach: 'above', threshold: 3, for: '5m', runbook: 'pod-crash-looping',
        summary: 'A container of the workload restarted more than 3 times in 30 minutes.' }],
      fixture: (value) => increase('kube_pod_container_status_restarts_total', 1800, { uid: '0000' })(Math.max(0, value)),
    },
    {
      id: 'unschedulable-pods', title: 'Pods that cannot be scheduled', unit: 'short', source: 'kube-state-metrics', checks: 'nodePool',
      description: 'Pods of the workload the scheduler cannot place (kube-state-metrics kube_pod_status_unschedulable). Good: none; otherwise the node pool lacks the room the plan assumed.',
      query: `sum {{by}} (${perPod('kube_pod_status_unschedulable{{{selector}}}')} {{pods}})`,
      alerts: [{ name: 'HeadroomPodsUnschedulable', severity: 'warning', breach: 'above', threshold: 0, for: '15m', runbook: 'pods-unschedulable',
        summary: 'Pods of the workload have been unschedulable for 15 minutes.' }],
      fixture: gauge('kube_pod_status_unschedulable', { uid: '0000' }, 'pod'),
    },
    {
      id: 'cpu-request', title: 'CPU request per pod', unit: 'cores', source: 'kube-state-metrics', checks: 'cpuCoresPerReplica',
      description: 'CPU requested by one pod\'s container as deployed (a replica spanning several nodes has one pod per node). Good: equal to the plan per pod; otherwise the cluster is sized for something else.',
      query: `max {{by}} (${perContainer('kube_pod_container_resource_requests{resource="cpu", {{containerSelector}}}')} {{pods}})`,
      planned: { metric: 'headroom_plan_cpu_cores', labels: { scope: 'pod' } },
      alerts: [{ name: 'HeadroomResourceRequestsDifferFromPlan', severity: 'warning', breach: 'differs', threshold: 0.1, for: '30m', runbook: 'spec-differs-from-plan',
        summary: 'The deployed CPU request differs from the plan by more than 10%.' }],
      fixture: gauge('kube_pod_container_resource_requests', { resource: 'cpu', unit: 'core', uid: '0000' }),
    },
  ];
  // Availability and autoscaler bounds are properties of services: completed job pods are not
  // Ready, and jobs have no HorizontalPodAutoscaler.
  if (service) {
    signals.push(
      {
        id: 'cpu-peak-day', title: 'Peak CPU over the last day', unit: 'cores', source: 'cadvisor', checks: 'cpuCoresPerReplica',
        description: 'Highest CPU use over the last 24 hours. Good: near the planned cores at peak; far below all day means the plan is over-provisioned.',
        query: 'max {{by}} (max_over_time({{record:cpu-usage}}[1d]))',
        planned: { metric: 'headroom_plan_cpu_cores', labels: { scope: 'total' } },
        alerts: [{ name: 'HeadroomCPUOverProvisioned', severity: 'info', breach: 'below', threshold: 0.3, for: '1h', runbook: 'over-provisioned',
          summary: 'A workload has used under 30% of its planned CPU all day.' }],
        fixture: cadvisor(counter, 'container_cpu_usage_seconds_total'),
      },
      {
        id: 'ready-replicas', title: 'Ready replicas', unit: 'short', source: 'kube-state-metrics', checks: 'replicasMin',
        description: 'Pods of the workload that are Ready (divided by the pods of a group where a replica spans several nodes). Good: at or above the planned minimum (availability floor).',
        // {{orZero}}: a workload with no pods at all compares as zero ready, but only where
        // kube-state-metrics reports (its absence is one alert, not a page per workload).
        query: `sum {{by}} (${perPod('kube_pod_status_ready{condition="true", {{selector}}}')} {{pods}})${pods > 1 ? ` / ${pods}` : ''} {{orZero}}`,
        planned: { metric: 'headroom_plan_replicas', labels: { bound: 'min' } },
        alerts: [{ name: 'HeadroomReplicasBelowPlanMinimum', severity: 'critical', breach: 'below', threshold: 1, for: '10m', runbook: 'replicas-below-plan-minimum',
          summary: 'Fewer replicas are ready than the plan needs for availability.' }],
        // One series standing for the group's ready pods: `pods` per ready replica.
        fixture: (value) => gauge('kube_pod_status_ready', { condition: 'true', uid: '0000' }, 'pod')(value * pods),
      },
      {
        id: 'hpa-max-replicas', title: 'Autoscaler ceiling', unit: 'short', source: 'kube-state-metrics', checks: 'replicasMax',
        description: 'maxReplicas of the autoscaler that scales the workload (an HPA, or the one KEDA manages). Good: equal to the planned ceiling.',
        query: `max {{by}} (${ofAutoscaler('kube_horizontalpodautoscaler_spec_max_replicas')})`,
        planned: { metric: 'headroom_plan_replicas', labels: { bound: 'max' } },
        alerts: [{ name: 'HeadroomAutoscalerBoundsDifferFromPlan', severity: 'warning', breach: 'differs', threshold: 0, for: '30m', runbook: 'spec-differs-from-plan',
          summary: 'The autoscaler\'s maxReplicas differs from the planned ceiling.' }],
        fixture: (value) => [{ metric: 'kube_horizontalpodautoscaler_spec_max_replicas', labels: { horizontalpodautoscaler: 'keda-hpa-{{workload}}' }, start: value, perSecond: 0, level: 'object' }, autoscalerInfo],
      },
      {
        id: 'hpa-at-max', title: 'Autoscaler replicas against its ceiling', unit: 'percentunit', source: 'kube-state-metrics', checks: 'replicasMax',
        description: 'Current replicas of the workload\'s autoscaler as a fraction of its maxReplicas. Good: below 1; pinned at 1, demand exceeds the ceiling the plan sized.',
        query: `max {{by}} (${ofAutoscaler('kube_horizontalpodautoscaler_status_current_replicas')} / on ({{cluster}}, namespace, horizontalpodautoscaler) max by ({{cluster}}, namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{{{selector}}}))`,
        alerts: [{ name: 'HeadroomAutoscalerAtMaximum', severity: 'warning', breach: 'above', threshold: 0.99, for: '30m', runbook: 'autoscaler-at-maximum',
          summary: 'The workload\'s autoscaler has been at its maximum replicas for 30 minutes.' }],
        // `value` × 10 current replicas out of 10.
        fixture: (value) => [
          { metric: 'kube_horizontalpodautoscaler_status_current_replicas', labels: { horizontalpodautoscaler: 'keda-hpa-{{workload}}' }, start: value * 10, perSecond: 0, level: 'object' },
          { metric: 'kube_horizontalpodautoscaler_spec_max_replicas', labels: { horizontalpodautoscaler: 'keda-hpa-{{workload}}' }, start: 10, perSecond: 0, level: 'object' },
          autoscalerInfo,
        ],
      },
    );
  }
  const mig = w.perReplica.gpuShare?.mode === 'mig' ? w.perReplica.gpuShare : undefined;
  // dcgm-exporter's shape (with honorLabels): one series per GPU, or per MIG instance with
  // GPU_I_PROFILE and GPU_I_ID (an A100 80GB's 1g.10gb instance 13 on GPU 0), the pod's labels attached.
  const dcgmLabels: Record<string, string> = mig
    ? { gpu: '0', UUID: 'GPU-00000000-0000-0000-0000-000000000000', device: 'nvidia0', modelName: 'NVIDIA A100-SXM4-80GB', GPU_I_PROFILE: mig.profile!, GPU_I_ID: '13', Hostname: 'node-0' }
    : { gpu: '0', UUID: 'GPU-00000000-0000-0000-0000-000000000000', device: 'nvidia0', modelName: 'NVIDIA H100 80GB HBM3', Hostname: 'node-0' };
  // Time-sliced pods share a GPU and dcgm-exporter reports the device, not the pod: one series per
  // GPU attributed to one of its pods, or (KUBERNETES_VIRTUAL_GPUS) a copy per pod with a vgpu
  // label. Counting each GPU once (max by UUID) reads the GPUs' memory either way.
  const timeSliced = w.perReplica.gpuShare?.mode === 'time-slicing';
  if (w.perReplica.gpus > 0) {
    signals.push({
      id: 'gpu-memory-usage', title: 'GPU memory used', unit: 'bytes', source: 'dcgm', checks: 'gpuMemoryBytesPerReplica',
      description: timeSliced
        ? 'Frame-buffer memory used on the GPUs the workload\'s time-sliced pods run on, each GPU counted once (dcgm-exporter reports the device, not the pod; MiB converted to bytes). Good: at or below what the plan expects; a neighbour on the same GPU counts too.'
        : 'Frame-buffer memory used on the workload\'s GPUs (dcgm-exporter, MiB converted to bytes). Good: at or below what the plan expects.',
      query: timeSliced
        ? 'sum {{by}} (max by ({{cluster}}, UUID) (DCGM_FI_DEV_FB_USED{{{selector}}} {{pods}})) * 1048576'
        : 'sum {{by}} (DCGM_FI_DEV_FB_USED{{{selector}}} {{pods}}) * 1048576',
      presence: 'count {{by}} (DCGM_FI_DEV_FB_USED{{{selector}}} {{pods}})',
      planned: { metric: 'headroom_plan_gpu_memory_bytes', labels: { scope: 'total' } },
      alerts: [{ name: 'HeadroomGPUMemoryAbovePlan', severity: 'warning', breach: 'above', threshold: 1.05, for: '15m', runbook: 'gpu-memory-above-plan',
        summary: 'A workload uses more GPU memory than its plan expects.' }],
      fixture: timeSliced
        ? (value) => ['0', '1'].flatMap((vgpu) => scaledGauge('DCGM_FI_DEV_FB_USED', MIB, { ...dcgmLabels, vgpu })(value))
        : scaledGauge('DCGM_FI_DEV_FB_USED', MIB, dcgmLabels),
    });
  }
  if (mig) {
    signals.push({
      id: 'mig-instance-active', title: 'MIG instance activity', unit: 'percentunit', source: 'dcgm', checks: 'gpuShareComputeFraction',
      description: `Fraction of time the graphics engine of the workload's MIG instances is busy: dcgm-exporter's DCGM_FI_PROF_GR_ENGINE_ACTIVE, one series per instance labelled GPU_I_PROFILE and GPU_I_ID (it reports no DCGM_FI_DEV_GPU_UTIL for MIG devices). Good: near the target utilisation at peak; pinned near 1, the slice is too small for the load the plan gives it.`,
      // Any GPU_I_PROFILE: dcgm-exporter has named profiles by the memory it measures (7g.79gb for 7g.80gb), so the plan's name is not matched.
      query: 'avg {{by}} (DCGM_FI_PROF_GR_ENGINE_ACTIVE{{{selector}}, GPU_I_PROFILE!=""} {{pods}})',
      presence: 'count {{by}} (DCGM_FI_PROF_GR_ENGINE_ACTIVE{{{selector}}, GPU_I_PROFILE!=""} {{pods}})',
      alerts: [{ name: 'HeadroomMIGInstanceSaturated', severity: 'warning', breach: 'above', threshold: 0.95, for: '30m', runbook: 'mig-instance-saturated',
        summary: 'A workload\'s MIG instances have been busy more than 95% of the time for 30 minutes.' }],
      fixture: gauge('DCGM_FI_PROF_GR_ENGINE_ACTIVE', dcgmLabels),
    });
  }
  if (w.storage.length > 0) {
    // Both the 6-hour and the 30-minute trend must predict the volume full: a model download
    // steepens the 6-hour trend for six hours after it ends, but the 30-minute one flattens.
    const predicted = (range: string) => `predict_linear(kubelet_volume_stats_available_bytes{{{selector}}}[${range}], 4 * 3600)`;
    // The workload's claims: those its pods mount (kube-state-metrics), not a name pattern. Each
    // (pod, claim) takes its claim's prediction (the lowest where several kubelets report one
    // claim), then joins the workload's pods: the pod join feeds the per-workload minimum directly,
    // so one rule can serve every workload of a namespace (docs/kit.md).
    const claims = 'max by ({{cluster}}, namespace, pod, persistentvolumeclaim) (kube_pod_spec_volumes_persistentvolumeclaims_info{{{selector}}})';
    signals.push({
      id: 'volume-free', title: 'Free space predicted in 4 h', unit: 'bytes', source: 'kubelet', checks: 'storage',
      description: 'Free bytes on the persistent volumes the workload\'s pods mount, extrapolated 4 hours ahead from the last 6 hours and from the last 30 minutes (the higher of the two). Good: above zero.',
      query: `min {{by}} (${claims} * on ({{cluster}}, namespace, persistentvolumeclaim) group_left () min by ({{cluster}}, namespace, persistentvolumeclaim) ((${predicted('6h')} > ${predicted('30m')}) or ${predicted('30m')}) {{pods}})`,
      alerts: [{ name: 'HeadroomStoragePredictedFull', severity: 'warning', breach: 'below', threshold: 0, for: '30m', runbook: 'storage-predicted-full',
        summary: 'A workload\'s volume is predicted to fill up within 4 hours.' }],
      // A volume losing 10 kB/s whose free space 4 hours after `atSeconds` is `value`, mounted by the pod.
      fixture: (value, atSeconds): FixtureSeries[] => [
        { metric: 'kubelet_volume_stats_available_bytes', labels: { persistentvolumeclaim: '{{pvc}}' }, start: value + 1e4 * (atSeconds + 4 * 3600), perSecond: -1e4, level: 'object' },
        { metric: 'kube_pod_spec_volumes_persistentvolumeclaims_info', labels: { volume: 'data', persistentvolumeclaim: '{{pvc}}', uid: '0000' }, start: 1, perSecond: 0, level: 'pod' },
      ],
    });
  }
  return signals;
}
