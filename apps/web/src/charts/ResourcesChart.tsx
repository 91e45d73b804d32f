/** Total CPU cores, memory and GPUs of each workload: three small bar charts, one per resource. */
import { formatNumber } from '../format.ts';
import type { WorkloadResources } from '../state/sizing-views.ts';
import { HorizontalBars } from './HorizontalBars.tsx';

const resources = [
  { key: 'cpuCores', title: 'CPU cores', color: '#3559a8' },
  { key: 'memoryGiB', title: 'Memory (GiB)', color: '#2a7d72' },
  { key: 'gpus', title: 'GPUs', color: '#a05a00' },
] as const;

export function ResourcesChart({ rows }: { rows: WorkloadResources[] }) {
  const height = 40 + rows.length * 26;
  return (
    <figure className="chart chart-wide">
      <figcaption>Resources by workload</figcaption>
      <div className="small-multiples">
        {resources.map((r) => (
          <div key={r.key} className="small-multiple">
            <p className="small-multiple-title" aria-hidden="true">
              {r.title}
            </p>
            <HorizontalBars rows={rows} categoryKey="workload" categoryWidth={110} height={height} bars={[{ key: r.key, name: r.title, color: r.color }]} format={formatNumber} allowDecimals={false} />
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
}
