// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Calculator } from '../Calculator.tsx';
import { createPlanStore, defaultPlanText } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';

const summary = () => screen.getByRole('region', { name: 'Summary' });
const gpusInSummary = () => Number(/GPUs\s*([\d,]+)/.exec(summary().textContent ?? '')![1]!.replace(/,/g, ''));

describe('the Summary', () => {
  afterEach(cleanup);

  it('writes "GPUs" and the plan\'s total, nodes, cost and a verdict per workload', () => {
    const store = createPlanStore();
    renderWithStore(<Calculator />, store);
    const sizing = store.getState().results!.sizing;
    expect(gpusInSummary()).toBe(sizing.cluster.totals.gpus);
    expect(within(summary()).getByTestId('summary-nodes').textContent).toBe(String(sizing.cluster.nodePools.reduce((n, p) => n + p.nodes, 0)));
    for (const w of sizing.workloads) expect(within(summary()).getByTestId(`verdict-${w.name}`).textContent).toMatch(/meets|fits/);
    expect(within(summary()).getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('marks an infeasible SLO with the word and the reason, and says the plan is not complete', () => {
    const store = createPlanStore();
    renderWithStore(<Calculator />, store);
    act(() => store.getState().setText(defaultPlanText().replace('interTokenLatency: 50 ms', 'interTokenLatency: 0.5 ms')));
    const verdict = within(summary()).getByTestId('verdict-chat-llm');
    expect(verdict.textContent).toMatch(/infeasible/);
    const reason = store.getState().results!.sizing.workloads[0]!.infeasible![0]!.message;
    expect(verdict.textContent).toContain(reason);
    expect(summary().textContent).toMatch(/not complete/);
  });

  it('writes the cost as "at least" when a workload\'s GPU has no known price, instead of counting it as free', () => {
    const store = createPlanStore();
    renderWithStore(<Calculator />, store);
    act(() => store.getState().setText(defaultPlanText().replace(/gpu: [A-Za-z0-9-]+/, 'gpu: H20-96GB')));
    const sizing = store.getState().results!.sizing;
    expect(sizing.cluster.costIsLowerBound).toBe(true);
    expect(within(summary()).getByTestId('summary-cost').textContent).toMatch(/^at least \$/);
    expect(within(summary()).getByTestId('verdict-chat-llm').textContent).toMatch(/not placed|infeasible/);
  });

  it('pins a candidate through the store, and undo restores the plan', async () => {
    const store = createPlanStore();
    renderWithStore(<Calculator />, store);
    const original = store.getState().text;
    // The cards load lazily, after the first paint.
    const [pin] = await screen.findAllByRole('button', { name: /^Pin .* into chat-llm$/ }, { timeout: 10_000 });
    const [, tp] = /TP (\d+)/.exec(pin!.getAttribute('aria-label')!)!;
    fireEvent.click(pin!);
    expect(store.getState().text).toContain(`tensorParallel: ${tp}`);
    expect(store.getState().results!.sizing.workloads[0]!.details.tensorParallel).toBe(Number(tp));
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(original);
  });
});
