/**
 * GPU sharing for the NVIDIA GPU Operator: the node label that selects a sliced node, and
 * kubernetes/gpu-sharing.yaml with the configurations the operator reads.
 * - MIG, mixed strategy: the device plugin advertises each instance as nvidia.com/mig-<profile>;
 *   the MIG manager partitions a node as its label nvidia.com/mig.config names, from a mig-parted
 *   config (`all-<profile>`: every GPU of the node split into that profile).
 * - Time-slicing: the device plugin reads a named config from a ConfigMap the ClusterPolicy points
 *   at (devicePlugin.config.name); the node label nvidia.com/device-plugin.config picks the entry.
 * Sources: NVIDIA GPU Operator docs, "GPU Operator with MIG" and "Time-Slicing GPUs in Kubernetes";
 * NVIDIA mig-parted's config format (version v1, mig-configs).
 */
import type { GpuShare, Plan, Sizing, WorkloadSizing } from '@headroom/model';
import { stringify } from 'yaml';
import type { GeneratedFile } from '../config.ts';
import { gpuOperator } from './dcgm.ts';
import { fileHeader } from './header.ts';
import { objectMeta, standardLabels } from './labels.ts';
import { manifestsText, type Manifest } from './yaml-text.ts';

export const gpuSharingPath = 'kubernetes/gpu-sharing.yaml';
export const MIG_CONFIG_LABEL = 'nvidia.com/mig.config';
export const DEVICE_PLUGIN_CONFIG_LABEL = 'nvidia.com/device-plugin.config';
export const TIME_SLICING_CONFIG_MAP = 'headroom-time-slicing';
export const MIG_PARTED_CONFIG_MAP = 'headroom-mig-parted-config';

const timeSlicedName = (replicas: number) => `time-sliced-${replicas}`;
const migLayoutName = (profile: string) => `all-${profile}`;

/**
 * The node label a time-sliced pod selects, and why. MIG pods select no label: the scheduler places
 * them where the device plugin advertises their nvidia.com/mig-<profile>, and the sizing lets one
 * node carry several profiles (each GPU partitioned on its own).
 */
export function shareNodeLabel(share: GpuShare): { key: string; value: string; comment: string } | undefined {
  if (share.mode === 'mig') return undefined;
  return { key: DEVICE_PLUGIN_CONFIG_LABEL, value: timeSlicedName(share.instancesPerGpu),
    comment: `Time-sliced nodes, ${share.instancesPerGpu} pods per GPU with no memory or fault isolation (see gpu-sharing.yaml).` };
}

/** What the share's resource line means, for the comment above the container's resources. */
export function shareResourceComment(share: GpuShare): string {
  return share.mode === 'mig'
    ? `${share.resourceName}: one MIG ${share.profile} instance (${Math.round(share.computeFraction * 7)}/7 of the SMs, ${(share.memoryBytes / 2 ** 30).toFixed(1)} GiB),
advertised by the device plugin's mixed strategy on the nodes the MIG manager partitioned (gpu-sharing.yaml).`
    : `nvidia.com/gpu: one of ${share.instancesPerGpu} time-sliced replicas of a GPU: no memory isolation, so keep the
process within ${(share.memoryBytes / 2 ** 30).toFixed(1)} GiB (vLLM: --gpu-memory-utilization at most 0.9 / ${share.instancesPerGpu}).`;
}

const layoutName = (share: GpuShare) => (share.mode === 'mig' ? migLayoutName(share.profile!) : timeSlicedName(share.instancesPerGpu));

interface Layout { share: GpuShare; workloads: WorkloadSizing[] }

function layouts(sizing: Sizing, mode: GpuShare['mode']): Layout[] {
  const found = new Map<string, Layout>();
  for (const w of sizing.workloads) {
    const share = w.perReplica.gpuShare;
    if (!share || share.mode !== mode) continue;
    const key = layoutName(share);
    const layout = found.get(key);
    if (layout) layout.workloads.push(w);
    else found.set(key, { share, workloads: [w] });
  }
  return [...found.values()].sort((a, b) => layoutName(a.share).localeCompare(layoutName(b.share)));
}

const where = (l: Layout) => l.workloads.map((w) => `${w.name} (pool ${w.nodePool || 'unplaced'}, ${w.replicas.peak} replicas at peak)`).join(', ');

