// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Calculator } from './Calculator.tsx';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from './state/store.ts';
import { renderWithStore } from './test-support.tsx';

const planField = () => screen.getByLabelText('Plan (YAML or JSON)') as HTMLTextAreaElement;
const peak = (workload: string) => Number(screen.getByTestId(`replicas-peak-${workload}`).textContent);
const editPlan = (text: string) => fireEvent.change(planField(), { target: { value: text } });
/** The workload table (the LLM cards hold tables of their own: the configurations compared). */
const workloadTable = () => within(screen.getByRole('region', { name: 'Workload table' })).getByRole('table');

describe('the calculator page', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
  });
  afterEach(cleanup);

  it('opens on the example plan with its results on screen', () => {
    renderWithStore(<Calculator />, store);
    const table = workloadTable();
    for (const name of ['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features']) {
      expect(within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) })).toBeTruthy();
    }
    expect(screen.getByTestId('total-gpus').textContent).not.toBe('0');
    expect(screen.getByTestId('total-cost-per-month').textContent).toMatch(/^\$[1-9][\d,]*$/);
    expect(screen.getByTestId('total-memory').textContent).toMatch(/[GT]iB$/);
    expect(screen.getByText('The plan is valid.')).toBeTruthy();
  });

  it('gives every input a visible label', () => {
    renderWithStore(<Calculator />, store);
    expect(planField().id).toBe('plan-text');
    expect(screen.getByLabelText('Figures to explain').tagName).toBe('SELECT');
  });

  it('re-sizes when the traffic is raised', () => {
    renderWithStore(<Calculator />, store);
    const before = peak('chat-llm');
    editPlan(defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,'));
    expect(peak('chat-llm')).toBeGreaterThan(before);
  });

  it('shows a bad field with its line and keeps the last good results', () => {
    renderWithStore(<Calculator />, store);
    const before = peak('chat-llm');
    editPlan(defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecnd: 20,'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('spec.workloads[0].traffic.peakRequestsPerSecnd');
    expect(alert.textContent).toContain('did you mean "peakRequestsPerSecond"');
    expect(within(alert).getAllByRole('button', { name: /^Line 18/ }).length).toBeGreaterThan(0);
    expect(screen.getByText(/last valid plan's results/)).toBeTruthy();
    expect(peak('chat-llm')).toBe(before);
    expect(screen.getByRole('rowheader', { name: /^ranker/ })).toBeTruthy();
  });

  it('reports text that is not YAML with its line', () => {
    renderWithStore(<Calculator />, store);
    editPlan('apiVersion: headroom/v1\nspec: [unclosed\n');
    expect(screen.getByRole('alert').textContent).toMatch(/Line \d+.*not valid YAML or JSON/);
    expect(workloadTable()).toBeTruthy();
  });

  it('undoes with the button and with Ctrl+Z, and redoes with Ctrl+Shift+Z', () => {
    renderWithStore(<Calculator />, store);
    const original = planField().value;
    editPlan('not: [a plan');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(planField().value).toBe(original);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(planField().value).toBe('not: [a plan');
    fireEvent.keyDown(window, { key: 'z', metaKey: true });
    expect(planField().value).toBe(original);
  });

  it('loads a preset from the gallery', () => {
    renderWithStore(<Calculator />, store);
    fireEvent.click(screen.getByRole('button', { name: /^Fine-tuning/ }));
    expect(screen.getByRole('heading', { name: /^Totals for / }).textContent).not.toContain('chat-assistant');
  });

  it('explains a workload: every step with its formula and source', () => {
    renderWithStore(<Calculator />, store);
    fireEvent.change(screen.getByLabelText('Figures to explain'), { target: { value: 'workload:ranker' } });
    const list = screen.getByRole('list', { name: 'Explanation of ranker (model-serving)' });
    const ranker = store.getState().results!.sizing.workloads.find((w) => w.name === 'ranker')!;
    const steps = within(list).getAllByRole('listitem');
    expect(steps).toHaveLength(ranker.explain.length);
    const withSource = ranker.explain.findIndex((step) => step.source);
    expect(withSource).toBeGreaterThanOrEqual(0);
    expect(steps[withSource]!.textContent).toContain(ranker.explain[withSource]!.formula);
    expect(steps[withSource]!.textContent).toContain(`Source: ${ranker.explain[withSource]!.source}`);
  });

  it('explains the totals, node pools, monitoring and compliance too', () => {
    renderWithStore(<Calculator />, store);
    const picker = screen.getByLabelText('Figures to explain');
    const sizing = store.getState().results!.sizing;
    fireEvent.change(picker, { target: { value: 'totals' } });
    const totals = within(screen.getByRole('list', { name: 'Explanation of Totals' })).getAllByRole('listitem');
    expect(totals.map((item) => item.querySelector('.step-label')!.textContent)).toEqual(['GPUs', 'CPU cores', 'Memory', 'Storage', 'Nodes', 'Cost per month']);
    expect(totals[5]!.textContent).toContain(screen.getByTestId('total-cost-per-month').textContent!);
    const pool = sizing.cluster.nodePools[0]!;
    fireEvent.change(picker, { target: { value: `pool:${pool.name}` } });
    expect(within(screen.getByRole('list', { name: `Explanation of ${pool.name} (${pool.instanceType})` })).getAllByRole('listitem')).toHaveLength(pool.explain.length);
    fireEvent.change(picker, { target: { value: 'monitoring' } });
    expect(within(screen.getByRole('list', { name: 'Explanation of Monitoring (Prometheus)' })).getAllByRole('listitem')).toHaveLength(sizing.monitoring.explain.length);
    fireEvent.change(picker, { target: { value: 'compliance' } });
    expect(within(screen.getByRole('list', { name: 'Explanation of Compliance' })).getAllByRole('listitem')).toHaveLength(sizing.compliance.explain.length);
  });

  it('loads the charts lazily', async () => {
    renderWithStore(<Calculator />, store);
    expect(await screen.findByText('Monthly cost by node pool', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('GPU memory per LLM replica')).toBeTruthy();
    expect(screen.getByText('Resources by workload')).toBeTruthy();
    expect(screen.getByText('Replicas needed across a traffic multiplier')).toBeTruthy();
    expect(screen.getByRole('table', { name: /at each traffic multiplier/ })).toBeTruthy();
    await act(async () => {});
  });
});
