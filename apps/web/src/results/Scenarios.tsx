/**
 * Scenarios A and B: "Keep as A" keeps the plan on screen (its last good results) as A; every edit
 * after that is B. The comparison panel is loaded only once an A exists, so the first paint pays
 * for one button.
 */
import { lazy, Suspense, useId } from 'react';
import { usePlanStore } from '../state/store-context.tsx';
import { selectScenarioA, selectSizing } from '../state/store.ts';

const ScenarioCompare = lazy(() => import('./ScenarioCompare.tsx'));

export function Scenarios() {
  const scenarioA = usePlanStore(selectScenarioA);
  const sizing = usePlanStore(selectSizing);
  const keepAsA = usePlanStore((s) => s.keepAsA);
  const helpId = useId();
  if (!scenarioA) {
    return (
      <section className="scenarios" aria-label="Scenarios">
        <button type="button" className="action-button" disabled={!sizing} onClick={keepAsA} aria-describedby={helpId}>
          Keep as A
        </button>{' '}
        <span className="scenario-help" id={helpId}>
          Keep this plan as scenario A, then change it and compare.
        </span>
      </section>
    );
  }
  return (
    <section className="scenarios" aria-label="Scenarios">
      <Suspense fallback={<p className="loading">Loading the comparison…</p>}>
        <ScenarioCompare />
      </Suspense>
    </section>
  );
}
