/**
 * Node pools: assign each workload to a pool (the plan's, or the cheapest catalog instance type
 * that fits), pack replicas first-fit decreasing onto allocatable capacity less daemonsets, keep
 * zone spread, and price the nodes.
 */
import type { InstanceType, Provider } from '../catalog/types.ts';
import { Trail } from '../sizing/explain.ts';
import type { NodePoolSizing, WorkloadSizing } from '../sizing/types.ts';
import { allocatable, daemonsetOverhead } from './allocatable.ts';
import { instanceTypesFor } from './catalog-lookup.ts';
import { packReplicas, type Resources } from './packing.ts';

export interface PoolSpec { name: string; instance: InstanceType }

export interface ClusterInput {
  provider: Provider;
  zones: number;
  pools: readonly PoolSpec[];
  workloads: readonly (WorkloadSizing & { requestedPool?: string; zoneSpread: boolean })[];
}

export interface ClusterResult {
  nodePools: NodePoolSizing[];
  /** Pool each workload landed on, by workload name. */
  assignment: Map<string, string>;
  warnings: { code: string; message: string; workload?: string }[];
}

const schedulableCache = new Map<string, Resources>();

/** Room for pods on one node: allocatable less what daemonsets request (memoised: catalog data is fixed). */
function schedulable(instance: InstanceType, provider: Provider): Resources {
  const key = `${provider}/${instance.provider}/${instance.id}`;
  let room = schedulableCache.get(key);
  if (!room) {
    const a = allocatable(instance, provider);
    const d = daemonsetOverhead(instance, provider);
    room = { cpuCores: a.cpuCores - d.cpuCores, memoryBytes: a.memoryBytes - d.memoryBytes, gpus: a.gpus, pods: a.pods - d.pods };
    schedulableCache.set(key, room);
  }
  return room;
}

function request(w: WorkloadSizing): Resources {
  return { cpuCores: w.perReplica.cpuCores, memoryBytes: w.perReplica.memoryBytes, gpus: w.perReplica.gpus, pods: 1 };
}

/** Whether one replica of `w` can run on `instance` (and on the right GPU model). */
function fits(w: WorkloadSizing, instance: InstanceType, provider: Provider): boolean {
  if (w.perReplica.gpus > 0 && instance.gpuModel !== w.perReplica.gpuModel) return false;
  const room = schedulable(instance, provider);
  const r = request(w);
  return r.cpuCores <= room.cpuCores && r.memoryBytes <= room.memoryBytes && r.gpus <= room.gpus;
}

/** Cheapest catalog instance type per replica for `w`: price over the replicas one node holds. */
function cheapestFor(w: WorkloadSizing, provider: Provider): InstanceType | undefined {
  let best: { instance: InstanceType; usdPerReplicaHour: number } | undefined;
  for (const instance of instanceTypesFor(provider)) {
    if (!fits(w, instance, provider)) continue;
    // CPU-only workloads stay off GPU nodes: their price would be wasted.
    if (w.perReplica.gpus === 0 && instance.gpus > 0) continue;
    const room = schedulable(instance, provider);
    const r = request(w);
    const perNode = Math.max(1, Math.min(
      Math.floor(room.cpuCores / r.cpuCores), Math.floor(room.memoryBytes / r.memoryBytes), r.gpus > 0 ? Math.floor(room.gpus / r.gpus) : Infinity, room.pods,
      Math.max(1, w.replicas.peak),
    ));
    const usdPerReplicaHour = instance.onDemandUsdPerHour / perNode;
    if (!best || usdPerReplicaHour < best.usdPerReplicaHour) best = { instance, usdPerReplicaHour };
  }
  return best?.instance;
}

