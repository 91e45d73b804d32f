// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, startupPlanText, syncPlanWithPage } from './persistence.ts';
import { planHash, planTextFromHash } from './plan-link.ts';
import { createPlanStore, defaultPlanText, type PlanStoreApi } from './store.ts';

describe('plan persistence', () => {
  let store: PlanStoreApi;
  beforeEach(() => {
    store = createPlanStore();
    window.localStorage.clear();
    window.history.replaceState(null, '', '#');
  });
  afterEach(() => vi.useRealTimers());

  it('starts from a shared link, then the autosave, then the default preset', async () => {
    expect(await startupPlanText(window.location, window.localStorage)).toBe(defaultPlanText());
    window.localStorage.setItem(AUTOSAVE_KEY, 'saved: plan\n');
    expect(await startupPlanText(window.location, window.localStorage)).toBe('saved: plan\n');
    window.history.replaceState(null, '', await planHash('shared: plan\n'));
    expect(await startupPlanText(window.location, window.localStorage)).toBe('shared: plan\n');
  });

  it('writes each edit to the hash and the autosave', async () => {
    const stop = syncPlanWithPage(window, store);
    const edited = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 40,');
    store.getState().setText(edited);
    await vi.waitFor(async () => {
      expect(window.localStorage.getItem(AUTOSAVE_KEY)).toBe(edited);
      expect(await planTextFromHash(window.location.hash)).toBe(edited);
    });
    stop();
  });

  it('loads a plan when the hash is changed by hand', async () => {
    const stop = syncPlanWithPage(window, store);
    const shared = defaultPlanText().replace('peakRequestsPerSecond: 20,', 'peakRequestsPerSecond: 60,');
    window.location.hash = (await planHash(shared)).slice(1);
    await vi.waitFor(() => expect(store.getState().text).toBe(shared));
    expect(store.getState().past).toEqual([defaultPlanText()]);
    stop();
  });
});
