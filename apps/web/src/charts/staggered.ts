/**
 * Charts take turns. Recharts updates a chart through its own store, synchronously, so six charts
 * updated in one render make one long main-thread task (about 100 ms per edit on the shared
 * machine, docs/benchmarks.md). Each chart instead shows its data once the data has stayed the
 * same for QUIET_MS (fast typing redraws the charts once, when it pauses), `slot` ms apart, each
 * committed on its own (flushSync), so every task after an edit holds at most one chart.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const QUIET_MS = 120;

export function useStaggeredValue<T>(value: T, slot: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const timer = setTimeout(() => flushSync(() => setShown(() => value)), QUIET_MS + slot);
    return () => clearTimeout(timer);
  }, [value, shown, slot]);
  return shown;
}
