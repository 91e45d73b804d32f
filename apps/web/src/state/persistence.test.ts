// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, SCENARIO_A_KEY, SET_ASIDE_KEY, startupPlan, syncPlanWithPage } from './persistence.ts';
import { planHash, planTextFromHash } from './plan-link.ts';
import { evaluatePlan } from './evaluate-plan.ts';
import type { PlanEvaluator } from './plan-evaluator.ts';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from './store.ts';
import { loadInThreadEvaluator } from './lazy-evaluator.ts';

// The store's default evaluator loads the model on first use; loaded, it answers before returning.
await loadInThreadEvaluator();

/** An evaluator that answers after `ms`, as the plan worker does for a large plan. */
const slowEvaluator = (ms: number): PlanEvaluator => ({
  evaluate: (text, listener) => void setTimeout(() => listener.evaluated(evaluatePlan(text)), ms),
});

describe('plan persistence', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
    window.localStorage.clear();
    window.history.replaceState(null, '', '#');
  });
  afterEach(() => vi.useRealTimers());

  const saved = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 30,');
  const shared = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 50,');

  /** What startup opens on, with the evaluation it hands the store (of that very text, and good). */
  const opened = async () => {
    const startup = await startupPlan(window.location, window.localStorage);
    expect(startup.evaluation.ok && startup.evaluation.results.text).toBe(startup.text);
    const { evaluation: _evaluated, ...rest } = startup;
    return rest;
  };

  it('starts from a shared link, then the autosave, then the default preset, each evaluated', async () => {
    expect(await opened()).toEqual({ text: defaultPlanText() });
    window.localStorage.setItem(AUTOSAVE_KEY, saved);
    expect(await opened()).toEqual({ text: saved });
    window.history.replaceState(null, '', await planHash(shared));
    expect(await opened()).toEqual({ text: shared });
  });

  it('opens a link whose plan fails over the plan it would otherwise open, so results stay', async () => {
    window.localStorage.setItem(AUTOSAVE_KEY, saved);
    window.history.replaceState(null, '', await planHash('a: &x [*x]\n'));
    expect(await opened()).toEqual({ text: saved, linkedText: 'a: &x [*x]\n' });
  });

  it('keeps the plan and says why when a link inflates past the size limit (a deflate bomb)', async () => {
    window.history.replaceState(null, '', await planHash('#'.repeat(20_000_000)));
    expect(window.location.hash.length).toBeLessThan(40_000);
    const startup = await startupPlan(window.location, window.localStorage);
    expect(startup.text).toBe(defaultPlanText());
    expect(startup.notice?.message).toMatch(/^The plan in this link is too large: it inflates to more than 1048576 bytes \(limit planBytes\)/);
  });

  it('moves a poisoned autosave aside and opens the example plan with a notice holding it', async () => {
    const poison = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    window.localStorage.setItem(AUTOSAVE_KEY, poison);
    const startup = await startupPlan(window.location, window.localStorage);
    expect(startup.text).toBe(defaultPlanText());
    expect(startup.notice).toEqual({ message: expect.stringMatching(/^The plan saved in this browser could not be loaded \(line 1: the plan exceeds a limit: .*\(nestingDepth\)\)\. It was set aside/), setAsideText: poison });
    expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    expect(window.localStorage.getItem(SET_ASIDE_KEY)).toBe(poison);
    // The next load is clean.
    expect(await opened()).toEqual({ text: defaultPlanText() });
  });

  it('autosaves only a plan that parsed', async () => {
    const stop = syncPlanWithPage(window, store);
    store.getState().setText(saved);
    await vi.waitFor(() => expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBe(saved));
    const bad = 'apiVersion: headroom/v1\nkind: [\n';
    store.getState().setText(bad);
    // The hash is written with every text; the autosave is not.
    await vi.waitFor(async () => expect(await planTextFromHash(window.location.hash)).toBe(bad));
    expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBe(saved);
    stop();
  });

  it('autosaves an edit whose sizing took longer than the write delay, once its results are in; never a plan only opened', async () => {
    const slow = createPlanStore(defaultPlanText(), { evaluator: slowEvaluator(700) });
    const stop = syncPlanWithPage(window, slow);
    await vi.waitFor(() => expect(slow.getState().results).toBeDefined());
    await new Promise((done) => setTimeout(done, 400));
    expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    slow.getState().setText(saved);
    await vi.waitFor(async () => expect(await planTextFromHash(window.location.hash)).toBe(saved));
    expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    await vi.waitFor(() => expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBe(saved), { timeout: 3000 });
    stop();
  });

  it('writes each edit to the hash and the autosave', async () => {
    const stop = syncPlanWithPage(window, store);
    const edited = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 40,');
    store.getState().setText(edited);
    // The autosave waits 300 ms after the edit's results. On a loaded 2-core CI run the results
    // themselves took over 10 s to arrive once: wait for them first, then for the write.
    await vi.waitFor(() => expect(store.getState().results?.text).toBe(edited), { timeout: 30_000 });
    await vi.waitFor(async () => {
      expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBe(edited);
      expect(await planTextFromHash(window.location.hash)).toBe(edited);
    }, { timeout: 10_000 });
    stop();
  });

  it('loads a plan when the hash is changed by hand', async () => {
    const stop = syncPlanWithPage(window, store);
    const byHand = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 60,');
    window.location.hash = (await planHash(byHand)).slice(1);
    await vi.waitFor(() => expect(store.getState().text).toBe(byHand));
    expect(store.getState().past).toEqual([defaultPlanText()]);
    stop();
  });

  it('keeps scenario A across a reload, re-sized, and never loses it to a bad edit', async () => {
    const stop = syncPlanWithPage(window, store);
    store.getState().setText(saved);
    store.getState().keepAsA();
    expect(window.localStorage.getItem(SCENARIO_A_KEY)).toBe(saved);
    store.getState().setText('apiVersion: headroom/v1\nkind: [\n');
    store.getState().keepAsA();
    expect(window.localStorage.getItem(SCENARIO_A_KEY)).toBe(saved);
    stop();
    const startup = await startupPlan(window.location, window.localStorage);
    expect(startup.scenarioA?.text).toBe(saved);
    expect(startup.scenarioA?.sizing.plan.name).toBe('chat-assistant');
  });

  it('forgets A when it is cleared, and leaves a stored A that no longer loads in storage', async () => {
    const stop = syncPlanWithPage(window, store);
    store.getState().keepAsA();
    store.getState().clearA();
    expect(window.localStorage.getItem(SCENARIO_A_KEY)).toBeNull();
    stop();
    window.localStorage.setItem(SCENARIO_A_KEY, 'apiVersion: headroom/v0\n');
    const startup = await startupPlan(window.location, window.localStorage);
    expect(startup.scenarioA).toBeUndefined();
    expect(window.localStorage.getItem(SCENARIO_A_KEY)).toBe('apiVersion: headroom/v0\n');
  });
});
