/**
 * A calculator's store (STYLE.md, zustand): the plan text, the last good results, the current
 * problems and the undo history, with the actions that change them. Sizing comes only from
 * @headroom/model, through the store's PlanEvaluator (in the app and the embed, a Web Worker);
 * components select slices and call actions. Each calculator on a page (the app, or every embedded
 * <headroom-calculator>) owns one store, handed down by PlanStoreProvider, so instances never share
 * state.
 *
 * An edit changes the text at once; its results arrive when the evaluator answers. Every request
 * carries a sequence number and only the answer for the latest text is applied, so a slow answer
 * for an older text never overwrites a newer one. Until it arrives the last good results (and the
 * last problems) stay on screen, and `evaluating` says what is being done.
 */
import { findPlanPreset, type Forecast, type PlanIssue } from '@headroom/model';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Evaluation, PlanResults } from './evaluate-plan.ts';
import { lazyInThreadEvaluator } from './lazy-evaluator.ts';
import type { EvaluationPhase, PlanEvaluator } from './plan-evaluator.ts';
import type { TrafficCurve } from './traffic-curve.ts';

export const DEFAULT_PRESET = 'chat-assistant';
/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;
/** Typing within this many milliseconds of the last keystroke joins the same undo step. */
export const TYPING_MERGE_MS = 1000;

export interface PlanState {
  /** The plan as the user wrote it (YAML or JSON). */
  text: string;
  /** Results of the last text that parsed and sized; kept on screen while the text is bad or being sized. */
  results: PlanResults | undefined;
  /** Problems with the last text evaluated; empty when it is good. */
  issues: PlanIssue[];
  /** What the evaluator is doing for the current text; undefined once its results or problems are in. */
  evaluating: EvaluationPhase | undefined;
  /** The last good plan re-sized across traffic multipliers (it follows `results`, a little later). */
  trafficCurve: TrafficCurve | undefined;
  /** The last good plan's growth forecast (after the curve); null when it states no growth. */
  forecast: Forecast | null | undefined;
  /** Earlier texts, oldest first, and undone texts, most recently undone last. */
  past: string[];
  future: string[];
  /** When the last typed edit happened (ms), to merge keystrokes into one undo step. */
  lastTypedAt: number | undefined;
  /** A plan that could not be opened (a shared link, the autosave), shown beside the editor. */
  notice: PlanNotice | undefined;
  /**
   * Scenario A: a plan kept, with its results, to compare the plan on screen (B) against. Only
   * results of a text that parsed and sized are kept, so no edit, good or bad, can lose or spoil it.
   */
  scenarioA: PlanResults | undefined;
}

export interface PlanNotice {
  message: string;
  /** The autosaved text that failed to load, set aside, which the user may show or discard. */
  setAsideText?: string;
}

export interface PlanActions {
  /** Replace the text. `typing` merges quick successive edits into one undo step. */
  setText: (text: string, options?: { typing?: boolean; now?: number }) => void;
  loadPreset: (name: string) => void;
  undo: () => void;
  redo: () => void;
  /** Start over from a text with no history (startup, a shared link). */
  reset: (text: string) => void;
  setNotice: (notice: PlanNotice | undefined) => void;
  /** Keep the last good plan and its results as scenario A. */
  keepAsA: () => void;
  clearA: () => void;
  /** Put A's text back in the editor, as an edit (undo returns to B); A stays. */
  restoreA: () => void;
  /** B becomes A and A goes back into the editor (as an edit); only while B's results are its own. */
  swapScenarios: () => void;
}

export type PlanStore = PlanState & PlanActions;

export function defaultPlanText(): string {
  const preset = findPlanPreset(DEFAULT_PRESET);
  if (!preset) throw new Error(`missing bundled preset ${DEFAULT_PRESET}`);
  return preset.yaml;
}

export interface PlanStoreOptions {
  /** Sizes the plan; the store's default runs in the calling thread (unit tests), the shells pass the worker's. */
  evaluator?: PlanEvaluator;
  /** The evaluation of the initial text when the caller already has it (startup checked a link). */
  initialEvaluation?: Evaluation;
  /** Scenario A as kept before a reload (persistence.ts). */
  initialScenarioA?: PlanResults;
}

export type PlanStoreApi = StoreApi<PlanStore>;

const freshHistory = { past: [], future: [], lastTypedAt: undefined } satisfies Pick<PlanState, 'past' | 'future' | 'lastTypedAt'>;

