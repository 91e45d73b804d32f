/**
 * A sized replica as Kubernetes container resources and pod placement. Policy:
 * - memory: limit = request. Memory cannot be throttled; a container above its request is the first
 *   evicted under node pressure, and one above its limit is OOM-killed. Equal values make the
 *   sized figure the bound in both directions.
 * - cpu: request only, and the patch deletes any existing limit (cpu: null). A CPU limit is
 *   enforced by CFS quota per 100 ms period and throttles a container even when the node has idle
 *   cores, which shows up as latency; the request already reserves the sized cores. (Guaranteed
 *   QoS, needed for the static CPU manager, would need a CPU limit equal to the request.)
 * - GPUs: extended resources cannot be overcommitted; Kubernetes requires request = limit.
 * - ephemeral-storage: request only, so the scheduler places the pod where the disk fits; a limit
 *   would evict the pod the moment a cache grows past the estimate.
 */
import type { NodePoolSizing, PerReplica } from '@headroom/model';
import { gpuResourceOf, vendorResourceOf } from './gpu.ts';
import { shareNodeLabel } from './gpu-sharing.ts';
import { bytesQuantity, countQuantity, cpuQuantity } from './quantities.ts';

export interface ContainerResources {
  requests: Record<string, string>;
  /** `cpu: null` deletes a CPU limit the target has: a strategic-merge patch keeps keys it does not name. */
  limits: Record<string, string | null>;
}

export interface Toleration {
  key: string;
  operator: 'Exists';
  effect: 'NoSchedule';
}

export interface PodPlacement {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
}

/** The well-known node label every cloud provider sets to the VM size. */
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

export function containerResources(perReplica: PerReplica): ContainerResources {
  const gpu = gpuResourceOf(perReplica);
  const memory = bytesQuantity(perReplica.memoryBytes);
  const gpus = gpu ? { [gpu]: countQuantity(perReplica.gpus) } : {};
  return {
    requests: {
      cpu: cpuQuantity(perReplica.cpuCores),
      memory,
      ...(perReplica.ephemeralStorageBytes > 0 ? { 'ephemeral-storage': bytesQuantity(perReplica.ephemeralStorageBytes) } : {}),
      ...gpus,
    },
    limits: { cpu: null, memory, ...gpus },
  };
}

/** Node selector for the sized pool's instance type; for GPU pods, a toleration of the GPU taint. */
export function podPlacement(perReplica: PerReplica, pool: NodePoolSizing | undefined): PodPlacement {
  const gpu = gpuResourceOf(perReplica);
  const share = perReplica.gpuShare && shareNodeLabel(perReplica.gpuShare);
  const nodeSelector = { ...(pool ? { [INSTANCE_TYPE_LABEL]: pool.instanceType } : {}), ...(share ? { [share.key]: share.value } : {}) };
  return {
    ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(gpu ? { tolerations: [{ key: vendorResourceOf(perReplica), operator: 'Exists', effect: 'NoSchedule' }] } : {}),
  };
}

export const resourcesComment = `Sized per replica. Memory limit = request: memory cannot be throttled, so the sized figure is
the bound both ways. No CPU limit: CFS quotas throttle a container even on an idle node, which
shows up as latency; the request reserves the sized cores. cpu: null removes a CPU limit the
target already has (a patch keeps what it does not name, and a limit below the request is invalid).`;

export function placementComments(perReplica: PerReplica, pool: NodePoolSizing | undefined): { nodeSelector?: string; tolerations?: string } {
  const gpu = gpuResourceOf(perReplica);
  const share = perReplica.gpuShare && shareNodeLabel(perReplica.gpuShare);
  const poolText = pool
    ? pool.chosenByHeadroom
      ? `Node pool ${pool.name}: the plan names no pool this fits, so Headroom chose ${pool.instanceType};\ncreate such a pool, or add one to spec.cluster.nodePools and regenerate.`
      : `Node pool ${pool.name} (${pool.instanceType}), where the sizing packed the replicas.`
    : undefined;
  const nodeSelector = [poolText, share?.comment].filter((x): x is string => x !== undefined).join('\n');
  return {
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(gpu ? {
      tolerations: `GPU nodes are usually tainted ${vendorResourceOf(perReplica)}:NoSchedule so only GPU pods land there. A strategic-merge\npatch replaces the whole tolerations list: keep any others the pods need here.`,
    } : {}),
  };
}
