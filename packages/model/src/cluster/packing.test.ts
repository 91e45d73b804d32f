import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packReplicas, type PackItem, type Resources } from './packing.ts';

const node: Resources = { cpuCores: 8, memoryBytes: 32, gpus: 0, pods: 110 };
const req = (cpuCores: number, memoryBytes: number, gpus = 0): Resources => ({ cpuCores, memoryBytes, gpus, pods: 1 });

/** Reference: plain per-replica first-fit decreasing over individual nodes. */
function naiveFfd(items: PackItem[], capacity: Resources): number {
  const share = (r: Resources) => Math.max(r.cpuCores / capacity.cpuCores, r.memoryBytes / capacity.memoryBytes, capacity.gpus ? r.gpus / capacity.gpus : 0, r.pods / capacity.pods);
  const byRequest = (a: Resources, b: Resources) => b.cpuCores - a.cpuCores || b.memoryBytes - a.memoryBytes || b.gpus - a.gpus || b.pods - a.pods;
  const sorted = [...items].sort((a, b) => share(b.request) - share(a.request) || byRequest(a.request, b.request) || a.workload.localeCompare(b.workload));
  const nodes: Resources[] = [];
  const fits = (f: Resources, r: Resources) => f.cpuCores + 1e-9 >= r.cpuCores && f.memoryBytes + 1e-9 >= r.memoryBytes && f.gpus >= r.gpus && f.pods >= r.pods;
  for (const item of sorted) {
    for (let i = 0; i < item.replicas; i++) {
      let target = nodes.find((f) => fits(f, item.request));
      if (!target) { target = { ...capacity }; nodes.push(target); }
      target.cpuCores -= item.request.cpuCores; target.memoryBytes -= item.request.memoryBytes;
      target.gpus -= item.request.gpus; target.pods -= item.request.pods;
    }
  }
  return nodes.length;
}

describe('packReplicas', () => {
  it('packs by the binding dimension', () => {
    // 10 replicas of 3 cores: two per 8-core node → 5 nodes.
    expect(packReplicas([{ workload: 'a', replicas: 10, request: req(3, 1) }], node).nodes).toBe(5);
    // Memory binds: 12 GiB of 32 → two per node.
    expect(packReplicas([{ workload: 'b', replicas: 3, request: req(1, 12) }], node).nodes).toBe(2);
  });

  it('fills gaps left by larger replicas with smaller ones', () => {
    const items = [{ workload: 'big', replicas: 2, request: req(6, 4) }, { workload: 'small', replicas: 4, request: req(1, 1) }];
    expect(packReplicas(items, node).nodes).toBe(2);
  });

  it('reports replicas larger than a node', () => {
    const result = packReplicas([{ workload: 'huge', replicas: 2, request: req(16, 1) }], node);
    expect(result.unplaceable).toEqual(['huge']);
  });

  it('gives the same node count as per-replica first-fit decreasing', () => {
    const item = fc.record({
      workload: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      replicas: fc.integer({ min: 0, max: 30 }),
      // Few distinct shapes, so identical requests (merged by packReplicas) are common.
      request: fc.record({ cpuCores: fc.integer({ min: 1, max: 4 }).map((c) => c * 2), memoryBytes: fc.constantFrom(4, 8, 16), gpus: fc.constant(0), pods: fc.constant(1) }),
    });
    fc.assert(fc.property(fc.uniqueArray(item, { selector: (i) => i.workload, maxLength: 7 }), (items) => {
      expect(packReplicas(items, node).nodes).toBe(naiveFfd(items, node));
    }));
  });
});
