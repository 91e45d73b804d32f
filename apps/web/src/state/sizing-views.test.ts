import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { clusterNodeCount, costByNodePool, gpuMemoryBreakdowns, resourcesByWorkload } from './sizing-views.ts';

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
});
