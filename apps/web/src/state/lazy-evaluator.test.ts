import { describe, expect, it } from 'vitest';
import { defaultPlanText } from './store.ts';
import type { Evaluation } from './evaluate-plan.ts';
import { lazyInThreadEvaluator, loadInThreadEvaluator } from './lazy-evaluator.ts';

describe('the in-thread evaluator, loaded when first asked for', () => {
  it('answers the first text once the model has loaded, and later texts before returning', async () => {
    const answers: Evaluation[] = [];
    lazyInThreadEvaluator.evaluate(defaultPlanText(), { evaluated: (e) => answers.push(e) });
    // Not loaded yet: nothing can answer in this turn.
    expect(answers).toHaveLength(0);
    await loadInThreadEvaluator();
    await Promise.resolve();
    expect(answers).toHaveLength(1);
    expect(answers[0]!.ok).toBe(true);

    lazyInThreadEvaluator.evaluate('spec: [', { evaluated: (e) => answers.push(e) });
    expect(answers).toHaveLength(2);
    expect(answers[1]!.ok).toBe(false);
  });

  it('loads the module once, however many ask', async () => {
    const [a, b] = await Promise.all([loadInThreadEvaluator(), loadInThreadEvaluator()]);
    expect(a).toBe(b);
  });
});
