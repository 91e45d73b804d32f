/** The charts, loaded on demand (React.lazy) so Recharts stays out of the initial bundle. */
import { memo, useMemo } from 'react';
import type { PlanResults } from '../state/evaluate-plan.ts';
import { costByNodePool, gpuMemoryBreakdowns, resourcesByWorkload } from '../state/sizing-views.ts';
import { trafficCurve } from '../state/traffic-curve.ts';
import { CostByPoolChart } from './CostByPoolChart.tsx';
import { GpuMemoryChart } from './GpuMemoryChart.tsx';
import { ResourcesChart } from './ResourcesChart.tsx';
import { TrafficCurveChart } from './TrafficCurveChart.tsx';

/**
 * Memoised: Results passes a deferred copy of the results, so an edit's urgent render skips the
 * charts entirely and they re-render (and re-size across the traffic multipliers) afterwards.
 */
export default memo(function Charts({ results }: { results: PlanResults }) {
  const { plan, sizing } = results;
  const gpuMemory = useMemo(() => gpuMemoryBreakdowns(sizing), [sizing]);
  const resources = useMemo(() => resourcesByWorkload(sizing), [sizing]);
  const pools = useMemo(() => costByNodePool(sizing), [sizing]);
  const curve = useMemo(() => trafficCurve(plan), [plan]);
  return (
    <div className="charts">
      {gpuMemory.length > 0 ? <GpuMemoryChart breakdowns={gpuMemory} /> : null}
      <CostByPoolChart pools={pools} />
      <ResourcesChart rows={resources} />
      {curve.points.length > 0 ? <TrafficCurveChart curve={curve} /> : null}
    </div>
  );
})
