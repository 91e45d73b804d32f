/**
 * Node pools: assign each workload to a pool (the plan's, or the cheapest catalog instance type
 * that fits), pack replicas first-fit decreasing onto allocatable capacity less daemonsets, keep
 * zone spread, and price the nodes.
 */
import type { PricingModel } from '../catalog/pricing-models.ts';
import type { InstanceType, Provider } from '../catalog/types.ts';
import { Trail } from '../sizing/explain.ts';
import { instanceTypes } from '../catalog/instance-types.ts';
import type { NodePoolSizing, UnplacedWorkload, WorkloadSizing } from '../sizing/types.ts';
import { allocatable, daemonsetOverhead } from './allocatable.ts';
import { instanceTypesFor } from './catalog-lookup.ts';
import { packReplicas, type PackItem, type Resources } from './packing.ts';
import { hourlyRate, poolCost } from './pool-cost.ts';
import { podsPerReplica } from '../sizing/pods-per-replica.ts';

/** A node pool: the plan's (maxPods and maxNodes when the plan sets them) or one Headroom adds. */
export interface PoolSpec { name: string; instance: InstanceType; pricing: PricingModel; maxPods?: number; maxNodes?: number }

export interface ClusterInput {
  provider: Provider;
  zones: number;
  pools: readonly PoolSpec[];
  /** `pricing`: the model a workload without a requested pool is placed under (plan pools of that model, or a pool Headroom adds). */
  workloads: readonly (WorkloadSizing & { requestedPool?: string; zoneSpread: boolean; pricing: PricingModel })[];
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

/** Shares (MIG instances or time-slices) one GPU holds for `w`; 1 for a whole-GPU or CPU workload. */
function sharesPerGpu(w: WorkloadSizing): number {
  return w.perReplica.gpuShare?.instancesPerGpu ?? 1;
}

/**
 * Nodes a time-sliced workload needs to itself: the device plugin reads one time-slicing config per
 * node (its nvidia.com/device-plugin.config label), so every GPU of such a node is split into the
 * same number of replicas, and pods of another split or on whole GPUs go to other nodes. MIG needs
 * no such group: the MIG manager partitions each GPU of a node on its own (mig-parted configs name
 * device lists), so slices of several profiles and whole GPUs share a node.
 */
function nodeGroup(w: WorkloadSizing): string | undefined {
  const share = w.perReplica.gpuShare;
  return share?.mode === 'time-slicing' ? `time-slicing ${share.instancesPerGpu} per GPU` : undefined;
}

/**
 * Pack items of a workload. A GPU-sharing workload is packed a GPU at a time: each item is one GPU
 * with the `instancesPerGpu` pods that share it (their CPU, memory and pods together), plus one GPU
 * with the pods left over, so a GPU only ever holds one profile and its pods stay on its node.
 */
function packItems(w: WorkloadSizing, room: Resources): PackItem[] {
  const pods = w.replicas.peak * podsPerReplica(w);
  const r = request(w);
  if (!w.perReplica.gpuShare) return [{ workload: w.name, replicas: pods, request: r }];
  const perGpu = podsPerGpu(w, room);
  const bundle = (n: number): Resources => ({ cpuCores: r.cpuCores * n, memoryBytes: r.memoryBytes * n, gpus: 1, pods: n });
  const full = Math.floor(pods / perGpu);
  const rest = pods - full * perGpu;
  return [
    ...(full > 0 ? [{ workload: w.name, replicas: full, request: bundle(perGpu) }] : []),
    ...(rest > 0 ? [{ workload: w.name, replicas: 1, request: bundle(rest) }] : []),
  ];
}

/** Pods of a GPU-sharing workload one GPU takes: its shares, or fewer when the node's CPU, memory or pods hold fewer (at least 1). */
function podsPerGpu(w: WorkloadSizing, room: Resources): number {
  const r = request(w);
  const byNode = Math.min(Math.floor(room.cpuCores / r.cpuCores + 1e-9), Math.floor(room.memoryBytes / r.memoryBytes + 1e-9), room.pods);
  return Math.max(1, Math.min(sharesPerGpu(w), byNode));
}

/** A node's room as `w` sees it: a node of N GPUs offers N × shares per GPU. */
function roomFor(w: WorkloadSizing, room: Resources): Resources {
  return { ...room, gpus: room.gpus * sharesPerGpu(w) };
}

/** Whether one replica of `w` can run on `instance` (and on the right GPU model). */
function fits(w: WorkloadSizing, instance: InstanceType, provider: Provider, maxPods?: number): boolean {
  if (w.perReplica.gpus > 0 && instance.gpuModel !== w.perReplica.gpuModel) return false;
  const room = schedulable(instance, provider, maxPods);
  const r = request(w);
  return r.cpuCores <= room.cpuCores && r.memoryBytes <= room.memoryBytes && r.gpus <= room.gpus && room.pods >= 1;
}

/** Cheapest catalog instance type per replica for `w` under `pricing`: price over the replicas one node holds; shapes with no published price under it are skipped. */
function cheapestFor(w: WorkloadSizing, provider: Provider, pricing: PricingModel): InstanceType | undefined {
  let best: { instance: InstanceType; usdPerReplicaHour: number } | undefined;
  for (const instance of instanceTypesFor(provider)) {
    if (!fits(w, instance, provider)) continue;
    // CPU-only workloads stay off GPU nodes: their price would be wasted.
    if (w.perReplica.gpus === 0 && instance.gpus > 0) continue;
    const room = roomFor(w, schedulable(instance, provider));
    const r = request(w);
    const perNode = Math.max(1, Math.min(
      Math.floor(room.cpuCores / r.cpuCores), Math.floor(room.memoryBytes / r.memoryBytes), r.gpus > 0 ? Math.floor(room.gpus / r.gpus) : Infinity, room.pods,
      Math.max(1, w.replicas.peak * podsPerReplica(w)),
    ));
    const rate = hourlyRate(instance, pricing);
    if (!rate) continue;
    const usdPerReplicaHour = (rate.usdPerHour * podsPerReplica(w)) / perNode;
    if (!best || usdPerReplicaHour < best.usdPerReplicaHour) best = { instance, usdPerReplicaHour };
  }
  return best?.instance;
}

/**
 * Plan pools a workload without a named pool may go to under `pricing`, in the order tried: spot
 * pools take only workloads sized for interruptions; the others take any non-spot pool (on-demand
 * and commitments size alike), their own pricing model first.
 */
function planPoolsFor(pools: readonly PoolSpec[], pricing: PricingModel): PoolSpec[] {
  const allowed = (p: PoolSpec) => (p.pricing === 'spot') === (pricing === 'spot');
  return [...pools.filter((p) => p.pricing === pricing), ...pools.filter((p) => p.pricing !== pricing && allowed(p))];
}

export function sizeCluster(input: ClusterInput): ClusterResult {
  const { provider, zones } = input;
  const pools: PoolSpec[] = [...input.pools];
  const chosen = new Set<string>();
  const assignment = new Map<string, string>();
  const warnings: ClusterResult['warnings'] = [];
  const unplaced: UnplacedWorkload[] = [];
  const planPoolsByPricing = new Map<PricingModel, PoolSpec[]>();

  for (const w of input.workloads) {
    let pool = w.requestedPool !== undefined ? pools.find((p) => p.name === w.requestedPool) : undefined;
    if (pool && !fits(w, pool.instance, provider, pool.maxPods)) {
      // The plan put it there, so Headroom does not move it; packing it there would price nodes
      // it cannot run on (a pod larger than the node, or another GPU model).
      const estimate = estimateUnplacedCost(w, provider);
      const why = w.perReplica.gpus > 0 && pool.instance.gpuModel !== w.perReplica.gpuModel
        ? `its ${w.perReplica.gpuModel} is not the pool's ${pool.instance.gpuModel ?? 'CPU-only'} nodes`
        : `one replica (${describe(w)}${podsPerReplica(w) > 1 ? ` over ${podsPerReplica(w)} pods` : ''}) does not fit a ${pool.instance.id} node`;
      const reason = `${w.name} asks for node pool ${pool.name}, but ${why}; ${estimate.note}.`;
      warnings.push({ workload: w.name, code: 'REPLICA_DOES_NOT_FIT_POOL', message: reason });
      unplaced.push({ workload: w.name, code: 'REPLICA_DOES_NOT_FIT_POOL', reason, estimatedCostPerMonthUsd: estimate.usd });
      continue;
    }
    let candidates = planPoolsByPricing.get(w.pricing);
    if (!candidates) planPoolsByPricing.set(w.pricing, candidates = planPoolsFor(input.pools, w.pricing));
    pool ??= candidates.find((p) => fits(w, p.instance, provider, p.maxPods) && (w.perReplica.gpus > 0 || p.instance.gpus === 0))
      ?? pools.find((p) => chosen.has(p.name) && p.pricing === w.pricing && fits(w, p.instance, provider, p.maxPods) && (w.perReplica.gpus > 0) === (p.instance.gpus > 0) && p.instance.gpuModel === w.perReplica.gpuModel);
    let pricing = w.pricing;
    if (!pool && pricing !== 'on-demand' && !cheapestFor(w, provider, pricing) && cheapestFor(w, provider, 'on-demand')) {
      warnings.push({ workload: w.name, code: 'PRICING_UNAVAILABLE', message: `No ${provider} instance type that fits ${w.name} has a published ${pricing} price; its added pool is priced on-demand${pricing === 'spot' ? ' (its replicas still include the spot interruption allowance)' : ''}.` });
      pricing = 'on-demand';
    }
    if (!pool) {
      const instance = cheapestFor(w, provider, pricing);
      if (!instance) {
        const estimate = estimateUnplacedCost(w, provider);
        const reason = `No ${provider} instance type in the catalog fits one ${describe(w)} replica${w.perReplica.gpus > 0 ? ` (the provider offers no node with ${w.perReplica.gpuModel})` : ''}; ${estimate.note}.`;
        warnings.push({ workload: w.name, code: 'NO_INSTANCE_TYPE_FITS', message: reason });
        unplaced.push({ workload: w.name, code: 'NO_INSTANCE_TYPE', reason, estimatedCostPerMonthUsd: estimate.usd });
        continue;
      }
      pool = { name: `auto-${instance.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}${pricing === 'on-demand' ? '' : `-${pricing}`}`, instance, pricing };
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
    const { packed, spread } = packMembers(members, room, zones);
    // Every member was assigned because one of its pods fits this pool's node.
    if (packed.unplaceable.length) throw new Error(`internal: pool ${pool.name} was chosen for ${packed.unplaceable.join(', ')}, whose pods it cannot hold`);
    for (const w of members) {
      const share = w.perReplica.gpuShare;
      if (!share) continue;
      trail.step(
        { id: 'gpuShareGpus', label: `GPUs ${w.name}'s ${share.mode === 'mig' ? `MIG ${share.profile} instances` : `time-slices (${share.instancesPerGpu} per GPU)`} fill`, unit: 'GPUs',
          formula: share.mode === 'mig'
            ? 'ceil(peak replicas / podsPerGpu), podsPerGpu = min(instancesPerGpu, pods a node\'s CPU, memory and pod room hold); packed a GPU at a time with its pods; GPUs of one node may carry different profiles'
            : 'ceil(peak replicas / podsPerGpu), podsPerGpu = min(replicasPerGpu, pods a node\'s CPU, memory and pod room hold); packed a GPU at a time onto nodes of this time-slicing config only',
          inputs: { replicas: w.replicas.peak, instancesPerGpu: share.instancesPerGpu, podsPerGpu: podsPerGpu(w, room), computeFraction: share.computeFraction, memoryBytesPerShare: share.memoryBytes, gpusPerNode: room.gpus },
          source: share.mode === 'mig'
            ? 'NVIDIA MIG user guide (instances per GPU); mig-parted configs partition each device list of a node on its own; the device plugin\'s mixed strategy advertises nvidia.com/mig-<profile>.'
            : `NVIDIA GPU Operator, time-slicing: one config per node (${nodeGroup(w)}); the device plugin advertises replicas × GPUs of nvidia.com/gpu.` },
        Math.ceil(w.replicas.peak / podsPerGpu(w, room)),
      );
    }
    const packingStep = { label: 'Nodes', unit: 'nodes', formula: 'max(first-fit decreasing packing of peak replicas onto allocatable − daemonsets, one node per zone for zone-redundant workloads)',
      inputs: { packedNodes: packed.nodes, zoneSpreadNodes: spread } };
    const nodesNeeded = Math.max(packed.nodes, spread);
    const hoursPerMonth = members.length ? Math.max(...members.map((w) => w.activeHoursPerMonth)) : 0;
    let placed = members;
    let nodes = nodesNeeded;
    if (pool.maxNodes === undefined) trail.step({ id: 'nodes', ...packingStep }, nodesNeeded);
    else {
      const limit = pool.maxNodes;
      trail.step({ id: 'nodesNeeded', ...packingStep, label: 'Nodes needed' }, nodesNeeded);
      if (nodesNeeded > limit) {
        const fitting = longestFittingPrefix(members, room, zones, limit);
        placed = members.slice(0, fitting.count);
        nodes = fitting.nodes;
        const overflowNodes = nodesNeeded - nodes;
        // Priced as the pool bills (its pricing model): the nodes past the limit are the same
        // nodes, bought the same way, had the limit been higher.
        const overflowUsd = overflowNodes * (hourlyRate(pool.instance, pool.pricing)?.usdPerHour ?? pool.instance.onDemandUsdPerHour) * hoursPerMonth;
        members.slice(fitting.count).forEach((w, i) => {
          const reason = `Pool ${pool.name} would need ${nodesNeeded} ${pool.instance.id} nodes; its maxNodes is ${limit}. Placing workloads in plan order, ${w.name} is past the limit`
            + (i === 0 ? `; the ${overflowNodes} nodes beyond it ($${Math.round(overflowUsd)}/month) are included in the plan's cost.` : `; its nodes are counted with ${members[fitting.count]!.name}.`);
          warnings.push({ workload: w.name, code: 'POOL_MAX_NODES_EXCEEDED', message: reason });
          unplaced.push({ workload: w.name, reason, code: 'POOL_MAX_NODES_EXCEEDED', estimatedCostPerMonthUsd: i === 0 ? overflowUsd : 0 });
        });
      }
      trail.step({ id: 'nodes', label: 'Nodes', unit: 'nodes', formula: 'nodes needed by the workloads placed in plan order while they stay within maxNodes',
        inputs: { nodesNeeded, maxNodes: limit }, source: 'plan: spec.cluster.nodePools[].maxNodes' }, nodes);
    }
    const requested = placed.reduce((sum, w) => ({
      cpuCores: sum.cpuCores + w.total.cpuCores, memoryBytes: sum.memoryBytes + w.total.memoryBytes, gpus: sum.gpus + w.total.gpus,
    }), { cpuCores: 0, memoryBytes: 0, gpus: 0 });
    const share = (used: number, per: number) => (nodes > 0 && per > 0 ? used / (per * nodes) : 0);
    const { costPerMonthUsd, usdPerHour, warning } = poolCost(trail, pool, nodes, hoursPerMonth);
    if (warning) warnings.push(warning);
    return {
      name: pool.name, instanceType: pool.instance.id, chosenByHeadroom: chosen.has(pool.name), pricing: pool.pricing, usdPerHour, nodes, nodesNeeded,
      ...(pool.maxNodes !== undefined ? { maxNodes: pool.maxNodes } : {}),
      gpusPerNode: pool.instance.gpus, ...(pool.instance.gpuModel ? { gpuModel: pool.instance.gpuModel } : {}),
      allocatable: { cpuCores: alloc.cpuCores, memoryBytes: alloc.memoryBytes, gpus: alloc.gpus, pods: alloc.pods },
      daemonsetOverhead: overhead,
      workloads: placed.map((w) => w.name),
      utilization: { cpu: share(requested.cpuCores, room.cpuCores), memory: share(requested.memoryBytes, room.memoryBytes), gpus: share(requested.gpus, room.gpus) },
      hoursPerMonth, costPerMonthUsd, explain: trail.steps,
    };
  });
  return { nodePools, assignment, unplaced, warnings };
}

type Member = ClusterInput['workloads'][number];

/** Packs a pool's members: FFD nodes and the one-node-per-zone floor of zone-redundant workloads. */
function packMembers(members: readonly Member[], room: Resources, zones: number) {
  // Time-sliced workloads take nodes of their own slicing config (nodeGroup): each group packs apart.
  const groups = new Map<string | undefined, Member[]>();
  for (const w of members) groups.set(nodeGroup(w), [...(groups.get(nodeGroup(w)) ?? []), w]);
  const packed = { nodes: 0, unplaceable: [] as string[] };
  for (const groupMembers of groups.values()) {
    const result = packReplicas(groupMembers.flatMap((w) => packItems(w, room)), room);
    packed.nodes += result.nodes;
    packed.unplaceable.push(...new Set(result.unplaceable));
  }
  const spread = members.some((w) => w.zoneSpread) ? Math.min(zones, members.reduce((n, w) => n + w.replicas.peak * podsPerReplica(w), 0)) : 0;
  return { packed, spread, nodes: Math.max(packed.nodes, spread) };
}

/**
 * The most workloads, in plan order (the plan's order is its priority), whose packing stays within
 * `limit` nodes: a binary search over prefixes, so a large plan costs log(n) packings, not n.
 */
function longestFittingPrefix(members: readonly Member[], room: Resources, zones: number, limit: number): { count: number; nodes: number } {
  let best = { count: 0, nodes: 0 };
  let low = 1;
  let high = members.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const nodes = packMembers(members.slice(0, middle), room, zones).nodes;
    if (nodes <= limit) {
      best = { count: middle, nodes };
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

/**
 * What the replicas of a workload left unplaced would cost: on the cheapest instance type whose
 * node holds one of its pods (the plan's provider first, then any provider's), whole nodes per
 * pod by the most demanding resource; only when no node of any provider holds a pod, on nodes
 * adding up to one. Leaving a workload unplaced must not make the plan look cheaper than placing
 * it would be.
 */
function estimateUnplacedCost(w: WorkloadSizing, provider: Provider): { usd: number | null; note: string } {
  const pods = w.replicas.peak * podsPerReplica(w);
  const r = request(w);
  const candidates = instanceTypes
    .filter((instance) => (w.perReplica.gpus > 0 ? instance.gpuModel === w.perReplica.gpuModel : instance.gpus === 0))
    .map((instance) => {
      const room = roomFor(w, schedulable(instance, instance.provider));
      const share = Math.max(r.cpuCores / room.cpuCores, r.memoryBytes / room.memoryBytes, r.gpus > 0 ? r.gpus / room.gpus : 0, 1 / Math.max(1, room.pods));
      const nodes = share <= 1 ? Math.ceil(pods / Math.floor(1 / share + 1e-9)) : Math.ceil(pods * share - 1e-9);
      return { instance, nodes, holdsPod: share <= 1, usd: nodes * instance.onDemandUsdPerHour * w.activeHoursPerMonth };
    });
  const rank = (c: (typeof candidates)[number]) => (c.holdsPod ? (c.instance.provider === provider ? 0 : 1) : 2);
  const best = candidates.sort((a, b) => rank(a) - rank(b) || a.usd - b.usd)[0];
  if (!best) return { usd: null, note: `no instance type of any provider in the catalog carries ${w.perReplica.gpuModel}, so its cost cannot be estimated: it is NOT in the plan's cost, which is a lower bound` };
  return { usd: best.usd, note: `its cost is estimated as ${best.nodes} × ${best.instance.id} (${best.instance.provider}, $${best.instance.onDemandUsdPerHour}/h) and included in the plan's cost` };
}

function describe(w: WorkloadSizing): string {
  const gpu = w.perReplica.gpus > 0 ? `, ${w.perReplica.gpus} × ${w.perReplica.gpuModel}` : '';
  return `${w.perReplica.cpuCores} cores, ${(w.perReplica.memoryBytes / 2 ** 30).toFixed(1)} GiB${gpu}`;
}
