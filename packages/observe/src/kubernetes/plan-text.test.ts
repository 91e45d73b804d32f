import { fingerprint, parsePlan, planPresets, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { planText } from './plan-text.ts';
import { planOf } from './testing.ts';

describe('planText', () => {
  it.each(planPresets.map((p) => [p.name, p.yaml] as const))('writes %s back as a plan that parses to the same plan', (_, yaml) => {
    const { plan, sizing } = planOf(yaml);
    const text = planText(plan);
    const again = parsePlan(text, 'plan.yaml');
    if (!again.ok) throw again.error;
    expect(fingerprint(again.plan)).toBe(fingerprint(plan));
    expect(sizePlan(again.plan).plan.hash).toBe(sizing.plan.hash);
  });
  it('names GPUs by catalog id', () => {
    const { plan } = planOf(planPresets.find((p) => p.name === 'chat-assistant')!.yaml);
    expect(planText(plan)).toContain('gpu: H100-SXM-80GB');
    expect(planText(plan)).not.toContain('kubernetesResource');
  });
});
