/**
 * Comparisons the plan exporter publishes for every workload but no signal carries: GPUs (the
 * signals watch GPU memory, not the count) and persistent storage (the signal watches free space).
 * They depend on what the workload has (GPUs, volumes), never on its kind.
 */
import type { WorkloadSizing } from '@headroom/model';
import type { WorkloadTarget } from '../promql/selectors.ts';
import { gpusPlanned, gpusRequested, storagePlanned, storageUsed, type PlanRef } from './queries.ts';
import { ACTUAL, PLANNED } from './signal-panels.ts';
import type { PanelSpec } from './spec.ts';
import { panelUnit } from './units.ts';

export function gpuPanel(target: WorkloadTarget, ref: PlanRef): PanelSpec {
  return {
    type: 'timeseries',
    title: 'GPUs vs plan',
    description: 'GPUs requested by the workload\'s running containers (kube-state-metrics, resource nvidia_com_gpu). '
      + 'Good: at or below the planned GPUs at peak (red dashed line, headroom_plan_gpus{scope="total"} from the plan exporter); '
      + 'above it the cluster runs out of GPU nodes the plan did not buy.',
    unit: panelUnit('short'),
    queries: [
      { expr: gpusRequested(target, ref), legend: ACTUAL },
      { expr: gpusPlanned(ref), legend: PLANNED, reference: true },
    ],
  };
}

export function storagePanel(target: WorkloadTarget, ref: PlanRef): PanelSpec {
  return {
    type: 'timeseries',
    title: 'Storage used vs plan',
    description: 'Bytes used on the workload\'s persistent volumes (kubelet volume stats). '
      + 'Good: below the planned storage (red dashed line, headroom_plan_storage_bytes summed over volumes, from the plan exporter).',
    unit: panelUnit('bytes'),
    queries: [
      { expr: storageUsed(target, ref), legend: ACTUAL },
      { expr: storagePlanned(ref), legend: PLANNED, reference: true },
    ],
  };
}

/** The GPU and storage comparisons a workload of this sizing has. */
export function resourcePanels(sizing: WorkloadSizing, target: WorkloadTarget, ref: PlanRef): PanelSpec[] {
  return [
    ...(sizing.perReplica.gpus > 0 ? [gpuPanel(target, ref)] : []),
    ...(sizing.storage.length > 0 ? [storagePanel(target, ref)] : []),
  ];
}
