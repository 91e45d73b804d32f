/** Applies an edit to the calculator's current plan text through the store (so undo and results follow). */
import { useCallback } from 'react';
import { usePlanStoreApi } from '../state/store-context.tsx';

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
      setText(edit(text), { typing });
    },
    [store],
  );
}
