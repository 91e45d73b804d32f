import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { clusterNodeCount, costByNodePool, explainSubjects, gpuMemoryBreakdowns, resourcesByWorkload } from './sizing-views.ts';

function sizingOf(name: string) {
  const parsed = parsePlan(planPresets.find((p) => p.name === name)!.yaml);
  if (!parsed.ok) throw parsed.error;
  return sizePlan(parsed.plan);
}

describe('sizing views', () => {
  const sizing = sizingOf('chat-assistant');

  it('breaks an LLM replica GPU memory into parts that add up to the GPU memory', () => {
    const [llm, ...others] = gpuMemoryBreakdowns(sizing);
    expect(others).toEqual([]);
    expect(llm!.workload).toBe('chat-llm');
    expect(llm!.weightsBytes).toBe(sizing.workloads[0]!.details.weightsBytes);
    expect(llm!.weightsBytes + llm!.kvCacheBytes + llm!.runtimeOverheadBytes + llm!.freeBytes).toBeCloseTo(llm!.totalBytes, 0);
  });

  it('lists cost per node pool and counts nodes', () => {
    const pools = costByNodePool(sizing);
    expect(pools.reduce((sum, p) => sum + p.costPerMonthUsd, 0)).toBeCloseTo(sizing.cluster.costPerMonthUsd, 2);
    expect(clusterNodeCount(sizing)).toBe(pools.reduce((sum, p) => sum + p.nodes, 0));
    expect(clusterNodeCount(sizing)).toBeGreaterThan(0);
  });
});

describe('resources by workload', () => {
  it('lists each workload total CPU, memory in GiB and GPUs', () => {
    const sizing = sizingOf('chat-assistant');
    const rows = resourcesByWorkload(sizing);
    expect(rows.map((r) => r.workload)).toEqual(sizing.workloads.map((w) => w.name));
    expect(rows.reduce((s, r) => s + r.gpus, 0)).toBe(sizing.workloads.reduce((s, w) => s + w.total.gpus, 0));
    expect(rows[0]!.memoryGiB * 1024 ** 3).toBeCloseTo(sizing.workloads[0]!.total.memoryBytes, 0);
  });

  it('explains every figure: totals, each workload and node pool, monitoring and compliance', () => {
    const sizing = sizingOf('chat-assistant');
    const subjects = explainSubjects(sizing);
    expect(subjects.map((s) => s.id)).toEqual([
      'totals',
      ...sizing.workloads.map((w) => `workload:${w.name}`),
      ...sizing.cluster.nodePools.map((p) => `pool:${p.name}`),
      'monitoring',
      'compliance',
    ]);
    for (const subject of subjects) expect(subject.steps.length, subject.id).toBeGreaterThan(0);
  });

  it('spells each total out as the sum of its inputs, which are the figures shown elsewhere', () => {
    const sizing = sizingOf('chat-assistant');
    const totals = explainSubjects(sizing).find((s) => s.id === 'totals')!.steps;
    const shown = { 'total-gpus': sizing.cluster.totals.gpus, 'total-cpu': sizing.cluster.totals.cpuCores, 'total-memory': sizing.cluster.totals.memoryBytes,
      'total-storage': sizing.cluster.totals.storageBytes, 'total-nodes': clusterNodeCount(sizing), 'total-cost': sizing.cluster.costPerMonthUsd };
    expect(totals.map((step) => step.id)).toEqual(Object.keys(shown));
    for (const step of totals) {
      expect(step.value, step.id).toBe(shown[step.id as keyof typeof shown]);
      const sum = Object.values(step.inputs).reduce((a, b) => a + b, 0);
      expect(sum, step.id).toBeCloseTo(step.value, 6);
    }
  });
});
