/**
 * A control's value while its own edit travels through the store. The form renders from a deferred
 * copy of the plan (PlanForm), so results update first; for a moment after an edit the document
 * can still show an older value, and a controlled input would snap back to it. So the control keeps
 * showing what the user did while the document shows that, or a value it showed since the edit
 * began; any other value (an undo, an edit in the YAML editor) wins. Once the document catches up,
 * the older values are forgotten, so a later undo back to one of them shows.
 */
import { useEffect, useState } from 'react';

interface Draft<T> {
  value: T;
  /** The key of what the edit wrote, as the document will show it. */
  written: string;
  /** Document values (keys) under which the draft still stands. */
  standsUnder: ReadonlySet<string>;
}

export function useFieldDraft<T>(documentValue: T, key: (value: T) => string): { value: T; edited: (value: T, written: string) => void } {
  const [draft, setDraft] = useState<Draft<T>>();
  const shown = key(documentValue);
  const stands = draft !== undefined && draft.standsUnder.has(shown);

  // Functional updates: an edit made since this render (fast typing) must not be overwritten.
  useEffect(() => {
    setDraft((current) => {
      if (!current) return current;
      if (!current.standsUnder.has(shown)) return undefined;
      if (shown === current.written && current.standsUnder.size > 1) return { ...current, standsUnder: new Set([current.written]) };
      return current;
    });
  }, [shown]);

  return {
    value: stands ? draft.value : documentValue,
    edited: (value, written) =>
      setDraft((previous) => ({ value, written, standsUnder: new Set([...(previous?.standsUnder.has(shown) ? previous.standsUnder : [shown]), written]) })),
  };
}
