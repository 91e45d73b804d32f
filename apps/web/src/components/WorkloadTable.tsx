/** One row per workload: replicas (min/peak/max), resources per replica and in total, node pool. */
import type { WorkloadSizing } from '@headroom/model';
import { formatBytes, formatNumber } from '../format.ts';

export function WorkloadTable({ workloads }: { workloads: WorkloadSizing[] }) {
  return (
    <section aria-labelledby="workloads-heading">
      <h2 id="workloads-heading">Workloads</h2>
      {/* Focusable so keyboard users can scroll the wide table (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Workload table (scrolls sideways)">
        <table className="workloads">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>Workload</th>
              <th scope="colgroup" colSpan={3}>Replicas</th>
              <th scope="colgroup" colSpan={3}>Per replica</th>
              <th scope="colgroup" colSpan={4}>Total</th>
              <th scope="col" rowSpan={2}>Node pool</th>
            </tr>
            <tr>
              <th scope="col">Min</th>
              <th scope="col">Peak</th>
              <th scope="col">Max</th>
              <th scope="col">CPU</th>
              <th scope="col">Memory</th>
              <th scope="col">GPUs</th>
              <th scope="col">CPU</th>
              <th scope="col">Memory</th>
              <th scope="col">GPUs</th>
              <th scope="col">Storage</th>
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => (
              <tr key={w.name}>
                <th scope="row">
                  {w.name}
                  <span className="kind">{w.kind}</span>
                </th>
                <td data-testid={`replicas-min-${w.name}`}>{w.replicas.min}</td>
                <td data-testid={`replicas-peak-${w.name}`}>{w.replicas.peak}</td>
                <td data-testid={`replicas-max-${w.name}`}>{w.replicas.max}</td>
                <td>{formatNumber(w.perReplica.cpuCores)}</td>
                <td>{formatBytes(w.perReplica.memoryBytes)}</td>
                <td>{w.perReplica.gpus > 0 ? `${w.perReplica.gpus} × ${w.perReplica.gpuModel ?? 'GPU'}` : '—'}</td>
                <td>{formatNumber(w.total.cpuCores)}</td>
                <td>{formatBytes(w.total.memoryBytes)}</td>
                <td>{w.total.gpus}</td>
                <td>{formatBytes(w.total.storageBytes)}</td>
                <td>{w.nodePool}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
