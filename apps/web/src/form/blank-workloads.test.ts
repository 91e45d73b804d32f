import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { blankWorkloads } from './blank-workloads.ts';
import { addWorkload } from './plan-document.ts';

describe('blank workloads', () => {
  it('offers one of each kind the schema has', () => {
    expect(blankWorkloads.map((b) => b.kind).sort()).toEqual(['batch-inference', 'data-pipeline', 'llm-inference', 'model-serving', 'training']);
  });

  for (const preset of planPresets) {
    it(`each is valid, feasible and placed when added to ${preset.name}`, () => {
      for (const blank of blankWorkloads) {
        const text = addWorkload(preset.yaml, blank.yaml);
        const parsed = parsePlan(text);
        if (!parsed.ok) throw new Error(`${blank.kind} in ${preset.name}: ${parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        const sizing = sizePlan(parsed.plan);
        const added = sizing.workloads.at(-1)!;
        expect(added.kind, preset.name).toBe(blank.kind);
        expect(added.feasible, `${blank.kind} in ${preset.name}: ${JSON.stringify(added.infeasible)}`).toBe(true);
        expect(sizing.cluster.unplaced.filter((u) => u.workload === added.name), `${blank.kind} in ${preset.name}`).toEqual([]);
        expect(added.replicas.peak).toBeGreaterThan(0);
      }
    });
  }
});
