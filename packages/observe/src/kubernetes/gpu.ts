/** Which extended resource a workload's GPUs are requested as (the device plugin's name). */
import { findGpu, type GpuSpec, type PerReplica, type Sizing } from '@headroom/model';

export type GpuResource = GpuSpec['kubernetesResource'];

/** The GPU resource of one replica, or undefined when it runs without GPUs. */
export function gpuResourceOf(perReplica: PerReplica): GpuResource | undefined {
  if (perReplica.gpus <= 0) return undefined;
  // Sizing names the catalog GPU; a GPU it cannot name is taken to be NVIDIA's, as most are.
  return (perReplica.gpuModel ? findGpu(perReplica.gpuModel)?.kubernetesResource : undefined) ?? 'nvidia.com/gpu';
}

/** True when some workload runs on NVIDIA GPUs (the ones dcgm-exporter watches). */
export function usesNvidiaGpus(sizing: Sizing): boolean {
  return sizing.workloads.some((w) => gpuResourceOf(w.perReplica) === 'nvidia.com/gpu');
}
