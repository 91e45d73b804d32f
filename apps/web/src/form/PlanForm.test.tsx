// @vitest-environment happy-dom
import { parsePlan } from '@headroom/model';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanStoreProvider } from '../state/store-context.tsx';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { PlanForm } from './PlanForm.tsx';

const text = (store: PlanStoreApi) => store.getState().text;
const peakReplicas = (store: PlanStoreApi, workload: string) => store.getState().results!.sizing.workloads.find((w) => w.name === workload)!.replicas.peak;
const workloadNames = (store: PlanStoreApi) => {
  const parsed = parsePlan(text(store));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.plan.spec.workloads.map((w) => w.name);
};
/** The card of a workload, found by its summary. */
const card = (name: string) => screen.getByText(name, { selector: '.workload-name' }).closest('li')!;
const input = (scope: HTMLElement, label: string) => within(scope).getByLabelText(label) as HTMLInputElement;
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe('the plan form', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
  });
  afterEach(cleanup);

  it('leaves a plan over 100,000 characters to the YAML editor, and comes back for a shorter one', () => {
    renderWithStore(<PlanForm />, store);
    const long = `${defaultPlanText()}\n${'# a comment line that only makes the plan long\n'.repeat(2200)}`;
    act(() => store.getState().setText(long));
    expect(screen.getByText(/^The form shows plans of up to 100,000 characters; this one has 1\d\d,\d{3}\. Edit it in the YAML editor/)).toBeTruthy();
    expect(screen.queryByText('chat-llm', { selector: '.workload-name' })).toBeNull();
    act(() => store.getState().setText(defaultPlanText()));
    expect(card('chat-llm')).toBeTruthy();
  });

  it('edits the traffic in the text and re-sizes', () => {
    renderWithStore(<PlanForm />, store);
    const before = peakReplicas(store, 'chat-llm');
    const traffic = input(card('chat-llm'), 'Peak requests per second');
    expect(traffic.value).toBe('20');
    type(traffic, '200');
    expect(text(store)).toContain('traffic: { peakRequestsPerSecond: 200, inputTokens: 1000,');
    expect(store.getState().issues).toEqual([]);
    expect(peakReplicas(store, 'chat-llm')).toBeGreaterThan(before);
  });

  it('shows quantities and numbers as written, and writes units back unquoted', () => {
    renderWithStore(<PlanForm />, store);
    const ranker = card('ranker');
    expect(input(ranker, 'Size bytes').value).toBe('1.5 GiB');
    expect(input(card('chat-llm'), 'Parameters').value).toBe('8e9');
    const serviceTime = input(ranker, 'Service time');
    expect(serviceTime.value).toBe('25 ms');
    fireEvent.focus(serviceTime);
    type(serviceTime, '80 m');
    expect(serviceTime.value).toBe('80 m');
    type(serviceTime, '80 ms');
    expect(text(store)).toContain('serviceTime: 80 ms          # mean time one request holds one worker');
    fireEvent.blur(serviceTime);
    expect(serviceTime.value).toBe('80 ms');
    expect(store.getState().issues).toEqual([]);
  });

  it('keeps a half-typed number under the cursor', () => {
    renderWithStore(<PlanForm />, store);
    const utilization = input(card('chat-llm'), 'Target utilization');
    expect(utilization.value).toBe('');
    expect(utilization.placeholder).toBe('');
    fireEvent.focus(utilization);
    type(utilization, '0.');
    expect(utilization.value).toBe('0.');
    type(utilization, '0.6 ');
    expect(utilization.value).toBe('0.6 ');
    expect(text(store)).toContain('      metrics: { runtime: vllm }\n      targetUtilization: 0.6\n');
    type(utilization, '');
    expect(text(store)).toBe(defaultPlanText());
  });

  it('shows a bad value at its field and keeps the last good results', () => {
    renderWithStore(<PlanForm />, store);
    const results = store.getState().results;
    const traffic = input(card('chat-llm'), 'Peak requests per second');
    fireEvent.focus(traffic);
    type(traffic, 'lots');
    expect(traffic.value).toBe('lots');
    expect(traffic.getAttribute('aria-invalid')).toBe('true');
    const described = traffic.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described[0]).toBe('must be a number (got "lots")');
    expect(traffic.closest('.form-field')!.querySelector('.field-error')!.textContent).toBe('must be a number (got "lots")');
    expect(store.getState().results).toBe(results);
    // Emptying a required field writes "" so its error shows, rather than dropping the key.
    type(traffic, '');
    expect(text(store)).toContain('peakRequestsPerSecond: "",');
    expect(traffic.getAttribute('aria-invalid')).toBe('true');
  });

  it('follows edits of the YAML text', () => {
    renderWithStore(<PlanForm />, store);
    act(() => store.getState().setText(defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 33,')));
    expect(input(card('chat-llm'), 'Peak requests per second').value).toBe('33');
    act(() => store.getState().setText(defaultPlanText().replace('name: ranker', 'name: reranker')));
    expect(card('reranker')).toBeTruthy();
  });

  it('lists issues no field shows at the top', () => {
    renderWithStore(<PlanForm />, store);
    act(() => store.getState().setText(defaultPlanText().replace('workersPerReplica: 4', 'workersPerReplcia: 4')));
    const top = document.querySelector('.form-issues')!;
    expect(top.textContent).toContain('spec.workloads[1].workersPerReplcia');
    expect(top.textContent).toContain('did you mean "workersPerReplica"');
  });

  it('adds a workload from a preset, and duplicates, removes and moves workloads', () => {
    renderWithStore(<PlanForm />, store);
    const picker = screen.getByLabelText('Add workload') as HTMLSelectElement;
    expect(picker.querySelectorAll('optgroup').length).toBeGreaterThan(1);
    fireEvent.change(picker, { target: { value: 'rag/generator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(workloadNames(store)).toEqual(['chat-llm', 'ranker', 'finetune', 'embed-nightly', 'features', 'generator']);
    expect(store.getState().issues).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Duplicate ranker' }));
    expect(workloadNames(store)).toEqual(['chat-llm', 'ranker', 'ranker-2', 'finetune', 'embed-nightly', 'features', 'generator']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove finetune' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move down chat-llm' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move up generator' }));
    expect(workloadNames(store)).toEqual(['ranker', 'chat-llm', 'ranker-2', 'embed-nightly', 'generator', 'features']);
    expect(store.getState().issues).toEqual([]);
    expect(screen.getByRole('button', { name: 'Move up ranker' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Move down features' })).toHaveProperty('disabled', true);
    // The open card moved with its workload.
    expect(card('chat-llm').querySelector('details')!.open).toBe(true);
    expect(card('ranker').querySelector('details')!.open).toBe(false);
  });

  it('offers the GPU catalog while typing a GPU', () => {
    renderWithStore(<PlanForm />, store);
    const gpu = input(card('chat-llm'), 'GPU');
    const list = document.getElementById(gpu.getAttribute('list')!)!;
    expect(list.tagName).toBe('DATALIST');
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(expect.arrayContaining(['auto', 'H100-SXM-80GB', 'L4-24GB']));
  });

  it('opens the copy, and only the copy, when a closed card is duplicated', () => {
    renderWithStore(<PlanForm />, store);
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate features' }));
    expect(workloadNames(store).slice(-2)).toEqual(['features', 'features-2']);
    expect(card('features-2').querySelector('details')!.open).toBe(true);
    for (const closed of ['ranker', 'finetune', 'embed-nightly', 'features']) expect(card(closed).querySelector('details')!.open, closed).toBe(false);
  });

  it('edits selects, checkboxes, lists of choices and node pools', () => {
    renderWithStore(<PlanForm />, store);
    const chat = card('chat-llm');
    const tensorParallel = within(chat).getByLabelText('Tensor parallel') as HTMLSelectElement;
    expect(tensorParallel.value).toBe('');
    fireEvent.change(tensorParallel, { target: { value: '2' } });
    expect(text(store)).toContain('accelerator: { gpu: H100-SXM-80GB, tensorParallel: 2 }');
    fireEvent.change(tensorParallel, { target: { value: '' } });
    expect(text(store)).toBe(defaultPlanText());

    const checkpointing = within(card('finetune')).getByLabelText('Activation checkpointing') as HTMLInputElement;
    expect(checkpointing.checked).toBe(true);
    fireEvent.click(checkpointing);
    expect(text(store)).toContain('parallelism: { zeroStage: 3, activationCheckpointing: false }');

    fireEvent.click(screen.getByLabelText('hipaa'));
    expect(text(store)).toContain('frameworks: [pci-dss, hipaa]');

    fireEvent.click(screen.getByRole('button', { name: 'Add node pool' }));
    expect(store.getState().results!.plan.spec.cluster.nodePools.map((p) => p.name)).toEqual(['general', 'gpu', 'pool']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove node pool general' }));
    expect(store.getState().results!.plan.spec.cluster.nodePools.map((p) => p.name)).toEqual(['gpu', 'pool']);
    expect(store.getState().issues).toEqual([]);
  });

  it('pauses with a pointer to the YAML editor when the text is not YAML', () => {
    renderWithStore(<PlanForm />, store);
    act(() => store.getState().setText('apiVersion: headroom/v1\nspec: [unclosed\n'));
    expect(screen.getByText(/The form is paused: the plan text has a problem on line \d+ \(not valid YAML or JSON/).textContent).toContain('YAML editor');
    expect(document.querySelectorAll('input, select')).toHaveLength(0);
    act(() => store.getState().undo());
    expect(input(card('chat-llm'), 'Peak requests per second').value).toBe('20');
  });

  it('gives every input and select an accessible name, and two calculators distinct ids', () => {
    const other = createPlanStore();
    render(
      <>
        <PlanStoreProvider store={store}>
          <PlanForm />
        </PlanStoreProvider>
        <PlanStoreProvider store={other}>
          <PlanForm />
        </PlanStoreProvider>
      </>,
    );
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    expect(controls.length).toBeGreaterThan(100);
    const labels = [...document.querySelectorAll('label')];
    for (const control of controls) {
      const label = control.closest('label') ?? labels.find((l) => l.htmlFor !== '' && l.htmlFor === control.id);
      expect(label?.textContent?.trim(), control.outerHTML).toBeTruthy();
    }
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
