/** Total CPU cores, memory and GPUs of each workload: three small bar charts, one per resource. */
import { memo } from 'react';
import { formatNumber } from '../format.ts';
import type { WorkloadResources } from '../state/sizing-views.ts';
import { HorizontalBars, shownOf } from './HorizontalBars.tsx';
import { useStaggeredValue } from './staggered.ts';

const resources = [
  { key: 'cpuCores', title: 'CPU cores', color: '#3559a8' },
  { key: 'memoryGiB', title: 'Memory (GiB)', color: '#2a7d72' },
  { key: 'gpus', title: 'GPUs', color: '#a05a00' },
] as const;

type Resource = (typeof resources)[number];
/** Each resource's one bar series, built once (HorizontalBars: stable props). */
const seriesOf = Object.fromEntries(resources.map((r) => [r.key, [{ key: r.key, name: r.title, color: r.color }]]));

/** One resource's bars, updated in a task of its own (`slot`, staggered.ts). */
const ResourceBars = memo(function ResourceBars({ rows, resource, slot }: { rows: WorkloadResources[]; resource: Resource; slot: number }) {
  const shown = useStaggeredValue(rows, slot);
  return <ResourceBarsChart rows={shown} resource={resource} />;
});

const ResourceBarsChart = memo(function ResourceBarsChart({ rows, resource }: { rows: WorkloadResources[]; resource: Resource }) {
  return (
    <HorizontalBars rows={rows} categoryKey="workload" categoryWidth={130} height={40 + rows.length * 26} bars={seriesOf[resource.key]!} format={formatNumber} allowDecimals={false} />
  );
});

export const ResourcesChart = memo(function ResourcesChart({ rows, of, firstSlot }: { rows: WorkloadResources[]; of: number; firstSlot: number }) {
  return (
    <figure className="chart chart-wide">
      <figcaption>Resources by workload{shownOf(rows.length, of, 'workloads')}</figcaption>
      <div className="small-multiples">
        {resources.map((r, index) => (
          <div key={r.key} className="small-multiple">
            <p className="small-multiple-title" aria-hidden="true">
              {r.title}
            </p>
            <ResourceBars rows={rows} resource={r} slot={firstSlot + index} />
          </div>
        ))}
      </div>
      <ul className="visually-hidden">
        {rows.map((row) => (
          <li key={row.workload}>
            {row.workload}: {formatNumber(row.cpuCores)} CPU cores, {formatNumber(row.memoryGiB)} GiB memory, {formatNumber(row.gpus)} GPUs
          </li>
        ))}
      </ul>
    </figure>
  );
});
