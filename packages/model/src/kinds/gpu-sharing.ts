/**
 * GPU sharing for serving workloads: a MIG instance (hardware partition: its own SMs, memory and
 * bandwidth) or a time-sliced share of a whole GPU (the device plugin hands one GPU to several pods,
 * which take turns on it with no memory or fault isolation).
 *
 * The sizing runs on the share as if it were a GPU of its own (`sharedGpu`):
 * - MIG: memory = memory slices / 8 of the GPU; bandwidth likewise (each memory slice carries its
 *   share of the memory controllers and L2, MIG user guide, "Partitioning"); compute = compute
 *   slices / 7 of the SMs.
 * - time-slicing with N replicas per GPU: memory = 1/N of the GPU, so the N co-located pods' sum
 *   fits whatever workloads they belong to; bandwidth and compute = 1/N: time-slicing interleaves
 *   pods, it adds no throughput (NVIDIA GPU Operator, "Time-Slicing GPUs in Kubernetes").
 */
import { z } from 'zod';
import { MIG_COMPUTE_SLICES, MIG_MEMORY_SLICES, migMemoryBytes, migProfilesFor, type MigProfile } from '../catalog/mig-profiles.ts';
import type { GpuSpec } from '../catalog/types.ts';
import { integer } from '../schema/fields.ts';
import type { Trail } from '../sizing/explain.ts';
import type { GpuShare } from '../sizing/types.ts';

export const gpuSharingSchema = z
  .union([
    z.strictObject({
      mig: z.string().regex(/^\dg\.\d+gb$/, 'a MIG profile name such as 1g.10gb').meta({ description: 'MIG profile of the GPU each replica gets one instance of (e.g. 1g.10gb, 3g.40gb on A100/H100 80GB), from NVIDIA\'s MIG user guide; the device plugin\'s mixed strategy names it nvidia.com/mig-<profile>.' }),
    }),
    z.strictObject({
      timeSlicing: z.strictObject({
        replicasPerGpu: integer('Pods that share one GPU by time-slicing (the device plugin\'s sharing.timeSlicing replicas).', { min: 2, max: 64 }),
      }).meta({ description: 'Time-slicing: no memory or fault isolation; each replica gets 1/replicasPerGpu of the GPU\'s memory and throughput.' }),
    }),
  ])
  .meta({ description: 'Run each replica on a share of one GPU: a MIG instance ({ mig: 1g.10gb }) or a time-sliced replica ({ timeSlicing: { replicasPerGpu: 4 } }). Model serving and single-GPU LLMs only.' });

export type GpuSharing = z.output<typeof gpuSharingSchema>;

/** The MIG profile a workload names on its GPU, or the issue that refuses it. */
export function resolveMigProfile(gpu: GpuSpec, name: string): { profile: MigProfile } | { refused: string } {
  const table = migProfilesFor(gpu);
  if ('refused' in table) return table;
  const profile = table.profiles.find((p) => p.name === name.toLowerCase());
  return profile ? { profile } : { refused: `${gpu.id} has no MIG profile "${name}"; its profiles are ${table.profiles.map((p) => p.name).join(', ')}` };
}

/** Adds the schema issue when `sharing` names a MIG profile `gpu` lacks (at path `gpuSharing.mig`). */
export function checkGpuSharing(gpu: GpuSpec, sharing: GpuSharing | undefined, ctx: z.RefinementCtx, path: (string | number)[]): void {
  if (!sharing || !('mig' in sharing)) return;
  const resolved = resolveMigProfile(gpu, sharing.mig);
  if ('refused' in resolved) ctx.addIssue({ code: 'custom', path: [...path, 'mig'], message: resolved.refused });
}

