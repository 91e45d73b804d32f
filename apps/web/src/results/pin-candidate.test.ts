import { describe, expect, it } from 'vitest';
import { pinCandidate } from './pin-candidate.ts';
import { presetYaml, sized } from './test-plans.ts';

describe('pinning a candidate', () => {
  const yaml = presetYaml('chat-assistant');

  it('writes gpu, tensorParallel and pipelineParallel of the named workload, and the plan sizes on that configuration', () => {
    const { sizing } = sized(yaml);
    const llm = sizing.workloads.find((w) => w.name === 'chat-llm')!;
    const other = llm.candidates!.find((c) => c.feasible && c.tensorParallel !== llm.details.tensorParallel)!;
    expect(other).toBeDefined();
    const pinned = pinCandidate(yaml, 'chat-llm', other);
    expect(pinned).toContain(`accelerator: { gpu: ${other.gpu}, tensorParallel: ${other.tensorParallel}, pipelineParallel: ${other.pipelineParallel} }`);
    // Only that line changed: comments and every other line stay as written.
    const before = yaml.split('\n');
    const after = pinned.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toHaveLength(1);
    const repinned = sized(pinned).sizing.workloads.find((w) => w.name === 'chat-llm')!;
    expect([repinned.perReplica.gpuModel, repinned.details.tensorParallel, repinned.details.pipelineParallel]).toEqual([other.gpu, other.tensorParallel, other.pipelineParallel]);
    expect(repinned.total.gpus).toBe(other.gpus);
  });

  it('names the workload it cannot find', () => {
    expect(() => pinCandidate(yaml, 'nope', { gpu: 'L4-24GB', tensorParallel: 1, pipelineParallel: 1 })).toThrow(/no workload named nope/);
  });
});
