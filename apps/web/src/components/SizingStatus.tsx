/**
 * "Sizing the plan…" while the plan worker reads and sizes the current text, shown only when that
 * takes longer than a glance (a large pasted plan), so ordinary typing does not flicker it. The
 * results on screen meanwhile are the last good ones.
 */
import { useEffect, useState } from 'react';
import { selectEvaluating } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';

/** Evaluations shorter than this show no status. */
const SHOW_AFTER_MS = 200;

const WORDS = { parsing: 'Reading the plan…', sizing: 'Sizing the plan…' } as const;

export function SizingStatus() {
  const phase = usePlanStore(selectEvaluating);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (phase === undefined) return setShown(false);
    const timer = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [phase === undefined]);
  return (
    <p className="help sizing-status" role="status">
      {shown && phase !== undefined ? WORDS[phase] : ''}
    </p>
  );
}
