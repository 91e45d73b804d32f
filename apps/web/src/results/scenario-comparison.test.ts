import { describe, expect, it } from 'vitest';
import { compareScenarios, difference } from './scenario-comparison.ts';
import { presetYaml, sized } from './test-plans.ts';
import { runCost } from './verdicts.ts';

const example = presetYaml('chat-assistant');

describe('compareScenarios', () => {
  it('a plan against itself differs by nothing, workload by workload', () => {
    const { sizing } = sized(example);
    const comparison = compareScenarios(sizing, sizing);
    expect(comparison.costPerMonthUsd).toEqual({ absolute: 0, relative: 0 });
    expect(comparison.gpus.absolute).toBe(0);
    expect(comparison.nodes.absolute).toBe(0);
    expect(comparison.workloads.map((w) => w.name)).toEqual(sizing.workloads.map((w) => w.name));
    for (const w of comparison.workloads) expect(w.a).toEqual(w.b);
  });

  it('ten times the LLM traffic: B − A and its share of A are the model\'s own totals subtracted', () => {
    const { sizing: a } = sized(example);
    const { sizing: b } = sized(example.replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,'));
    const comparison = compareScenarios(a, b);
    expect(comparison.a.costPerMonthUsd).toBe(a.cluster.costPerMonthUsd);
    expect(comparison.b.costPerMonthUsd).toBe(b.cluster.costPerMonthUsd);
    expect(comparison.costPerMonthUsd.absolute).toBeCloseTo(b.cluster.costPerMonthUsd - a.cluster.costPerMonthUsd, 6);
    expect(comparison.costPerMonthUsd.relative).toBeCloseTo((b.cluster.costPerMonthUsd - a.cluster.costPerMonthUsd) / a.cluster.costPerMonthUsd, 12);
    // More traffic never needs fewer GPUs or costs less (monotone in load).
    expect(comparison.gpus.absolute).toBeGreaterThan(0);
    expect(comparison.costPerMonthUsd.absolute).toBeGreaterThan(0);
    const llm = comparison.workloads.find((w) => w.name === 'chat-llm')!;
    expect(llm.a!.gpus).toBe(a.workloads.find((w) => w.name === 'chat-llm')!.total.gpus);
    expect(llm.b!.gpus).toBeGreaterThan(llm.a!.gpus);
    expect(llm.b!.verdict.state).toBe('meets');
  });

  it('swapping A and B negates every difference', () => {
    const { sizing: a } = sized(example);
    const { sizing: b } = sized(example.replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,'));
    const ab = compareScenarios(a, b);
    const ba = compareScenarios(b, a);
    expect(ba.costPerMonthUsd.absolute).toBeCloseTo(-ab.costPerMonthUsd.absolute, 6);
    expect(ba.gpus.absolute).toBe(-ab.gpus.absolute);
    expect(ba.a).toEqual(ab.b);
  });

  it('an infeasible B is compared as infeasible, not as a saving', () => {
    const { sizing: a } = sized(example);
    const { sizing: b } = sized(example.replace('interTokenLatency: 50 ms', 'interTokenLatency: 0.5 ms'));
    const comparison = compareScenarios(a, b);
    const llm = comparison.workloads.find((w) => w.name === 'chat-llm')!;
    expect(llm.a!.verdict.state).toBe('meets');
    expect(llm.b!.verdict.state).toBe('infeasible');
    expect(comparison.b.complete).toBe(false);
    expect(comparison.a.complete).toBe(true);
  });

  it('workloads present on one side only are listed with the other side empty, A\'s order first', () => {
    const { sizing: a } = sized(example);
    const renamed = example.replace('- name: ranker', '- name: reranker');
    const { sizing: b } = sized(renamed);
    const names = compareScenarios(a, b).workloads.map((w) => [w.name, w.a !== undefined, w.b !== undefined]);
    expect(names).toContainEqual(['ranker', true, false]);
    expect(names).toContainEqual(['reranker', false, true]);
    expect(names.at(-1)).toEqual(['reranker', false, true]);
  });

  it('a job\'s run cost is verdicts.ts\'s figure, and services have none', () => {
    const { sizing } = sized(example);
    const comparison = compareScenarios(sizing, sizing);
    for (const w of sizing.workloads) {
      const cost = runCost(sizing, w);
      expect(comparison.workloads.find((c) => c.name === w.name)!.a!.runCostUsd).toBe(cost?.ok ? cost.usd : undefined);
    }
    expect(comparison.workloads.find((c) => c.name === 'chat-llm')!.a!.runCostUsd).toBeUndefined();
  });
});

describe('difference', () => {
  it('has no share of a zero A', () => {
    expect(difference(0, 5)).toEqual({ absolute: 5, relative: undefined });
    expect(difference(200, 150)).toEqual({ absolute: -50, relative: -0.25 });
  });
});
