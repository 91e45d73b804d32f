// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Summary } from '../results/Summary.tsx';
import { createPlanStore } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { ExplainLinksProvider } from './explain-link.tsx';
import { Results } from './Results.tsx';

/** The answer column as the calculator draws it (Calculator.tsx), without the form. */
const renderAnswer = () =>
  renderWithStore(
    <ExplainLinksProvider>
      <Summary shareBase={undefined} />
      <Results />
    </ExplainLinksProvider>,
    createPlanStore(),
  );

const summary = () => screen.getByRole('region', { name: 'Summary' });
const workloadTable = () => within(screen.getByRole('region', { name: 'Workload table' })).getByRole('table');
const explanation = () => screen.getByRole('list', { name: /^Explanation of / });
/** The step a link opened: marked current, and holding the keyboard focus. */
const openedStep = () => {
  const current = explanation().querySelector<HTMLElement>('[aria-current="true"]');
  expect(current).not.toBeNull();
  expect(document.activeElement).toBe(current);
  return current!;
};

describe('every number one click from its reason', () => {
  afterEach(cleanup);

  it('the Summary GPUs open the totals explanation at the GPU sum, focused', async () => {
    renderAnswer();
    const gpus = within(summary()).getByTestId('summary-gpus');
    const link = within(gpus).getByRole('button');
    expect(link.getAttribute('title')).toBe("How the plan's GPUs was computed");
    await act(async () => fireEvent.click(link));
    expect(explanation().getAttribute('aria-label')).toBe('Explanation of Totals');
    const step = openedStep();
    expect(step.dataset['step']).toBe('total-gpus');
    // The step's value is the figure the link showed, in words and in the exact form.
    expect(step.querySelector('.step-value')!.textContent).toBe(`${gpus.textContent} GPUs`);
    expect((screen.getByLabelText('Figures to explain') as HTMLSelectElement).value).toBe('totals');
  });

  it('outside a calculator a figure is plain text', () => {
    renderWithStore(<Summary shareBase={undefined} />, createPlanStore());
    expect(within(within(summary()).getByTestId('summary-gpus')).queryByRole('button')).toBeNull();
  });

  it('a workload table cell opens that workload at the step that computed it', async () => {
    renderAnswer();
    const cell = within(workloadTable()).getByTestId('replicas-peak-chat-llm');
    await act(async () => fireEvent.click(within(cell).getByRole('button')));
    expect(explanation().getAttribute('aria-label')).toBe('Explanation of chat-llm (llm-inference)');
    const step = openedStep();
    expect(step.dataset['step']).toBe('replicasPeak');
    expect(step.querySelector('.step-value')!.textContent).toMatch(new RegExp(`^${cell.textContent} replicas?`));
  });

  it('a node pool cell opens the pool; a second link moves the highlight', async () => {
    renderAnswer();
    const row = within(workloadTable()).getByRole('rowheader', { name: /^ranker/ }).closest('tr')!;
    const pool = row.querySelector('.pool-cell')!;
    await act(async () => fireEvent.click(within(pool as HTMLElement).getByRole('button')));
    expect(explanation().getAttribute('aria-label')).toMatch(new RegExp(`^Explanation of ${pool.textContent} \\(`));
    expect(openedStep().dataset['step']).toBe('nodes');
    await act(async () => fireEvent.click(within(screen.getByTestId('total-cost-per-month')).getByRole('button')));
    expect(openedStep().dataset['step']).toBe('total-cost');
    expect(explanation().querySelectorAll('[aria-current="true"]')).toHaveLength(1);
  });

  it('shows inputs in human units with the exact value on hover and for screen readers, never "1 GPUs"', async () => {
    renderAnswer();
    await act(async () => fireEvent.change(screen.getByLabelText('Figures to explain'), { target: { value: 'workload:chat-llm' } }));
    const weights = explanation().querySelector<HTMLElement>('[data-step="weightsBytes"]')!;
    const value = weights.querySelector<HTMLElement>('.step-value')!;
    expect(value.getAttribute('title')).toMatch(/^[\d,]+ bytes$/);
    expect(value.textContent).toMatch(/^[\d.]+ GiB \(exactly [\d,]+ bytes\)$/);
    expect(weights.querySelector('.inputs')!.textContent).toContain('parameters = 8,000,000,000 parameters');
    const text = explanation().textContent!;
    expect(text).not.toMatch(/\b1 (GPUs|nodes|stages|replicas)\b/);
    expect(text).toContain('gpusPerReplica = 1 GPU,');
    expect(text).toMatch(/gpuMemoryBytes = 80 GiB/);
    expect(text).not.toMatch(/usdPerGpuHour = \$?[01]\b/);
  });
});
