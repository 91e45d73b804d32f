/** Which extended resource a workload's GPUs are requested as (the device plugin's name). */
import { findGpu, type GpuSpec, type PerReplica, type Sizing } from '@headroom/model';

/** `nvidia.com/gpu`, `amd.com/gpu`, or a MIG instance's `nvidia.com/mig-<profile>` (mixed strategy). */
export type GpuResource = string;

/** The GPU resource of one replica, or undefined when it runs without GPUs. */
export function gpuResourceOf(perReplica: PerReplica): GpuResource | undefined {
  if (perReplica.gpus <= 0) return undefined;
  if (perReplica.gpuShare) return perReplica.gpuShare.resourceName;
  return vendorResourceOf(perReplica);
}

/**
 * The vendor's whole-GPU resource, which is also the key GPU nodes are tainted with: a MIG pod
 * requests nvidia.com/mig-1g.10gb but tolerates the node's nvidia.com/gpu taint.
 */
export function vendorResourceOf(perReplica: PerReplica): GpuSpec['kubernetesResource'] {
  // Sizing names the catalog GPU; a GPU it cannot name is taken to be NVIDIA's, as most are.
  return (perReplica.gpuModel ? findGpu(perReplica.gpuModel)?.kubernetesResource : undefined) ?? 'nvidia.com/gpu';
}

/** True when some workload runs on NVIDIA GPUs, whole or shared (the ones dcgm-exporter watches). */
export function usesNvidiaGpus(sizing: Sizing): boolean {
  return sizing.workloads.some((w) => w.perReplica.gpus > 0 && vendorResourceOf(w.perReplica) === 'nvidia.com/gpu');
}
