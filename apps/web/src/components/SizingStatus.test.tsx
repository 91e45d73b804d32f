// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../state/evaluate-plan.ts';
import type { PlanEvaluator } from '../state/plan-evaluator.ts';
import { createPlanStore, defaultPlanText } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { SizingStatus } from './SizingStatus.tsx';

/** Answers after `ms`, reading then sizing, as the plan worker does for a large plan. */
const slowEvaluator = (ms: number): PlanEvaluator => ({
  evaluate: (text, listener) => {
    listener.progress?.('parsing');
    setTimeout(() => listener.progress?.('sizing'), ms / 2);
    setTimeout(() => listener.evaluated(evaluatePlan(text)), ms);
  },
});

const wait = (ms: number) => act(() => new Promise<void>((done) => setTimeout(done, ms)));

describe('the sizing status', () => {
  afterEach(cleanup);

  it('says what the worker is doing when sizing takes longer than a glance, and nothing once the results are in', async () => {
    const store = createPlanStore(defaultPlanText(), { evaluator: slowEvaluator(800) });
    renderWithStore(<SizingStatus />, store);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    await wait(300);
    expect(status.textContent).toBe('Reading the plan…');
    await wait(300);
    expect(status.textContent).toBe('Sizing the plan…');
    await wait(400);
    expect(store.getState().results).toBeDefined();
    expect(status.textContent).toBe('');
  });

  it('stays silent for an answer within 200 ms', async () => {
    const store = createPlanStore(defaultPlanText(), { evaluator: slowEvaluator(100) });
    renderWithStore(<SizingStatus />, store);
    await wait(150);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
