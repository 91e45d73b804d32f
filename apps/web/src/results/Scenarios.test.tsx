// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatUsd } from '../format.ts';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { Scenarios } from './Scenarios.tsx';

const busier = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,');

describe('scenarios A and B', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
  });
  afterEach(cleanup);

  it('keeps A, shows B\'s cost difference after an edit, restores A as an undoable edit and clears A', async () => {
    renderWithStore(<Scenarios />, store);
    fireEvent.click(screen.getByRole('button', { name: 'Keep as A' }));
    const a = store.getState().results!.sizing.cluster.costPerMonthUsd;
    act(() => store.getState().setText(busier));
    const b = store.getState().results!.sizing.cluster.costPerMonthUsd;
    const sentence = await screen.findByTestId('scenario-cost-difference');
    expect(sentence.textContent).toBe(`B costs ${formatUsd(b - a)} more per month than A (+${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(((b - a) / a) * 100)} %).`);
    const totals = screen.getByRole('table', { name: 'Scenario totals' });
    expect(within(totals).getByRole('row', { name: /^Cost per month/ }).textContent).toContain(formatUsd(a));
    const workloads = screen.getByRole('table', { name: 'Scenario workloads' });
    expect(within(workloads).getByRole('row', { name: /^chat-llm/ }).textContent).toContain('meets TTFT 1 s and ITL 50 ms');

    fireEvent.click(screen.getByRole('button', { name: 'Restore A' }));
    expect(store.getState().text).toBe(defaultPlanText());
    expect(screen.getByTestId('scenario-cost-difference').textContent).toBe('B costs the same as A per month.');
    act(() => store.getState().undo());
    expect(store.getState().text).toBe(busier);

    fireEvent.click(screen.getByRole('button', { name: 'Swap A and B' }));
    expect(store.getState().scenarioA!.text).toBe(busier);
    expect(store.getState().text).toBe(defaultPlanText());
    expect(screen.getByTestId('scenario-cost-difference').textContent).toMatch(/^B costs \$[\d,]+ less per month than A \(-/);

    fireEvent.click(screen.getByRole('button', { name: 'Clear A' }));
    expect(store.getState().scenarioA).toBeUndefined();
    expect(screen.getByRole('button', { name: 'Keep as A' })).toBeTruthy();
  });

  it('marks an infeasible B as infeasible beside A\'s verdict', async () => {
    renderWithStore(<Scenarios />, store);
    fireEvent.click(screen.getByRole('button', { name: 'Keep as A' }));
    act(() => store.getState().setText(defaultPlanText().replace('interTokenLatency: 50 ms', 'interTokenLatency: 0.5 ms')));
    const workloads = await screen.findByRole('table', { name: 'Scenario workloads' });
    const row = within(workloads).getByRole('row', { name: /^chat-llm/ });
    expect(row.querySelector('.verdict-infeasible')!.textContent).toBe('infeasible');
    expect(screen.getByText(/B has an infeasible or unplaced workload/)).toBeTruthy();
  });
});
