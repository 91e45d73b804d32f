/**
 * First-fit decreasing bin packing of replicas onto the nodes of one pool. Replicas of one
 * workload are identical, so nodes are kept in groups of identical free capacity and a workload is
 * placed group by group: the result equals per-replica first-fit decreasing, at a cost that grows
 * with workloads and groups rather than replicas and nodes.
 */

export interface Resources { cpuCores: number; memoryBytes: number; gpus: number; pods: number }

export interface PackItem { workload: string; replicas: number; request: Resources }

export interface PackResult { nodes: number; unplaceable: string[] }

interface NodeGroup { count: number; free: Resources }

const DIMENSIONS = ['cpuCores', 'memoryBytes', 'gpus', 'pods'] as const;

/** How many `request`s fit in `free` (Infinity only if the request is all zeros). */
function fitCount(free: Resources, request: Resources): number {
  let fits = Number.POSITIVE_INFINITY;
  for (const d of DIMENSIONS) {
    if (request[d] > 0) fits = Math.min(fits, Math.floor(free[d] / request[d] + 1e-9));
  }
  return fits;
}

function minus(free: Resources, request: Resources, times: number): Resources {
  return {
    cpuCores: free.cpuCores - request.cpuCores * times,
    memoryBytes: free.memoryBytes - request.memoryBytes * times,
    gpus: free.gpus - request.gpus * times,
    pods: free.pods - request.pods * times,
  };
}

/** Largest share of a node's capacity the item takes in any dimension: the FFD sort key. */
function dominantShare(request: Resources, capacity: Resources): number {
  return Math.max(...DIMENSIONS.map((d) => (capacity[d] > 0 ? request[d] / capacity[d] : request[d] > 0 ? Number.POSITIVE_INFINITY : 0)));
}

/** Orders by dominant share, largest first; equal shares by request, so identical requests sit together. */
function ffdOrder(capacity: Resources) {
  return (a: PackItem & { share: number }, b: PackItem & { share: number }) =>
    b.share - a.share
    || DIMENSIONS.reduce((order, d) => order || b.request[d] - a.request[d], 0)
    || a.workload.localeCompare(b.workload);
}

export function packReplicas(items: readonly PackItem[], nodeCapacity: Resources): PackResult {
  const groups: NodeGroup[] = [];
  const unplaceable: string[] = [];
  let nodes = 0;
  const placed = items.filter((i) => i.replicas > 0);
  // Every item needs at least this much of each resource: a group with less free than this in any
  // resource can take nothing more and is dropped from the search.
  const smallest = Object.fromEntries(DIMENSIONS.map((d) => [d, Math.min(...placed.map((i) => i.request[d]))])) as unknown as Resources;
  const full = (free: Resources) =>
    free.cpuCores + 1e-9 < smallest.cpuCores || free.memoryBytes + 1e-9 < smallest.memoryBytes || free.gpus < smallest.gpus || free.pods < smallest.pods;
  const ordered = placed.map((i) => ({ ...i, share: dominantShare(i.request, nodeCapacity) })).sort(ffdOrder(nodeCapacity));
  // Consecutive items with identical requests pack exactly as one item with their replicas summed
  // (first fit resumes where the previous one stopped), so they are merged.
  const sorted: PackItem[] = [];
  for (const item of ordered) {
    const last = sorted.at(-1);
    if (last && DIMENSIONS.every((d) => last.request[d] === item.request[d])) {
      sorted[sorted.length - 1] = { ...last, replicas: last.replicas + item.replicas, workload: `${last.workload},${item.workload}` };
    } else sorted.push(item);
  }
  for (const item of sorted) {
    let remaining = item.replicas;
    if (remaining <= 0) continue;
    const perEmptyNode = fitCount(nodeCapacity, item.request);
    if (perEmptyNode < 1) {
      unplaceable.push(...item.workload.split(','));
      nodes += remaining;
      continue;
    }
    for (let g = 0; g < groups.length && remaining > 0; g++) {
      const group = groups[g]!;
      if (full(group.free)) {
        groups.splice(g--, 1);
        continue;
      }
      const perNode = Math.min(fitCount(group.free, item.request), remaining);
      if (perNode < 1) continue;
      const nodesFilled = Math.min(group.count, Math.floor(remaining / perNode));
      if (nodesFilled === 0) {
        // Fewer replicas left than one node of this group takes: the first node takes them all.
        groups.splice(g + 1, 0, { count: group.count - 1, free: group.free });
        group.count = 1;
        group.free = minus(group.free, item.request, remaining);
        if (groups[g + 1]!.count === 0) groups.splice(g + 1, 1);
        remaining = 0;
        break;
      }
      if (nodesFilled < group.count) groups.splice(g + 1, 0, { count: group.count - nodesFilled, free: group.free });
      group.count = nodesFilled;
      group.free = minus(group.free, item.request, perNode);
      remaining -= nodesFilled * perNode;
    }
    if (remaining > 0) {
      const perNode = Math.min(perEmptyNode, remaining);
      const fullNodes = Math.floor(remaining / perNode);
      groups.push({ count: fullNodes, free: minus(nodeCapacity, item.request, perNode) });
      nodes += fullNodes;
      const rest = remaining - fullNodes * perNode;
      if (rest > 0) {
        groups.push({ count: 1, free: minus(nodeCapacity, item.request, rest) });
        nodes += 1;
      }
    }
  }
  return { nodes, unplaceable };
}