function migParted(plan: Plan, mig: Layout[]): Manifest {
  const configs: Record<string, unknown> = { 'all-disabled': [{ devices: 'all', 'mig-enabled': false }] };
  for (const l of mig) {
    configs[migLayoutName(l.share.profile!)] = [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { [l.share.profile!]: l.share.instancesPerGpu } }];
  }
  return {
    object: {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: objectMeta(MIG_PARTED_CONFIG_MAP, gpuOperator.namespace, standardLabels(plan.metadata.name, 'mig-parted-config')),
      data: { 'config.yaml': stringify({ version: 'v1', 'mig-configs': configs }) },
    },
    comment: `MIG instances of this plan, for the GPU Operator's MIG manager (mig-parted config, version v1):
${mig.map((l) => `- ${l.share.profile}: ${l.share.instancesPerGpu} per GPU (layout ${migLayoutName(l.share.profile!)}) for ${where(l)}`).join('\n')}
Install the operator with mig.strategy=mixed, so the device plugin names the instances nvidia.com/mig-<profile>,
as the pods request them (the single strategy calls them nvidia.com/gpu and the requests would not match).
The sizing packs a GPU at a time and lets one node carry several profiles and whole GPUs (the pool's explain
step gpuShareGpus counts the GPUs each profile fills). A node of one profile takes its all-<profile> layout:
  kubectl label node <node> ${MIG_CONFIG_LABEL}=all-<profile> --overwrite
A node that mixes them needs a layout naming device lists, added to this config, e.g.
  mixed-example: [ { devices: [0, 1], mig-enabled: true, mig-devices: { "1g.10gb": 7 } },
                   { devices: [2, 3, 4, 5, 6, 7], mig-enabled: false } ]
The operator's default config holds most all-<profile> layouts; where it lacks one, point it at this ConfigMap
  kubectl patch clusterpolicies.nvidia.com/cluster-policy --type merge -p '{"spec":{"migManager":{"config":{"name":"${MIG_PARTED_CONFIG_MAP}"}}}}'
(it replaces the default list). The MIG manager drains the node's GPU pods and repartitions it.`,
  };
}

function timeSlicing(plan: Plan, sliced: Layout[]): Manifest {
  const data = Object.fromEntries(sliced.map((l) => [timeSlicedName(l.share.instancesPerGpu),
    stringify({ version: 'v1', flags: { migStrategy: 'none' }, sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: l.share.instancesPerGpu }] } } })]));
  return {
    object: {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: objectMeta(TIME_SLICING_CONFIG_MAP, gpuOperator.namespace, standardLabels(plan.metadata.name, 'time-slicing-config')),
      data,
    },
    comment: `Time-slicing configs for the GPU Operator's device plugin, one per replicas-per-GPU figure of the plan:
${sliced.map((l) => `- ${DEVICE_PLUGIN_CONFIG_LABEL}=${timeSlicedName(l.share.instancesPerGpu)}: each GPU advertised as ${l.share.instancesPerGpu} × nvidia.com/gpu for ${where(l)}`).join('\n')}
Point the operator at this ConfigMap and label the nodes that run them (the pool's explain step gpuShareGpus counts
their GPUs; the sizing gives them nodes of their own, as the config is per node):
  kubectl patch clusterpolicies.nvidia.com/cluster-policy --type merge -p '{"spec":{"devicePlugin":{"config":{"name":"${TIME_SLICING_CONFIG_MAP}"}}}}'
  kubectl label node <node> ${DEVICE_PLUGIN_CONFIG_LABEL}=<config> --overwrite
No isolation: the pods on one GPU share its memory and fail together. The plan gives each pod 1/replicas of the
GPU's memory and throughput; a pod that allocates more (vLLM's gpu_memory_utilization is a share of the WHOLE
GPU: set it to at most 0.9 / replicas) starves its neighbours.`,
  };
}

/** kubernetes/gpu-sharing.yaml when some workload runs on a GPU share; undefined otherwise. */
export function gpuSharingFile(plan: Plan, sizing: Sizing): GeneratedFile | undefined {
  const mig = layouts(sizing, 'mig');
  const sliced = layouts(sizing, 'time-slicing');
  if (!mig.length && !sliced.length) return undefined;
  const about = `GPU sharing (spec.workloads[].gpuSharing): the GPU Operator configuration the sliced nodes need.
dcgm-exporter labels a MIG instance's series with GPU_I_PROFILE and GPU_I_ID and reports no
DCGM_FI_DEV_GPU_UTIL for MIG devices: the kit reads DCGM_FI_PROF_GR_ENGINE_ACTIVE for them (docs/kit.md).
Apply to the GPU Operator's namespace (${gpuOperator.namespace}); one per cluster, merged by hand where several plans share GPUs.`;
  return {
    path: gpuSharingPath,
    contents: manifestsText(fileHeader(plan.metadata.name, about), [...(mig.length ? [migParted(plan, mig)] : []), ...(sliced.length ? [timeSlicing(plan, sliced)] : [])]),
  };
}
