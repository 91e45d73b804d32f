import { describe, expect, it } from 'vitest';
import { sizeWorkloads } from '../testing.ts';

const ranker = (name: string, extra = '') => `    - name: ${name}
      kind: model-serving
      traffic: { peakRequestsPerSecond: 400 }
      serviceTime: 25 ms
      workersPerReplica: 4
      model: { sizeBytes: 1 GiB }
${extra}`;

describe('cluster sizing', () => {
  it('packs replicas onto the plan\'s pool and prices the nodes for a month', () => {
    const sizing = sizeWorkloads(ranker('a'), '  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.2xlarge } ] }\n');
    const pool = sizing.cluster.nodePools[0]!;
    // 5 replicas of 4 cores on m5.2xlarge (8 vCPU, ~7.5 schedulable after reservations and daemonsets): one per node.
    expect(pool.nodes).toBe(5);
    expect(pool.costPerMonthUsd).toBeCloseTo(5 * 0.384 * 730, 6);
    expect(sizing.cluster.costPerMonthUsd).toBe(pool.costPerMonthUsd);
    expect(pool.allocatable.cpuCores).toBeLessThan(8);
    expect(pool.daemonsetOverhead.cpuCores).toBeGreaterThan(0);
    expect(sizing.workloads[0]!.nodePool).toBe('general');
  });

  it('adds the cheapest fitting pool when the plan names none, and says so', () => {
    const sizing = sizeWorkloads(ranker('a'), '  cluster: { provider: gke }\n');
    const pool = sizing.cluster.nodePools[0]!;
    expect(pool.chosenByHeadroom).toBe(true);
    expect(pool.nodes).toBeGreaterThan(0);
    expect(sizing.workloads[0]!.warnings.map((w) => w.code)).toContain('NODE_POOL_ADDED');
  });

  it('keeps CPU workloads off GPU pools and GPU workloads on their GPU model', () => {
    const sizing = sizeWorkloads(`${ranker('cpu')}    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 5, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: H100-SXM-80GB }
`, '  cluster: { provider: eks, nodePools: [ { name: gpu, instanceType: p5.48xlarge }, { name: general, instanceType: m5.2xlarge } ] }\n');
    expect(sizing.workloads.find((w) => w.name === 'cpu')!.nodePool).toBe('general');
    expect(sizing.workloads.find((w) => w.name === 'llm')!.nodePool).toBe('gpu');
  });

  it('spreads zone-redundant workloads over one node per zone at least', () => {
    const sizing = sizeWorkloads(`    - name: small
      kind: model-serving
      traffic: { peakRequestsPerSecond: 1 }
      serviceTime: 10 ms
      redundancy: zone
      model: { sizeBytes: 10 MiB }
`, '  defaults: { zones: 3 }\n  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.4xlarge } ] }\n');
    expect(sizing.cluster.nodePools[0]!.nodes).toBe(3);
  });

  it('prices job pools for the hours their jobs run', () => {
    const sizing = sizeWorkloads(`    - name: nightly
      kind: batch-inference
      items: 1e6
      window: 1 h
      runsPerMonth: 30
      perItem: { cpuTime: 10 ms }
`, '  cluster: { provider: eks, nodePools: [ { name: batch, instanceType: c5.4xlarge } ] }\n');
    const pool = sizing.cluster.nodePools[0]!;
    expect(pool.hoursPerMonth).toBeLessThan(30);
    expect(pool.hoursPerMonth).toBeCloseTo(sizing.workloads[0]!.activeHoursPerMonth, 9);
  });

  it('leaves a replica bigger than the named pool\'s nodes unplaced, priced on nodes that hold it', () => {
    const sizing = sizeWorkloads(ranker('wide', '      workersPerReplica: 64\n      nodePool: small\n').replace('      workersPerReplica: 4\n', ''),
      '  cluster: { provider: eks, nodePools: [ { name: small, instanceType: m5.xlarge } ] }\n');
    expect(sizing.workloads[0]!.warnings.map((w) => w.code)).toContain('REPLICA_DOES_NOT_FIT_POOL');
    expect(sizing.workloads[0]!.infeasible!.map((x) => x.code)).toEqual(['REPLICA_DOES_NOT_FIT_POOL']);
    expect(sizing.complete).toBe(false);
    expect(sizing.cluster.nodePools[0]!.nodes).toBe(0);
    const [unplaced] = sizing.cluster.unplaced;
    expect(unplaced!.code).toBe('REPLICA_DOES_NOT_FIT_POOL');
    expect(unplaced!.estimatedCostPerMonthUsd).toBeGreaterThan(0);
    expect(sizing.cluster.costPerMonthUsd).toBe(unplaced!.estimatedCostPerMonthUsd);
  });

  it('never packs a GPU workload onto a pool of another GPU model, and prices it on its own GPU in the plan\'s provider', () => {
    const sizing = sizeWorkloads(`    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 5, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 1 }
      nodePool: a100
`, '  cluster: { provider: eks, nodePools: [ { name: a100, instanceType: p4d.24xlarge } ] }\n');
    expect(sizing.complete).toBe(false);
    expect(sizing.cluster.nodePools[0]!.nodes).toBe(0);
    const [unplaced] = sizing.cluster.unplaced;
    expect(unplaced!.code).toBe('REPLICA_DOES_NOT_FIT_POOL');
    expect(unplaced!.reason).toMatch(/H100-SXM-80GB is not the pool's A100-SXM-40GB/);
    // One p5.48xlarge (8 × H100, $55.04/h on EKS) holds the 2 one-GPU replicas.
    expect(unplaced!.reason).toMatch(/1 × p5\.48xlarge \(eks/);
    expect(unplaced!.estimatedCostPerMonthUsd).toBeCloseTo(55.04 * 730, 6);
  });

  it('prices a pod no node of the named pool holds on whole nodes that hold it, not one small node per pod', () => {
    // 70B in fp8 at TP 8 on L4: 3 replicas of 8 GPUs; a g6.12xlarge has 4 L4s, a g6.48xlarge 8.
    const sizing = sizeWorkloads(`    - name: chat
      kind: llm-inference
      nodePool: gpu
      model: { preset: llama-3.1-70b, precision: fp8 }
      traffic: { peakRequestsPerSecond: 2, inputTokens: 1000, outputTokens: 250 }
      accelerator: { gpu: L4-24GB, tensorParallel: 8 }
`, '  cluster: { provider: eks, nodePools: [ { name: gpu, instanceType: g6.12xlarge } ] }\n');
    const chat = sizing.workloads[0]!;
    const [unplaced] = sizing.cluster.unplaced;
    expect(unplaced!.reason).toMatch(new RegExp(`${chat.replicas.peak} × g6\\.48xlarge \\(eks`));
    expect(unplaced!.estimatedCostPerMonthUsd).toBeGreaterThanOrEqual(chat.total.gpus / 8 * 13.3504 * 730 - 1e-6);
  });

  it('a GPU the provider offers on no node leaves the workload unplaced, with its cost estimated on the cheapest shape of any provider and kept in the plan\'s cost', () => {
    // AKS has no B200 shape in the catalog; GKE a4-highgpu-8g ($90.22/h for 8) is the cheapest that carries one.
    const sizing = sizeWorkloads(`${ranker('cpu')}    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 5, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: b200-180gb, tensorParallel: 1 }
`, '  cluster: { provider: aks }\n');
    const llm = sizing.workloads.find((w) => w.name === 'llm')!;
    expect(llm.perReplica.gpuModel).toBe('B200-180GB');
    expect(llm.feasible).toBe(false);
    expect(sizing.complete).toBe(false);
    const [unplaced] = sizing.cluster.unplaced;
    expect(unplaced!.workload).toBe('llm');
    // The estimate is whole a4-highgpu-8g nodes for the replicas at peak: at least one node for 730 hours.
    expect(unplaced!.reason).toMatch(/a4-highgpu-8g \(gke, \$90\.22\/h\)/);
    expect(unplaced!.estimatedCostPerMonthUsd).toBeGreaterThanOrEqual(90.22 * 730);
    const pools = sizing.cluster.nodePools.reduce((sum, p) => sum + p.costPerMonthUsd, 0);
    expect(sizing.cluster.costPerMonthUsd).toBeCloseTo(pools + unplaced!.estimatedCostPerMonthUsd!, 6);
    expect(sizing.cluster.costIsLowerBound).toBe(false);
    expect(sizing.workloads.find((w) => w.name === 'cpu')!.feasible).toBe(true);
  });

  it('matches catalog ids case-insensitively and reports the canonical id', () => {
    const sizing = sizeWorkloads(`    - name: llm
      kind: llm-inference
      model: { preset: LLAMA-3.1-8B }
      traffic: { peakRequestsPerSecond: 1, inputTokens: 500, outputTokens: 100 }
      accelerator: { gpu: h100-sxm-80gb }
`, '  cluster: { provider: eks, nodePools: [ { name: gpu, instanceType: P5.48XLARGE } ] }\n');
    expect(sizing.workloads[0]!.perReplica.gpuModel).toBe('H100-SXM-80GB');
    expect(sizing.cluster.nodePools[0]!.instanceType).toBe('p5.48xlarge');
  });
});


describe('node pool maxPods', () => {
  it('reports the pool\'s maxPods as allocatable.pods, reserves memory by it and packs no more pods than it allows', () => {
    const cluster = (maxPods: string) => `  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.4xlarge${maxPods} } ] }\n`;
    // 40 replicas of one core each: CPU-bound at 3 m5.4xlarge nodes (16 vCPUs) by default.
    const small = `    - name: tiny
      kind: model-serving
      traffic: { peakRequestsPerSecond: 2000 }
      serviceTime: 5 ms
      workersPerReplica: 1
      minReplicas: 40
      model: { sizeBytes: 64 MiB }
`;
    const byDefault = sizeWorkloads(small, cluster('')).cluster.nodePools[0]!;
    const limited = sizeWorkloads(small, cluster(', maxPods: 10')).cluster.nodePools[0]!;
    expect(byDefault.allocatable.pods).toBe(234);
    expect(limited.allocatable.pods).toBe(10);
    // EKS reserves 11 MiB per allowed pod: (234 − 10) × 11 MiB more allocatable memory with maxPods 10.
    expect(limited.allocatable.memoryBytes - byDefault.allocatable.memoryBytes).toBe((234 - 10) * 11 * 2 ** 20);
    // 10 pods per node, 3 of them daemonsets: 7 replicas per node, so pods, not CPU, set the count.
    expect(byDefault.nodes).toBe(3);
    expect(limited.nodes).toBe(Math.ceil(40 / 7));
    expect(limited.explain.find((s) => s.id === 'allocatablePods')).toMatchObject({ value: 10, formula: 'the node pool\'s maxPods' });
  });
});
