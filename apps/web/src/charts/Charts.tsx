/** The charts, loaded on demand (React.lazy) so Recharts stays out of the initial bundle. */
import { memo, useDeferredValue, useMemo } from 'react';
import type { PlanResults } from '../state/evaluate-plan.ts';
import { costByNodePool, gpuMemoryBreakdowns, resourcesByWorkload } from '../state/sizing-views.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { selectTrafficCurve } from '../state/store.ts';
import { trafficCurveApplies } from '../state/traffic-curve.ts';
import { CostByPoolChart } from './CostByPoolChart.tsx';
import { GpuMemoryChart } from './GpuMemoryChart.tsx';
import { ResourcesChart } from './ResourcesChart.tsx';
import { useStaggeredValue } from './staggered.ts';
import { TrafficCurveChart } from './TrafficCurveChart.tsx';

/**
 * Charts by workload draw at most this many (the first, in plan order; the workload table lists
 * all). A bar per workload of a 1,000-workload plan is a chart 26,000 px tall that Recharts took
 * tens of seconds to draw, holding the page (docs/benchmarks.md, "Main thread").
 */
export const CHART_WORKLOADS = 40;

/**
 * Memoised: Results passes a deferred copy of the results, so an edit's urgent render skips the
 * charts entirely and they re-render afterwards, one chart per task (staggered.ts). The traffic
 * curve (the plan re-sized at each multiplier) comes from the plan worker through the store, a
 * little after the results.
 */
export default memo(function Charts({ results }: { results: PlanResults }) {
  const { sizing } = results;
  const workloadCount = sizing.workloads.length;
  const gpuMemory = useStaggeredValue(useMemo(() => gpuMemoryBreakdowns(sizing).slice(0, CHART_WORKLOADS), [sizing]), 0);
  const pools = useStaggeredValue(useMemo(() => costByNodePool(sizing), [sizing]), 1);
  // The resources chart is three charts; it staggers them itself, from slot 2.
  const resources = useMemo(() => resourcesByWorkload(sizing).slice(0, CHART_WORKLOADS), [sizing]);
  const curve = useStaggeredValue(useDeferredValue(usePlanStore(selectTrafficCurve)), 5);
  return (
    <div className="charts">
      {gpuMemory.length > 0 ? <GpuMemoryChart breakdowns={gpuMemory} of={sizing.workloads.filter((w) => w.kind === 'llm-inference').length} /> : null}
      <CostByPoolChart pools={pools} />
      <ResourcesChart rows={resources} of={workloadCount} firstSlot={2} />
      {/* A plan of training runs only has no traffic to scale: no curve (issue 16, charts only where they apply). */}
      {curve && curve.points.length > 0 && trafficCurveApplies(sizing) ? <TrafficCurveChart curve={curve} /> : null}
    </div>
  );
})
