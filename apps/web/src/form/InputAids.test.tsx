// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlanStore, type PlanStoreApi } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { PlanForm } from './PlanForm.tsx';

/** The picker and the provider mapping are lazy chunks: their first import is transformed on a loaded machine. */
const LAZY = { timeout: 15_000 };
const card = (name: string) => screen.getByText(name, { selector: '.workload-name' }).closest('li')!;

describe('input aids in the form', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
  });
  afterEach(cleanup);

  it('the model picker finds a preset by Hugging Face id, moves with the arrows and chooses with Enter, as one undo step', async () => {
    renderWithStore(<PlanForm />, store);
    const picker = await within(card('chat-llm')).findByRole('combobox', { name: 'Find a model for chat-llm' }, LAZY);
    fireEvent.change(picker, { target: { value: 'meta-llama/Llama-3.1' } });
    expect(picker.getAttribute('aria-expanded')).toBe('true');
    const options = within(card('chat-llm')).getAllByRole('option');
    expect(options[0]!.textContent).toContain('meta-llama/Llama-3.1');
    expect(picker.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    expect(picker.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(picker, { key: 'ArrowUp' });
    const before = store.getState().text;
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(store.getState().text).toContain('model: { precision: bf16, preset: llama-3.1-8b }');
    expect(picker.getAttribute('aria-expanded')).toBe('false');
    expect(within(card('chat-llm')).getByRole('status').textContent).toMatch(/chat-llm now serves Llama 3\.1 8B/);
    store.getState().undo();
    expect(store.getState().text).toBe(before);
  });

  it('Escape closes the list, and a query no preset has says so', async () => {
    renderWithStore(<PlanForm />, store);
    const picker = await within(card('chat-llm')).findByRole('combobox', { name: 'Find a model for chat-llm' }, LAZY);
    fireEvent.change(picker, { target: { value: 'no-such-model-xyz' } });
    expect(within(card('chat-llm')).getByText(/No preset matches/)).toBeTruthy();
    fireEvent.keyDown(picker, { key: 'Escape' });
    expect(picker.getAttribute('aria-expanded')).toBe('false');
  });

  it('says how a bare number in a latency field is read, and warns of an implausible SLO', () => {
    renderWithStore(<PlanForm />, store);
    const ttft = within(card('chat-llm')).getByLabelText('Time to first token') as HTMLInputElement;
    fireEvent.change(ttft, { target: { value: '60' } });
    const field = ttft.closest('.form-field')!;
    expect(field.textContent).toContain('60 → 60 s: a bare number is read as seconds');
    expect(field.textContent).toContain('Unusual: 60 s is above 30 s');
    fireEvent.change(ttft, { target: { value: '1 s' } });
    expect(field.querySelector('.field-reading')).toBeNull();
  });

  it('switching the provider moves the node pools, lists them, and undoes the switch', async () => {
    renderWithStore(<PlanForm />, store);
    const before = store.getState().text;
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'gke' } });
    // The mapping loads on the first switch.
    const notice = await screen.findByRole('status', { name: 'Provider switch' }, LAZY);
    expect(store.getState().text).toContain('instanceType: a3-highgpu-8g');
    expect(notice.textContent).toContain('general: m5.2xlarge → n2-standard-8');
    expect(notice.textContent).toContain('gpu: p5.48xlarge → a3-highgpu-8g');
    fireEvent.click(within(notice).getByRole('button', { name: 'Undo the switch' }));
    await waitFor(() => expect(store.getState().text).toBe(before));
  });

  it('offers a blank workload of each kind and adds one, valid as added', () => {
    renderWithStore(<PlanForm />, store);
    const picker = screen.getByLabelText('Add workload') as HTMLSelectElement;
    const blanks = [...picker.querySelectorAll('optgroup[label="Blank workload"] option')].map((o) => (o as HTMLOptionElement).value);
    expect(blanks).toEqual(['blank/llm-inference', 'blank/model-serving', 'blank/training', 'blank/batch-inference', 'blank/data-pipeline']);
    fireEvent.change(picker, { target: { value: 'blank/data-pipeline' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(store.getState().issues).toEqual([]);
    expect(store.getState().results!.sizing.workloads.at(-1)).toMatchObject({ name: 'pipeline', kind: 'data-pipeline', feasible: true });
  });
});
