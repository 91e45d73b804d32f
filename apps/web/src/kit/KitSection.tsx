/**
 * Mounts the kit panel for the last good plan. The panel and everything it pulls in (the kit
 * generators, the zip writer) load on demand; generation runs on a deferred render so typing in
 * the plan never waits for it.
 */
import { lazy, Suspense, useDeferredValue } from 'react';
import { usePlanEdit } from '../form/use-plan-edit.ts';
import { selectResults } from '../state/store.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { fetchExporterBundle } from './exporter-asset.ts';

const KitPanel = lazy(() => import('./KitPanel.tsx'));

/** `buildBase`: where the web build (and the exporter bundle in it) lives, when not beside the page. */
export function KitSection({ buildBase }: { buildBase?: string | undefined }) {
  const results = useDeferredValue(usePlanStore(selectResults));
  const editPlan = usePlanEdit();
  if (!results) return null;
  return (
    <div className="kit-section">
      <Suspense fallback={<p className="loading">Loading the verification kit…</p>}>
        <KitPanel text={results.text} plan={results.plan} sizing={results.sizing} editPlan={editPlan} {...(buildBase ? { loadExporterBundle: () => fetchExporterBundle(buildBase) } : {})} />
      </Suspense>
    </div>
  );
}
