/**
 * Node pools: assign each workload to a pool (the plan's, or the cheapest catalog instance type
 * that fits), pack replicas first-fit decreasing onto allocatable capacity less daemonsets, keep
 * zone spread, and price the nodes.
 */
import type { InstanceType, Provider } from '../catalog/types.ts';
import { Trail } from '../sizing/explain.ts';
import { instanceTypes } from '../catalog/instance-types.ts';
import type { NodePoolSizing, UnplacedWorkload, WorkloadSizing } from '../sizing/types.ts';
import { allocatable, daemonsetOverhead } from './allocatable.ts';
import { instanceTypesFor } from './catalog-lookup.ts';
import { packReplicas, type Resources } from './packing.ts';
import { podsPerReplica } from '../sizing/pods-per-replica.ts';

/** A node pool: the plan's (maxPods when the plan sets it) or one Headroom adds. */
export interface PoolSpec { name: string; instance: InstanceType; maxPods?: number }

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
  /** Workloads with replicas no node of the plan or the provider's catalog can take. */
  unplaced: UnplacedWorkload[];
  warnings: { code: string; message: string; workload?: string }[];
}

const schedulableCache = new Map<string, Resources>();

/** Room for pods on one node: allocatable less what daemonsets request (memoised: catalog data is fixed). */
function schedulable(instance: InstanceType, provider: Provider, maxPods?: number): Resources {
  const key = `${provider}/${instance.provider}/${instance.id}/${maxPods ?? ''}`;
  let room = schedulableCache.get(key);
  if (!room) {
    const a = allocatable(instance, provider, maxPods);
    const d = daemonsetOverhead(instance, provider);
    room = { cpuCores: a.cpuCores - d.cpuCores, memoryBytes: a.memoryBytes - d.memoryBytes, gpus: a.gpus, pods: a.pods - d.pods };
    schedulableCache.set(key, room);
  }
  return room;
}

/** What one pod of `w` requests. */
function request(w: WorkloadSizing): Resources {
  const pods = podsPerReplica(w);
  return { cpuCores: w.perReplica.cpuCores / pods, memoryBytes: w.perReplica.memoryBytes / pods, gpus: w.perReplica.gpus / pods, pods: 1 };
}

