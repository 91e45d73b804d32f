// @vitest-environment happy-dom
import { findPlanPreset } from '@headroom/model';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from '../state/store.ts';
import { renderWithStore } from '../test-support.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { planFileName } from './PlanFile.tsx';

const planField = () => screen.getByLabelText('Plan (YAML or JSON)') as HTMLTextAreaElement;

function chooseFile(file: File) {
  const input = screen.getByLabelText('Import plan') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('plan import and export', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('has visibly labelled controls that accept YAML and JSON files', () => {
    renderWithStore(<PlanEditor />, store);
    const input = screen.getByLabelText('Import plan') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.yaml,.yml,.json');
    expect(screen.getByText('Import plan').tagName).toBe('LABEL');
    expect(screen.getByRole('button', { name: 'Export plan' })).toBeTruthy();
  });

  it('imports a file into the editor, sizes it and can be undone', async () => {
    renderWithStore(<PlanEditor />, store);
    const yaml = findPlanPreset('fine-tuning')!.yaml;
    chooseFile(new File([yaml], 'tuning.yaml', { type: 'application/yaml' }));
    await waitFor(() => expect(planField().value).toBe(yaml));
    expect(screen.getByText('Imported tuning.yaml.')).toBeTruthy();
    const state = store.getState();
    expect(state.issues).toEqual([]);
    expect(state.results!.text).toBe(yaml);
    state.undo();
    expect(store.getState().text).toBe(defaultPlanText());
  });

  it('shows the problems of an imported file that is not a valid plan', async () => {
    renderWithStore(<PlanEditor />, store);
    chooseFile(new File(['{"apiVersion": "headroom/v1"'], 'broken.json', { type: 'application/json' }));
    await waitFor(() => expect(planField().value).toBe('{"apiVersion": "headroom/v1"'));
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(store.getState().results).toBeDefined();
  });

  it('exports the current text as <plan name>.yaml', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:plan';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    renderWithStore(<PlanEditor />, store);
    fireEvent.click(screen.getByRole('button', { name: 'Export plan' }));
    const name = store.getState().results!.sizing.plan.name;
    expect(downloads).toEqual([`${name}.yaml`]);
    expect(await blobs[0]!.text()).toBe(defaultPlanText());
  });

  it('names the export after the plan', () => {
    expect(planFileName('chat-assistant')).toBe('chat-assistant.yaml');
    expect(planFileName(undefined)).toBe('plan.yaml');
  });
});
