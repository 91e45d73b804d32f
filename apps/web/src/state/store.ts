/**
 * A calculator's store (STYLE.md, zustand): the plan text, the last good results, the current
 * problems and the undo history, with the actions that change them. Sizing comes only from
 * @headroom/model (via evaluatePlan); components select slices and call actions. Each calculator
 * on a page (the app, or every embedded <headroom-calculator>) owns one store, handed down by
 * PlanStoreProvider, so instances never share state.
 */
import { findPlanPreset, type PlanIssue } from '@headroom/model';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { evaluatePlan, type PlanResults } from './evaluate-plan.ts';

export const DEFAULT_PRESET = 'chat-assistant';
/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;
/** Typing within this many milliseconds of the last keystroke joins the same undo step. */
export const TYPING_MERGE_MS = 1000;

export interface PlanState {
  /** The plan as the user wrote it (YAML or JSON). */
  text: string;
  /** Results of the last text that parsed and sized; kept on screen while the text is bad. */
  results: PlanResults | undefined;
  /** Problems with the current text; empty when it is good. */
  issues: PlanIssue[];
  /** Earlier texts, oldest first, and undone texts, most recently undone last. */
  past: string[];
  future: string[];
  /** When the last typed edit happened (ms), to merge keystrokes into one undo step. */
  lastTypedAt: number | undefined;
  /** A plan that could not be opened (a shared link, the autosave), shown beside the editor. */
  notice: PlanNotice | undefined;
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
}

export type PlanStore = PlanState & PlanActions;

export function defaultPlanText(): string {
  const preset = findPlanPreset(DEFAULT_PRESET);
  if (!preset) throw new Error(`missing bundled preset ${DEFAULT_PRESET}`);
  return preset.yaml;
}

/** State for `text` with no history: results when it is good, its problems otherwise. */
export function initialPlanState(text: string): PlanState {
  return { text, ...evaluated(text, undefined), past: [], future: [], lastTypedAt: undefined, notice: undefined };
}

function evaluated(text: string, previous: PlanResults | undefined): Pick<PlanState, 'results' | 'issues'> {
  const evaluation = evaluatePlan(text);
  return evaluation.ok ? { results: evaluation.results, issues: [] } : { results: previous, issues: evaluation.issues };
}

export type PlanStoreApi = StoreApi<PlanStore>;

/** A store opened on `initialText` (the default preset when omitted), with no history. */
export function createPlanStore(initialText: string = defaultPlanText()): PlanStoreApi {
  return createStore<PlanStore>()((set, get) => ({
    ...initialPlanState(initialText),

    setText: (text, options = {}) => {
      const state = get();
      if (text === state.text) return;
      const now = options.now ?? Date.now();
      const mergeWithLast = options.typing === true && state.lastTypedAt !== undefined && now - state.lastTypedAt < TYPING_MERGE_MS && state.past.length > 0;
      set({
        text,
        ...evaluated(text, state.results),
        past: mergeWithLast ? state.past : [...state.past, state.text].slice(-HISTORY_LIMIT),
        future: [],
        lastTypedAt: options.typing ? now : undefined,
      });
    },

    loadPreset: (name) => {
      const preset = findPlanPreset(name);
      if (preset) get().setText(preset.yaml);
    },

    undo: () => {
      const { past, future, text, results } = get();
      const previous = past.at(-1);
      if (previous === undefined) return;
      set({ text: previous, ...evaluated(previous, results), past: past.slice(0, -1), future: [...future, text], lastTypedAt: undefined });
    },

    redo: () => {
      const { past, future, text, results } = get();
      const next = future.at(-1);
      if (next === undefined) return;
      set({ text: next, ...evaluated(next, results), past: [...past, text], future: future.slice(0, -1), lastTypedAt: undefined });
    },

    reset: (text) => set(initialPlanState(text)),

    setNotice: (notice) => set({ notice }),
  }));
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
