/**
 * Where the plan survives a reload: the URL hash (shareable) and localStorage (autosave).
 * Startup prefers a shared link, then the autosave, then the default preset.
 *
 * Neither can break the calculator. A link that cannot be read (damaged, or inflating past the
 * size limit) or whose plan fails leaves the calculator on the plan it would otherwise open, with
 * the link's problems beside the editor. An autosave that fails to load is moved aside to
 * SET_ASIDE_KEY, and the calculator opens on the example plan with a notice offering to show or
 * discard it; the autosave is written only with text that parsed and sized, so it cannot poison
 * the next load. Both are evaluated by the calculator's evaluator (the plan worker in the app), so
 * a large linked or saved plan does not hold the page while it is read.
 *
 * Scenario A (the plan kept for comparison) is stored under SCENARIO_A_KEY as soon as it is kept,
 * swapped or cleared, and re-sized at startup. Only a plan that sized is ever kept as A; one that
 * no longer loads (a later version's schema) stays in storage untouched rather than being dropped.
 */
import { planTextLimitIssue } from '@headroom/model';
import type { Evaluation, PlanResults } from './evaluate-plan.ts';
import { lazyInThreadEvaluator } from './lazy-evaluator.ts';
import { evaluateText, type PlanEvaluator } from './plan-evaluator.ts';
import { planFromHash, planHash, type LinkedPlan } from './plan-link.ts';
import { defaultPlanText, type PlanNotice, type PlanStoreApi } from './store.ts';

export const AUTOSAVE_KEY = 'headroom.plan';
/** Where an autosave that failed to load is kept until the user shows or discards it. */
export const SET_ASIDE_KEY = 'headroom.plan.set-aside';
/** Scenario A's plan text. */
export const SCENARIO_A_KEY = 'headroom.scenario-a';
const WRITE_DELAY_MS = 300;

export interface StartupPlan {
  /** The text to open on. */
  text: string;
  /** A linked plan with problems, to load over `text` so its results stay on screen. */
  linkedText?: string;
  notice?: PlanNotice;
  /** The evaluation of `text`, for the store to open with. */
  evaluation: Evaluation;
  /** Scenario A as kept before the reload, re-sized. */
  scenarioA?: PlanResults;
}

export async function startupPlan(location: Location, storage: Storage | undefined, evaluator: PlanEvaluator = lazyInThreadEvaluator): Promise<StartupPlan> {
  // One after the other: the worker evaluator answers only the latest of concurrent requests.
  const plan = await startupText(location, storage, evaluator);
  const scenarioA = await storedScenarioA(storage, evaluator);
  return scenarioA ? { ...plan, scenarioA } : plan;
}

async function storedScenarioA(storage: Storage | undefined, evaluator: PlanEvaluator): Promise<PlanResults | undefined> {
  const text = readItem(storage, SCENARIO_A_KEY);
  if (text === undefined || planTextLimitIssue(text)) return undefined;
  const evaluation = await evaluateText(evaluator, text);
  return evaluation.ok ? evaluation.results : undefined;
}

async function startupText(location: Location, storage: Storage | undefined, evaluator: PlanEvaluator): Promise<StartupPlan> {
  const linked = checkedLink(await planFromHash(location.hash));
  const linkedEvaluation = linked?.ok ? await evaluateText(evaluator, linked.text) : undefined;
  if (linked?.ok && linkedEvaluation?.ok) return { text: linked.text, evaluation: linkedEvaluation };
  const { text, notice, evaluation } = await fallbackPlan(storage, evaluator);
  if (linked?.ok) return { text, linkedText: linked.text, ...(notice ? { notice } : {}), evaluation };
  const linkNotice = linked ? { message: linked.message } : undefined;
  return { text, ...(notice ?? linkNotice ? { notice: notice ?? linkNotice } : {}), evaluation };
}

/**
 * A linked text beyond the plan limits is not put in the editor at all (a million lines would
 * take the page with them): it becomes a notice, and the plan on screen stays.
 */
function checkedLink(linked: LinkedPlan): LinkedPlan {
  if (!linked?.ok) return linked;
  const tooLarge = planTextLimitIssue(linked.text);
  return tooLarge ? { ok: false, message: `The plan in this link was not opened: ${tooLarge.line !== undefined ? `line ${tooLarge.line}: ` : ''}${tooLarge.message}. The calculator kept the plan it had.` } : linked;
}

