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

  it('warns when a replica is bigger than the named pool\'s nodes', () => {
    const sizing = sizeWorkloads(ranker('wide', '      workersPerReplica: 64\n      nodePool: small\n').replace('      workersPerReplica: 4\n', ''),
      '  cluster: { provider: eks, nodePools: [ { name: small, instanceType: m5.xlarge } ] }\n');
    expect(sizing.workloads[0]!.warnings.map((w) => w.code)).toContain('REPLICA_DOES_NOT_FIT_POOL');
  });
});