/** A store opened on `initialText` (the default preset when omitted), with no history. */
export function createPlanStore(initialText: string = defaultPlanText(), options: PlanStoreOptions = {}): PlanStoreApi {
  const evaluator = options.evaluator ?? lazyInThreadEvaluator;
  /** Sequence number of the latest text sent to the evaluator; answers for any other are dropped. */
  let latest = 0;

  const applied = (evaluation: Evaluation): Partial<PlanState> => {
    if (!evaluation.ok) return { issues: evaluation.issues, evaluating: undefined };
    // The same text sizes the same: keeping the results object spares every view a re-render.
    const { results } = store.getState();
    return { results: results?.text === evaluation.results.text ? results : evaluation.results, issues: [], evaluating: undefined };
  };

  /** Asks for the results of `text`, the store's text from now on. */
  const request = (text: string) => {
    const sequence = ++latest;
    const current = () => sequence === latest;
    store.setState({ evaluating: 'parsing' });
    evaluator.evaluate(text, {
      progress: (phase) => { if (current()) store.setState({ evaluating: phase }); },
      evaluated: (evaluation) => { if (current()) store.setState(applied(evaluation)); },
      curve: (curve) => { if (current()) store.setState({ trafficCurve: curve }); },
      forecast: (forecast) => { if (current()) store.setState({ forecast }); },
    });
  };

  const store = createStore<PlanStore>()((set, get) => ({
    text: initialText,
    results: undefined,
    issues: [],
    evaluating: undefined,
    trafficCurve: undefined,
    forecast: undefined,
    ...freshHistory,
    notice: undefined,
    scenarioA: options.initialScenarioA,

    setText: (text, options = {}) => {
      const state = get();
      if (text === state.text) return;
      const now = options.now ?? Date.now();
      const mergeWithLast = options.typing === true && state.lastTypedAt !== undefined && now - state.lastTypedAt < TYPING_MERGE_MS && state.past.length > 0;
      set({
        text,
        past: mergeWithLast ? state.past : [...state.past, state.text].slice(-HISTORY_LIMIT),
        future: [],
        lastTypedAt: options.typing ? now : undefined,
      });
      request(text);
    },

    loadPreset: (name) => {
      const preset = findPlanPreset(name);
      if (preset) get().setText(preset.yaml);
    },

    undo: () => {
      const { past, future, text } = get();
      const previous = past.at(-1);
      if (previous === undefined) return;
      set({ text: previous, past: past.slice(0, -1), future: [...future, text], lastTypedAt: undefined });
      request(previous);
    },

    redo: () => {
      const { past, future, text } = get();
      const next = future.at(-1);
      if (next === undefined) return;
      set({ text: next, past: [...past, text], future: future.slice(0, -1), lastTypedAt: undefined });
      request(next);
    },

    reset: (text) => {
      set({ text, ...freshHistory, notice: undefined });
      request(text);
    },

    setNotice: (notice) => set({ notice }),

    keepAsA: () => {
      const { results } = get();
      if (results) set({ scenarioA: results });
    },

    clearA: () => set({ scenarioA: undefined }),

    restoreA: () => {
      const { scenarioA } = get();
      if (scenarioA) get().setText(scenarioA.text);
    },

    swapScenarios: () => {
      const state = get();
      if (!state.scenarioA || !selectResultsAreCurrent(state)) return;
      const { results, scenarioA } = state;
      set({ scenarioA: results });
      get().setText(scenarioA.text);
    },
  }));

  if (options.initialEvaluation) {
    store.setState(applied(options.initialEvaluation));
    // The results are known; only the curve is still to come.
    if (options.initialEvaluation.ok) request(initialText);
  } else {
    request(initialText);
  }
  return store;
}

/** Selectors: components read only the slice they show. */
export const selectText = (s: PlanStore) => s.text;
export const selectResults = (s: PlanStore) => s.results;
export const selectSizing = (s: PlanStore) => s.results?.sizing;
export const selectIssues = (s: PlanStore) => s.issues;
export const selectNotice = (s: PlanStore) => s.notice;
export const selectCanUndo = (s: PlanStore) => s.past.length > 0;
export const selectCanRedo = (s: PlanStore) => s.future.length > 0;
/** True while the text is bad and the results on screen are from an earlier text. */
export const selectResultsAreStale = (s: PlanStore) => s.issues.length > 0 && s.results !== undefined;
/** What the evaluator is doing for the current text ('parsing', 'sizing'), or undefined when done. */
export const selectEvaluating = (s: PlanStore) => s.evaluating;
export const selectTrafficCurve = (s: PlanStore) => s.trafficCurve;
export const selectForecast = (s: PlanStore) => s.forecast;
/** True when the results on screen are those of the text on screen (it parsed, sized, and is not being re-read). */
export const selectResultsAreCurrent = (s: PlanState) => s.evaluating === undefined && s.issues.length === 0 && s.results?.text === s.text;
export const selectScenarioA = (s: PlanStore) => s.scenarioA;
