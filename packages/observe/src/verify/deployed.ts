/**
 * The plan as deployed: the series the exporter publishes (headroom_plan_*) read back from
 * Prometheus, so verify judges production against the plan that runs rather than a local file
 * that may have moved on. The content hash on headroom_plan_info tells whether they are the same.
 */
import { planMetricFamilies, type PlanSample } from '@headroom/model';

/** The instant query that reads a plan's series. */
export const deployedPlanQuery = (plan: string) => `{__name__=~"headroom_plan_.+", plan=${JSON.stringify(plan)}}`;

/** Labels Prometheus adds that the exporter does not publish; removed so duplicates fold. */
const SCRAPE_LABELS = new Set(['__name__', 'job', 'instance', 'pod', 'container', 'endpoint', 'service', 'prometheus', 'prometheus_replica']);

/**
 * Series of an instant query as plan samples, one per distinct series after scrape labels are
 * dropped (exporter replicas publish the same); where two copies disagree (old and new plan during a
 * rollout) the one from the newer plan, which headroom_plan_info names last by hash, is not
 * knowable here, so the larger value is kept and `conflicts` says so.
 */
export function deployedSamples(series: readonly { metric: Record<string, string>; value: number }[]): { samples: PlanSample[]; hashes: string[]; conflicts: number } {
  const known = new Set<string>(Object.values(planMetricFamilies).map((f) => f.name));
  const byKey = new Map<string, PlanSample>();
  let conflicts = 0;
  const hashes = new Set<string>();
  for (const { metric, value } of series) {
    const name = metric.__name__;
    if (!name || !known.has(name) || !Number.isFinite(value)) continue;
    const labels = Object.fromEntries(Object.entries(metric).filter(([k]) => !SCRAPE_LABELS.has(k)));
    // The exporter's namespace label becomes exported_namespace without honorLabels.
    if (labels.exported_namespace !== undefined) {
      labels.namespace = labels.exported_namespace;
      delete labels.exported_namespace;
    }
    if (name === planMetricFamilies.info.name && labels.hash) hashes.add(labels.hash);
    const key = JSON.stringify([name, Object.entries(labels).filter(([k]) => k !== 'hash' && k !== 'version').sort()]);
    const seen = byKey.get(key);
    if (seen && seen.value !== value) conflicts++;
    if (!seen || value > seen.value) byKey.set(key, { name, labels, value });
  }
  return { samples: [...byKey.values()], hashes: [...hashes].sort(), conflicts };
}