/** Whether one replica of `w` can run on `instance` (and on the right GPU model). */
function fits(w: WorkloadSizing, instance: InstanceType, provider: Provider, maxPods?: number): boolean {
  if (w.perReplica.gpus > 0 && instance.gpuModel !== w.perReplica.gpuModel) return false;
  const room = schedulable(instance, provider, maxPods);
  const r = request(w);
  return r.cpuCores <= room.cpuCores && r.memoryBytes <= room.memoryBytes && r.gpus <= room.gpus && room.pods >= 1;
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
      Math.max(1, w.replicas.peak * podsPerReplica(w)),
    ));
    const usdPerReplicaHour = (instance.onDemandUsdPerHour * podsPerReplica(w)) / perNode;
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
  const unplaced: UnplacedWorkload[] = [];

  for (const w of input.workloads) {
    let pool = w.requestedPool !== undefined ? pools.find((p) => p.name === w.requestedPool) : undefined;
    if (pool && !fits(w, pool.instance, provider, pool.maxPods)) {
      warnings.push({ workload: w.name, code: 'REPLICA_DOES_NOT_FIT_POOL', message: `One replica of ${w.name} (${describe(w)}) does not fit a ${pool.instance.id} node of pool ${pool.name}.` });
    }
    pool ??= input.pools.find((p) => fits(w, p.instance, provider, p.maxPods) && (w.perReplica.gpus > 0 || p.instance.gpus === 0))
      ?? pools.find((p) => chosen.has(p.name) && fits(w, p.instance, provider, p.maxPods) && (w.perReplica.gpus > 0) === (p.instance.gpus > 0) && p.instance.gpuModel === w.perReplica.gpuModel);
    if (!pool) {
      const instance = cheapestFor(w, provider);
      if (!instance) {
        const estimate = estimateUnplacedCost(w);
        const reason = `No ${provider} instance type in the catalog fits one ${describe(w)} replica${w.perReplica.gpus > 0 ? ` (the provider offers no node with ${w.perReplica.gpuModel})` : ''}; ${estimate.note}.`;
        warnings.push({ workload: w.name, code: 'NO_INSTANCE_TYPE_FITS', message: reason });
        unplaced.push({ workload: w.name, reason, estimatedCostPerMonthUsd: estimate.usd });
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

  const membersByPool = new Map<string, ClusterInput['workloads'][number][]>();
  for (const w of input.workloads) {
    const pool = assignment.get(w.name);
    if (pool === undefined) continue;
    const members = membersByPool.get(pool);
    if (members) members.push(w);
    else membersByPool.set(pool, [w]);
  }
  const doesNotFitPool = new Set(warnings.filter((x) => x.code === 'REPLICA_DOES_NOT_FIT_POOL').map((x) => x.workload));

  const nodePools = pools.map((pool): NodePoolSizing => {
    const members = membersByPool.get(pool.name) ?? [];
    const trail = new Trail();
    const alloc = allocatable(pool.instance, provider, pool.maxPods);
    const overhead = daemonsetOverhead(pool.instance, provider);
    const room = schedulable(pool.instance, provider, pool.maxPods);
    trail.step({ id: 'allocatableCpuCores', label: 'Allocatable CPU per node', unit: 'cores', formula: alloc.formula, inputs: { vcpus: pool.instance.vcpus }, source: alloc.source }, alloc.cpuCores);
    trail.step({ id: 'allocatableMemoryBytes', label: 'Allocatable memory per node', unit: 'bytes', formula: alloc.formula, inputs: { memoryBytes: pool.instance.memoryBytes, maxPods: alloc.pods }, source: alloc.source }, alloc.memoryBytes);
    trail.step({ id: 'allocatablePods', label: 'Pods per node', unit: 'pods',
      formula: pool.maxPods !== undefined ? 'the node pool\'s maxPods' : `${provider} default max pods for ${pool.instance.id}`,
      inputs: { maxPods: alloc.pods }, source: pool.maxPods !== undefined ? 'plan: spec.cluster.nodePools[].maxPods' : pool.instance.source }, alloc.pods);
    const packed = packReplicas(members.map((w) => ({ workload: w.name, replicas: w.replicas.peak * podsPerReplica(w), request: request(w) })), room);
    for (const name of packed.unplaceable) {
      const reason = `A pod of ${name} is larger than a ${pool.instance.id} node of pool ${pool.name} can schedule; priced as one node per pod in that pool.`;
      if (!doesNotFitPool.has(name)) {
        warnings.push({ workload: name, code: 'REPLICA_DOES_NOT_FIT_POOL', message: reason });
        doesNotFitPool.add(name);
      }
      unplaced.push({ workload: name, reason, estimatedCostPerMonthUsd: 0 });
    }
    const spread = members.some((w) => w.zoneSpread) ? Math.min(zones, members.reduce((n, w) => n + w.replicas.peak * podsPerReplica(w), 0)) : 0;
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
  return { nodePools, assignment, unplaced, warnings };
}

/**
 * What the replicas of a workload no provider node fits would cost on the cheapest catalog
 * instance type (of any provider) that carries its GPU model, or the largest CPU shape: whole nodes
 * per replica by the most demanding resource. Leaving a workload unplaced must not make the plan
 * look cheaper than placing it would be.
 */
function estimateUnplacedCost(w: WorkloadSizing): { usd: number | null; note: string } {
  let best: { usd: number; instance: InstanceType; nodes: number } | undefined;
  for (const instance of instanceTypes) {
    if (w.perReplica.gpus > 0 ? instance.gpuModel !== w.perReplica.gpuModel : instance.gpus > 0) continue;
    const room = schedulable(instance, instance.provider);
    const r = request(w);
    const share = Math.max(r.cpuCores / room.cpuCores, r.memoryBytes / room.memoryBytes, r.gpus > 0 ? r.gpus / room.gpus : 0);
    const nodes = Math.ceil(w.replicas.peak * podsPerReplica(w) * Math.max(share, 1 / Math.max(1, room.pods)) - 1e-9);
    const usd = nodes * instance.onDemandUsdPerHour * w.activeHoursPerMonth;
    if (!best || usd < best.usd) best = { usd, instance, nodes };
  }
  if (!best) return { usd: null, note: `no instance type of any provider in the catalog carries ${w.perReplica.gpuModel}, so its cost cannot be estimated: it is NOT in the plan's cost, which is a lower bound` };
  return { usd: best.usd, note: `its cost is estimated as ${best.nodes} × ${best.instance.id} (${best.instance.provider}, $${best.instance.onDemandUsdPerHour}/h) and included in the plan's cost` };
}


function describe(w: WorkloadSizing): string {
  const gpu = w.perReplica.gpus > 0 ? `, ${w.perReplica.gpus} × ${w.perReplica.gpuModel}` : '';
  return `${w.perReplica.cpuCores} cores, ${(w.perReplica.memoryBytes / 2 ** 30).toFixed(1)} GiB${gpu}`;
}
