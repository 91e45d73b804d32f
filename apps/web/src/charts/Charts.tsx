/** The charts, loaded on demand (React.lazy) so Recharts stays out of the initial bundle. */
import type { Sizing } from '@headroom/model';
import { costByNodePool, gpuMemoryBreakdowns } from '../state/sizing-views.ts';
import { CostByPoolChart } from './CostByPoolChart.tsx';
import { GpuMemoryChart } from './GpuMemoryChart.tsx';

export default function Charts({ sizing }: { sizing: Sizing }) {
  const gpuMemory = gpuMemoryBreakdowns(sizing);
  return (
    <div className="charts">
      {gpuMemory.length > 0 ? <GpuMemoryChart breakdowns={gpuMemory} /> : null}
      <CostByPoolChart pools={costByNodePool(sizing)} />
    </div>
  );
}
