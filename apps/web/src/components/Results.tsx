/** The results of the last good plan: totals, a card per workload, the workload table, warnings, charts (lazy, not when compact) and explanations (folded when compact). */
import { lazy, Suspense, useDeferredValue } from 'react';
import { selectIssues, selectResults, selectResultsAreStale, selectSizing } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { ExplainView } from './ExplainView.tsx';
import { PlanIssues } from './PlanIssues.tsx';
import { Totals } from './Totals.tsx';
import { Warnings } from './Warnings.tsx';
import { WorkloadTable } from './WorkloadTable.tsx';

const Charts = lazy(() => import('../charts/Charts.tsx'));
const WorkloadAnswers = lazy(() => import('../results/WorkloadAnswers.tsx'));
const ForecastSection = lazy(() => import('../results/ForecastSection.tsx'));

export function Results({ compact = false, readonly = false }: { compact?: boolean; readonly?: boolean }) {
  const sizing = usePlanStore(selectSizing);
  const issues = usePlanStore(selectIssues);
  const stale = usePlanStore(selectResultsAreStale);
  // The charts re-render Recharts (and re-size the plan across traffic multipliers), the workload
  // cards hold the LLM search's tables and chart, and the explanations are long lists: all
  // deferred, so a keystroke's summary, totals and table update first and the rest follows when
  // React has time.
  const chartResults = useDeferredValue(usePlanStore(selectResults));
  if (!sizing) {
    return (
      <section className="results" aria-label="Results">
        <p>Fix the plan to see results.</p>
        {readonly ? <PlanIssues issues={issues} stale={false} /> : null}
      </section>
    );
  }
  return (
    <section className={`results${stale ? ' stale' : ''}`} aria-label="Results">
      {stale ? <p className="stale-note">Showing the last valid plan's results while the plan has problems.</p> : null}
      <Totals sizing={sizing} />
      {chartResults ? (
        <Suspense fallback={<p className="loading">Loading the workload cards…</p>}>
          <WorkloadAnswers sizing={chartResults.sizing} compact={compact} />
        </Suspense>
      ) : null}
      <WorkloadTable workloads={sizing.workloads} pools={sizing.cluster.nodePools.map((p) => p.name)} />
      <Warnings warnings={sizing.warnings} />
      {compact ? null : (
        <>
          <Suspense fallback={<p className="loading">Loading charts…</p>}>
            {chartResults ? <Charts results={chartResults} /> : null}
          </Suspense>
          {/* Its own boundary: the charts never wait for the forecast's code, nor it for theirs. */}
          <Suspense fallback={null}>
            <ForecastSection />
          </Suspense>
        </>
      )}
      {/* Every figure above links here; the compact embed keeps it folded until one is followed. */}
      {chartResults ? <ExplainView sizing={chartResults.sizing} folded={compact} /> : null}
    </section>
  );
}