/** The share one replica gets: its memory, compute and bandwidth fractions and how many fit a GPU. */
export function gpuShare(gpu: GpuSpec, sharing: GpuSharing): GpuShare {
  if ('mig' in sharing) {
    const resolved = resolveMigProfile(gpu, sharing.mig);
    // The schema refused any other profile: reaching here with none is a bug.
    if ('refused' in resolved) throw new Error(`internal: ${resolved.refused}`);
    const { profile } = resolved;
    return {
      mode: 'mig', profile: profile.name, resourceName: `nvidia.com/mig-${profile.name}`,
      instancesPerGpu: profile.maxInstancesPerGpu,
      computeFraction: profile.computeSlices / MIG_COMPUTE_SLICES,
      memoryFraction: profile.memorySlices / MIG_MEMORY_SLICES,
      memoryBytes: migMemoryBytes(gpu, profile),
    };
  }
  const n = sharing.timeSlicing.replicasPerGpu;
  return { mode: 'time-slicing', resourceName: 'nvidia.com/gpu', instancesPerGpu: n, computeFraction: 1 / n, memoryFraction: 1 / n, memoryBytes: gpu.memoryBytes / n };
}

/** The GPU a replica sees: the catalog GPU scaled to its share (same id, so nodes and prices still match). */
export function sharedGpu(gpu: GpuSpec, share: GpuShare): GpuSpec {
  return {
    ...gpu,
    memoryBytes: share.memoryBytes,
    memoryBandwidthBytesPerSecond: gpu.memoryBandwidthBytesPerSecond * share.memoryFraction,
    bf16FlopsPerSecond: gpu.bf16FlopsPerSecond * share.computeFraction,
    fp8FlopsPerSecond: gpu.fp8FlopsPerSecond * share.computeFraction,
    int8OpsPerSecond: gpu.int8OpsPerSecond * share.computeFraction,
    fp4FlopsPerSecond: gpu.fp4FlopsPerSecond * share.computeFraction,
  };
}

const MIG_SOURCE = 'NVIDIA MIG user guide, "Supported MIG Profiles" (catalog/mig-profiles.ts): fraction of memory in slices of 8, fraction of SMs in slices of 7, instances per GPU.';
const TIME_SLICING_SOURCE = 'NVIDIA GPU Operator, "Time-Slicing GPUs in Kubernetes": replicas of one GPU interleave with no memory or fault isolation, so N replicas share one GPU\'s memory and throughput.';

/** Explain steps of the share: profile, fractions and instances per GPU; the no-isolation warning for time-slicing. */
export function explainShare(trail: Trail, gpu: GpuSpec, share: GpuShare): void {
  const source = share.mode === 'mig' ? MIG_SOURCE : TIME_SLICING_SOURCE;
  const what = share.mode === 'mig' ? `MIG ${share.profile} on ${gpu.id}` : `time-sliced ${gpu.id}, ${share.instancesPerGpu} replicas per GPU`;
  trail.step({ id: 'gpuShareInstancesPerGpu', label: `Replicas one GPU holds (${what})`, unit: 'replicas',
    formula: share.mode === 'mig' ? 'the profile\'s instances per GPU' : 'gpuSharing.timeSlicing.replicasPerGpu',
    inputs: { instancesPerGpu: share.instancesPerGpu }, source }, share.instancesPerGpu);
  trail.step({ id: 'gpuShareComputeFraction', label: `Share of the GPU's compute one replica gets (${what})`, unit: 'ratio',
    formula: share.mode === 'mig' ? 'computeSlices / 7' : '1 / replicasPerGpu (time-slicing adds no throughput)',
    inputs: { computeFraction: share.computeFraction, bf16FlopsPerSecondOfGpu: gpu.bf16FlopsPerSecond }, source }, share.computeFraction);
  trail.step({ id: 'gpuShareMemoryBytes', label: `GPU memory one replica gets (${what})`, unit: 'bytes',
    formula: share.mode === 'mig' ? 'gpuMemory × memorySlices / 8 (bandwidth scales the same)' : 'gpuMemory / replicasPerGpu (co-located pods share the memory: each must stay within its share)',
    inputs: { gpuMemoryBytes: gpu.memoryBytes, memoryFraction: share.memoryFraction }, source }, share.memoryBytes);
  if (share.mode === 'time-slicing') {
    trail.warn('GPU_TIME_SLICING_NO_ISOLATION', `Time-slicing gives ${share.instancesPerGpu} pods one ${gpu.id} with no memory or fault isolation: a pod above its ${(share.memoryBytes / 2 ** 30).toFixed(1)} GiB share can make its neighbours fail to allocate, and a GPU fault takes all of them down. Sized at 1/${share.instancesPerGpu} of the GPU's throughput each.`);
  }
}