export function sizeCluster(input: ClusterInput): ClusterResult {
  const { provider, zones } = input;
  const pools: PoolSpec[] = [...input.pools];
  const chosen = new Set<string>();
  const assignment = new Map<string, string>();
  const warnings: ClusterResult['warnings'] = [];

  for (const w of input.workloads) {
    let pool = w.requestedPool !== undefined ? pools.find((p) => p.name === w.requestedPool) : undefined;
    if (pool && !fits(w, pool.instance, provider)) {
      warnings.push({ workload: w.name, code: 'REPLICA_DOES_NOT_FIT_POOL', message: `One replica of ${w.name} (${describe(w)}) does not fit a ${pool.instance.id} node of pool ${pool.name}.` });
    }
    pool ??= input.pools.find((p) => fits(w, p.instance, provider) && (w.perReplica.gpus > 0 || p.instance.gpus === 0))
      ?? pools.find((p) => chosen.has(p.name) && fits(w, p.instance, provider) && (w.perReplica.gpus > 0) === (p.instance.gpus > 0) && p.instance.gpuModel === w.perReplica.gpuModel);
    if (!pool) {
      const instance = cheapestFor(w, provider);
      if (!instance) {
        warnings.push({ workload: w.name, code: 'NO_INSTANCE_TYPE_FITS', message: `No ${provider} instance type in the catalog fits one replica of ${w.name} (${describe(w)}); it is left unpacked.` });
        continue;
      }
      pool = { name: `auto-${instance.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`, instance };
      if (!pools.some((p) => p.name === pool!.name)) {
        pools.push(pool);
        chosen.add(pool.name);
      }
      warnings.push({ workload: w.name, code: 'NODE_POOL_ADDED', message: `No pool in the plan fits ${w.name}; Headroom added ${pool.name} (${instance.id}), the cheapest fitting ${provider} instance type per replica.` });
    }
    assignment.set(w.name, pool.name);
  }

  const nodePools = pools.map((pool): NodePoolSizing => {
    const members = input.workloads.filter((w) => assignment.get(w.name) === pool.name);
    const trail = new Trail();
    const alloc = allocatable(pool.instance, provider);
    const overhead = daemonsetOverhead(pool.instance, provider);
    const room = schedulable(pool.instance, provider);
    trail.step({ id: 'allocatableCpuCores', label: 'Allocatable CPU per node', unit: 'cores', formula: alloc.formula, inputs: { vcpus: pool.instance.vcpus }, source: alloc.source }, alloc.cpuCores);
    trail.step({ id: 'allocatableMemoryBytes', label: 'Allocatable memory per node', unit: 'bytes', formula: alloc.formula, inputs: { memoryBytes: pool.instance.memoryBytes }, source: alloc.source }, alloc.memoryBytes);
    const packed = packReplicas(members.map((w) => ({ workload: w.name, replicas: w.replicas.peak, request: request(w) })), room);
    for (const name of packed.unplaceable) {
      if (!warnings.some((x) => x.workload === name && x.code === 'REPLICA_DOES_NOT_FIT_POOL')) {
        warnings.push({ workload: name, code: 'REPLICA_DOES_NOT_FIT_POOL', message: `A replica of ${name} is larger than a ${pool.instance.id} node can schedule.` });
      }
    }
    const spread = members.some((w) => w.zoneSpread) ? Math.min(zones, members.reduce((n, w) => n + w.replicas.peak, 0)) : 0;
    const nodes = trail.step(
      { id: 'nodes', label: 'Nodes', unit: 'nodes', formula: 'max(first-fit decreasing packing of peak replicas onto allocatable − daemonsets, one node per zone for zone-redundant workloads)',
        inputs: { packedNodes: packed.nodes, zoneSpreadNodes: spread } },
      Math.max(packed.nodes, spread),
    );
    const requested = members.reduce((sum, w) => ({
      cpuCores: sum.cpuCores + w.total.cpuCores, memoryBytes: sum.memoryBytes + w.total.memoryBytes, gpus: sum.gpus + w.total.gpus,
    }), { cpuCores: 0, memoryBytes: 0, gpus: 0 });
    const share = (used: number, per: number) => (nodes > 0 && per > 0 ? used / (per * nodes) : 0);
    const hoursPerMonth = members.length ? Math.max(...members.map((w) => w.activeHoursPerMonth)) : 0;
    const costPerMonthUsd = trail.step(
      { id: 'costPerMonthUsd', label: 'Monthly cost', unit: 'USD', formula: 'nodes × onDemandUsdPerHour × hours the pool runs per month (730 for services; job pools scale to zero between runs)',
        inputs: { nodes, onDemandUsdPerHour: pool.instance.onDemandUsdPerHour, hoursPerMonth }, source: `${pool.instance.source} (${pool.instance.priceRegion}, ${pool.instance.asOf})` },
      nodes * pool.instance.onDemandUsdPerHour * hoursPerMonth,
    );
    return {
      name: pool.name, instanceType: pool.instance.id, chosenByHeadroom: chosen.has(pool.name), nodes,
      allocatable: { cpuCores: alloc.cpuCores, memoryBytes: alloc.memoryBytes, gpus: alloc.gpus, pods: alloc.pods },
      daemonsetOverhead: overhead,
      workloads: members.map((w) => w.name),
      utilization: { cpu: share(requested.cpuCores, room.cpuCores), memory: share(requested.memoryBytes, room.memoryBytes), gpus: share(requested.gpus, room.gpus) },
      hoursPerMonth, costPerMonthUsd, explain: trail.steps,
    };
  });
  return { nodePools, assignment, warnings };
}


function describe(w: WorkloadSizing): string {
  const gpu = w.perReplica.gpus > 0 ? `, ${w.perReplica.gpus} × ${w.perReplica.gpuModel}` : '';
  return `${w.perReplica.cpuCores} cores, ${(w.perReplica.memoryBytes / 2 ** 30).toFixed(1)} GiB${gpu}`;
}