/**
 * The autosave when it loads, else the default plan (with the failed autosave set aside); evaluated
 * either way, so a linked plan with problems opens over results already on screen.
 */
async function fallbackPlan(storage: Storage | undefined, evaluator: PlanEvaluator): Promise<{ text: string; notice?: PlanNotice; evaluation: Evaluation }> {
  const saved = readItem(storage, AUTOSAVE_KEY);
  if (saved === undefined) return { text: defaultPlanText(), evaluation: await evaluateText(evaluator, defaultPlanText()) };
  const evaluation = await evaluateText(evaluator, saved);
  if (evaluation.ok) return { text: saved, evaluation };
  try {
    storage?.setItem(SET_ASIDE_KEY, saved);
    storage?.removeItem(AUTOSAVE_KEY);
  } catch {
    // Storage disabled or full: the notice still carries the text.
  }
  const first = evaluation.issues[0];
  return {
    text: defaultPlanText(),
    notice: {
      message: `The plan saved in this browser could not be loaded${first ? ` (${first.line !== undefined ? `line ${first.line}: ` : ''}${first.path ? `${first.path}: ` : ''}${first.message})` : ''}. It was set aside and the calculator opened on the example plan.`,
      setAsideText: saved,
    },
    evaluation: await evaluateText(evaluator, defaultPlanText()),
  };
}

/** Forgets the set-aside autosave. */
export function discardSetAside(storage: Storage | undefined): void {
  try {
    storage?.removeItem(SET_ASIDE_KEY);
  } catch {
    // Nothing to forget where storage is disabled.
  }
}

function readItem(storage: Storage | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the hash and the autosave in step with the store's text (debounced), and loads a plan
 * when the user changes the hash by hand. Returns a function that stops it.
 */
export function syncPlanWithPage(window: Window, store: PlanStoreApi): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writtenHash = window.location.hash;
  /** An edited text not yet autosaved (its results had not arrived when it was written). */
  let unsaved = false;

  const write = async (text: string) => {
    // Only a plan that parsed and sized is saved (its results are on screen, from this very text):
    // a bad one would greet every later visit.
    const state = store.getState();
    if (state.evaluating === undefined && state.issues.length === 0 && state.results?.text === text) {
      unsaved = false;
      try {
        window.localStorage.setItem(AUTOSAVE_KEY, text);
      } catch {
        // Storage full or disabled: the hash still carries the plan.
      }
    }
    writtenHash = await planHash(text);
    if (store.getState().text === text) window.history.replaceState(null, '', writtenHash);
  };

  // An edit is written after a pause, and again once its evaluation is done when sizing took longer
  // than the pause. A plan only opened, never edited, is not autosaved.
  const unsubscribe = store.subscribe((state, previous) => {
    const edited = state.text !== previous.text;
    // The evaluation ending, or results of the text on screen arriving (on a loaded machine they
    // arrived after the first write without that write seeing them; both signals re-arm it).
    const evaluated = (state.evaluating === undefined && previous.evaluating !== undefined)
      || (state.results !== previous.results && state.results?.text === state.text);
    if (edited) unsaved = true;
    if (!edited && !(evaluated && unsaved)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void write(state.text), WRITE_DELAY_MS);
  });

  // Scenario A is written at once: keeping, swapping or clearing it is one click, not typing.
  const unsubscribeScenario = store.subscribe((state, previous) => {
    if (state.scenarioA === previous.scenarioA) return;
    try {
      if (state.scenarioA) window.localStorage.setItem(SCENARIO_A_KEY, state.scenarioA.text);
      else window.localStorage.removeItem(SCENARIO_A_KEY);
    } catch {
      // Storage full or disabled: A lasts as long as the page.
    }
  });

  const onHashChange = async () => {
    if (window.location.hash === writtenHash) return;
    const linked = checkedLink(await planFromHash(window.location.hash));
    if (linked === undefined) return;
    if (!linked.ok) store.getState().setNotice({ message: linked.message });
    else if (linked.text !== store.getState().text) store.getState().setText(linked.text);
  };
  window.addEventListener('hashchange', onHashChange);

  return () => {
    clearTimeout(timer);
    unsubscribe();
    unsubscribeScenario();
    window.removeEventListener('hashchange', onHashChange);
  };
}
