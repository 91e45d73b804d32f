import { planPresets } from '@headroom/model';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPlanStore, defaultPlanText, selectCanRedo, selectCanUndo, selectResultsAreCurrent, selectResultsAreStale, TYPING_MERGE_MS, type PlanStoreApi } from './store.ts';
import { loadInThreadEvaluator } from './lazy-evaluator.ts';

// The store's default evaluator loads the model on first use; loaded, it answers before returning.
await loadInThreadEvaluator();

let store: PlanStoreApi;
const peakReplicas = (name: string) => store.getState().results?.sizing.workloads.find((w) => w.name === name)?.replicas.peak;

describe('plan store', () => {
  beforeEach(() => {
    store = createPlanStore();
  });

  it('opens on the chat-assistant preset with results and no problems', () => {
    const state = store.getState();
    expect(state.results?.sizing.plan.name).toBe('chat-assistant');
    expect(state.issues).toEqual([]);
    expect(selectCanUndo(state)).toBe(false);
  });

  it('re-sizes on every good edit', () => {
    const before = peakReplicas('chat-llm')!;
    store.getState().setText(defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,'));
    expect(peakReplicas('chat-llm')).toBeGreaterThan(before);
  });

  it('keeps the last good results while the text is bad', () => {
    const good = store.getState().results;
    store.getState().setText(defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: lots,'));
    const state = store.getState();
    expect(state.results).toBe(good);
    expect(state.issues[0]?.path).toBe('spec.workloads[0].traffic.peakRequestsPerSecond');
    expect(selectResultsAreStale(state)).toBe(true);
  });

  it('undoes and redoes edits', () => {
    const original = store.getState().text;
    store.getState().setText('not: [a plan');
    store.getState().undo();
    expect(store.getState().text).toBe(original);
    expect(store.getState().issues).toEqual([]);
    expect(selectCanRedo(store.getState())).toBe(true);
    store.getState().redo();
    expect(store.getState().text).toBe('not: [a plan');
  });

  it('merges quick typing into one undo step but not slow typing', () => {
    const original = store.getState().text;
    store.getState().setText(`${original}#a`, { typing: true, now: 1000 });
    store.getState().setText(`${original}#ab`, { typing: true, now: 1000 + TYPING_MERGE_MS / 2 });
    store.getState().setText(`${original}#abc`, { typing: true, now: 1000 + TYPING_MERGE_MS * 3 });
    expect(store.getState().past).toEqual([original, `${original}#ab`]);
  });

  it('loads a preset as an undoable edit', () => {
    const rag = planPresets.find((p) => p.name === 'rag')!;
    store.getState().loadPreset('rag');
    expect(store.getState().text).toBe(rag.yaml);
    store.getState().undo();
    expect(store.getState().results?.sizing.plan.name).toBe('chat-assistant');
  });

  it('keeps the state of each calculator to itself', () => {
    const other = createPlanStore();
    other.getState().loadPreset('rag');
    expect(store.getState().text).toBe(defaultPlanText());
    expect(other.getState().results?.sizing.plan.name).toBe('rag');
  });
});

describe('scenario A', () => {
  const busier = () => defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 200,');

  beforeEach(() => {
    store = createPlanStore();
  });

  it('keeps the last good plan with its results, through bad edits', () => {
    store.getState().keepAsA();
    const kept = store.getState().scenarioA;
    expect(kept?.text).toBe(defaultPlanText());
    expect(kept?.sizing.plan.name).toBe('chat-assistant');
    store.getState().setText('not: [a plan');
    // Keeping A now keeps the last good results, never the bad text.
    store.getState().keepAsA();
    expect(store.getState().scenarioA?.text).toBe(defaultPlanText());
    expect(store.getState().scenarioA).toBe(kept);
  });

  it('restores A as an edit that undo takes back, and A stays', () => {
    store.getState().keepAsA();
    store.getState().setText(busier());
    store.getState().restoreA();
    expect(store.getState().text).toBe(defaultPlanText());
    expect(store.getState().scenarioA?.text).toBe(defaultPlanText());
    store.getState().undo();
    expect(store.getState().text).toBe(busier());
  });

  it('swaps A and B when B\'s results are its own, and refuses while B has problems', () => {
    store.getState().keepAsA();
    store.getState().setText(busier());
    expect(selectResultsAreCurrent(store.getState())).toBe(true);
    store.getState().swapScenarios();
    expect(store.getState().scenarioA?.text).toBe(busier());
    expect(store.getState().text).toBe(defaultPlanText());
    store.getState().setText('not: [a plan');
    store.getState().swapScenarios();
    expect(store.getState().text).toBe('not: [a plan');
    expect(store.getState().scenarioA?.text).toBe(busier());
  });

  it('clears A, and opens with an A kept before a reload', () => {
    store.getState().keepAsA();
    const kept = store.getState().scenarioA!;
    store.getState().clearA();
    expect(store.getState().scenarioA).toBeUndefined();
    const reopened = createPlanStore(busier(), { initialScenarioA: kept });
    expect(reopened.getState().scenarioA).toBe(kept);
  });
});
