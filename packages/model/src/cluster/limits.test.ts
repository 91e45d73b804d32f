import { describe, expect, it } from 'vitest';
import { parsePlan } from '../schema/parse.ts';
import { sizeWorkloads } from '../testing.ts';

const ranker = (name: string) => `    - name: ${name}
      kind: model-serving
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      workersPerReplica: 4
      model: { sizeBytes: 1 GiB }
`;
const pool = (extra = '') => `  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.2xlarge${extra} } ] }\n`;
const llm = `    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 40, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 1 }
`;

describe('node pool maxNodes', () => {
  it('leaves the workloads past the limit unplaced, naming the pool and its limit, at no discount', () => {
    const unlimited = sizeWorkloads(ranker('a') + ranker('b'), pool());
    // Each ranker: 5 replicas of 4 cores, one per m5.2xlarge node (size-cluster.test.ts): 10 nodes.
    expect(unlimited.cluster.nodePools[0]!.nodes).toBe(10);
    const limited = sizeWorkloads(ranker('a') + ranker('b'), pool(', maxNodes: 6'));
    const p = limited.cluster.nodePools[0]!;
    expect(p).toMatchObject({ nodes: 5, nodesNeeded: 10, maxNodes: 6, workloads: ['a'] });
    expect(limited.complete).toBe(false);
    expect(limited.cluster.unplaced).toHaveLength(1);
    expect(limited.cluster.unplaced[0]).toMatchObject({ workload: 'b', code: 'POOL_MAX_NODES_EXCEEDED' });
    expect(limited.cluster.unplaced[0]!.reason).toMatch(/Pool general would need 10 m5\.2xlarge nodes; its maxNodes is 6/);
    const b = limited.workloads.find((w) => w.name === 'b')!;
    expect(b.feasible).toBe(false);
    expect(b.infeasible?.[0]?.code).toBe('POOL_MAX_NODES_EXCEEDED');
    expect(limited.cluster.costPerMonthUsd).toBeCloseTo(unlimited.cluster.costPerMonthUsd, 6);
  });

  it('changes nothing while the pool stays within its limit', () => {
    const sizing = sizeWorkloads(ranker('a'), pool(', maxNodes: 5'));
    expect(sizing.complete).toBe(true);
    expect(sizing.cluster.nodePools[0]).toMatchObject({ nodes: 5, nodesNeeded: 5, maxNodes: 5 });
    expect(sizing.cluster.unplaced).toEqual([]);
  });

  it('is a finding when zone spread alone passes the limit', () => {
    const sizing = sizeWorkloads(`    - name: small
      kind: model-serving
      traffic: { peakRequestsPerSecond: 1 }
      serviceTime: 10 ms
      redundancy: zone
      model: { sizeBytes: 10 MiB }
`, `  defaults: { zones: 3 }\n${pool(', maxNodes: 2')}`);
    expect(sizing.complete).toBe(false);
    expect(sizing.cluster.nodePools[0]).toMatchObject({ nodes: 0, nodesNeeded: 3 });
    expect(sizing.cluster.unplaced[0]!.reason).toMatch(/maxNodes is 2/);
  });

  it('rejects a maxNodes that is not a positive whole number, naming the field', () => {
    for (const bad of ['0', '2.5', '-1']) {
      const parsed = parsePlan(`apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: t }\nspec:\n${pool(`, maxNodes: ${bad}`)}  workloads:\n${ranker('a')}`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.issues[0]!.path).toBe('spec.cluster.nodePools[0].maxNodes');
    }
  });
});

describe('GPU quotas', () => {
  const gpuPool = (quotas: string) => `  cluster: { provider: eks, nodePools: [ { name: gpu, instanceType: p5.48xlarge } ], quotas: ${quotas} }\n`;

  it('counts the GPUs of the nodes needed against a per-model quota and a total', () => {
    const sizing = sizeWorkloads(llm, gpuPool('{ gpus: { h100-sxm-80gb: 4 }, totalGpus: 1000 }'));
    const nodes = sizing.cluster.nodePools[0]!.nodesNeeded;
    expect(nodes).toBeGreaterThan(0);
    expect(sizing.cluster.quotas).toEqual([
      { gpuModel: 'H100-SXM-80GB', limitGpus: 4, neededGpus: nodes * 8, exceeded: true },
      { gpuModel: 'total', limitGpus: 1000, neededGpus: nodes * 8, exceeded: false },
    ]);
    expect(sizing.complete).toBe(false);
    expect(sizing.warnings.find((w) => w.code === 'GPU_QUOTA_EXCEEDED')?.message).toMatch(/needs \d+ H100-SXM-80GB GPUs; the quota \(spec.cluster.quotas\) allows 4/);
  });

  it('keeps a plan within its quota complete', () => {
    const sizing = sizeWorkloads(llm, gpuPool('{ gpus: { H100-SXM-80GB: 1000 } }'));
    expect(sizing.complete).toBe(true);
    expect(sizing.cluster.quotas[0]!.exceeded).toBe(false);
  });

  it('rejects an unknown GPU id and a negative quota, naming the field', () => {
    const text = (quotas: string) => `apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: t }\nspec:\n${gpuPool(quotas)}  workloads:\n${llm}`;
    const unknown = parsePlan(text('{ gpus: { H900: 8 } }'));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.issues[0]).toMatchObject({ path: 'spec.cluster.quotas.gpus.H900', message: expect.stringMatching(/GPU/) });
    const negative = parsePlan(text('{ totalGpus: -4 }'));
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.error.issues[0]!.path).toBe('spec.cluster.quotas.totalGpus');
  });
});
