/**
 * One row per workload: replicas (min/peak/max), resources per replica and in total, node pool.
 * Every cell links to the explanation step that computed it. The table fits its column without
 * sideways scrolling at 1440 px: long names wrap, the GPU model is shortened with the full name on
 * hover, and below 600 px of calculator width each row becomes a list of labelled figures.
 */
import type { WorkloadSizing } from '@headroom/model';
import type { ReactNode } from 'react';
import { formatBytes, formatNumber } from '../format.ts';
import { ExplainLink, poolSubject, workloadSubject } from './explain-link.tsx';

/** The first of `ids` the workload's explanation has: the kinds name their steps differently (a training run has no replicasMin). */
export function stepOf(w: WorkloadSizing, ...ids: string[]): string | undefined {
  return ids.find((id) => w.explain.some((s) => s.id === id));
}

/** The GPU model without its memory and form factor ("H100-SXM-80GB" → "H100"), for narrow cells; the full id goes in the title. */
export function shortGpuName(id: string): string {
  return id.split('-')[0] || id;
}

/** `pools`: the node pools the plan has, whose explanations a pool cell links to (an unplaced workload's pool has none). */
export function WorkloadTable({ workloads, pools }: { workloads: WorkloadSizing[]; pools: readonly string[] }) {
  return (
    <section aria-labelledby="workloads-heading">
      <h2 id="workloads-heading">Workloads</h2>
      {/* Focusable so keyboard users can scroll the table should a long name still widen it (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Workload table">
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
              <WorkloadRow key={w.name} w={w} pooled={pools.includes(w.nodePool)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WorkloadRow({ w, pooled }: { w: WorkloadSizing; pooled: boolean }) {
  const subject = workloadSubject(w.name);
  const replicasPeak = stepOf(w, 'replicasPeak');
  // A cell's figure, linked to the step that computed it; `label` names the column for the small-screen layout.
  const cell = (label: string, what: string, step: string | undefined, value: ReactNode, testId?: string) => (
    <td data-label={label} {...(testId ? { 'data-testid': testId } : {})}>
      <ExplainLink subject={subject} step={step} what={`${what} of ${w.name}`}>
        {value}
      </ExplainLink>
    </td>
  );
  const gpuModel = w.perReplica.gpuModel ?? 'GPU';
  return (
    <tr>
      <th scope="row">
        {w.name}
        <span className="kind">{w.kind}</span>
      </th>
      {cell('Replicas min', 'the minimum replicas', stepOf(w, 'replicasMin', 'replicasPeak'), w.replicas.min, `replicas-min-${w.name}`)}
      {cell('Replicas peak', 'the replicas at peak', replicasPeak, w.replicas.peak, `replicas-peak-${w.name}`)}
      {cell('Replicas max', 'the maximum replicas', stepOf(w, 'replicasMax', 'replicasPeak'), w.replicas.max, `replicas-max-${w.name}`)}
      {cell('CPU per replica', 'the CPU per replica', stepOf(w, 'cpuCoresPerReplica', 'coresNeeded'), formatNumber(w.perReplica.cpuCores))}
      {cell('Memory per replica', 'the memory per replica', stepOf(w, 'memoryBytesPerReplica', 'memoryPerGpuBytes'), formatBytes(w.perReplica.memoryBytes))}
      {cell(
        'GPUs per replica',
        'the GPUs per replica',
        stepOf(w, 'tensorParallel', 'gpus', 'gpusNeeded'),
        w.perReplica.gpus > 0 ? (
          <abbr title={`${w.perReplica.gpus} × ${gpuModel}`}>
            {w.perReplica.gpus} × {shortGpuName(gpuModel)}
          </abbr>
        ) : (
          '—'
        ),
      )}
      {cell('CPU in total', 'the total CPU', replicasPeak, formatNumber(w.total.cpuCores))}
      {cell('Memory in total', 'the total memory', replicasPeak, formatBytes(w.total.memoryBytes))}
      {cell('GPUs in total', 'the total GPUs', stepOf(w, 'gpus', 'gpusNeeded', 'replicasPeak'), w.total.gpus)}
      {cell('Storage in total', 'the total storage', stepOf(w, 'storedBytes', 'outputBytes', 'checkpointBytes', 'ephemeralStorageBytesPerReplica'), formatBytes(w.total.storageBytes))}
      <td data-label="Node pool" className="pool-cell">
        {pooled ? (
          <ExplainLink subject={poolSubject(w.nodePool)} step="nodes" what={`node pool ${w.nodePool}`}>
            {w.nodePool}
          </ExplainLink>
        ) : (
          w.nodePool
        )}
      </td>
    </tr>
  );
}
