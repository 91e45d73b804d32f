/** Applies an edit to the calculator's current plan text through the store (so undo and results follow). */
import { useCallback } from 'react';
import { usePlanStoreApi } from '../state/store-context.tsx';
import { editKeepingLineEndings } from './plan-document.ts';

export type PlanEdit = (text: string) => string;

/**
 * Returns `apply(edit, typing)`. The edit runs on the store's text at the moment of the event, not
 * on the text of the last render. `typing` merges quick keystrokes into one undo step; buttons and
 * selects make steps of their own.
 */
export function usePlanEdit(): (edit: PlanEdit, typing?: boolean) => void {
  const store = usePlanStoreApi();
  return useCallback(
    (edit, typing = false) => {
      const { text, setText } = store.getState();
      let edited: string;
      try {
        edited = editKeepingLineEndings(text, edit);
      } catch (error) {
        // An edit the text's shape does not allow leaves the plan as it is (nothing is lost); the
        // YAML editor can still make it.
        console.error('headroom: the form could not make this edit', error);
        return;
      }
      setText(edited, { typing });
    },
    [store],
  );
}
