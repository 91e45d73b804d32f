/**
 * The configurations the LLM search compared, side by side: a sortable table (GPU, TP, PP,
 * replicas, GPUs, USD/month, feasible, what binds) and a cost-vs-GPUs chart (lazy, Recharts). "Pin"
 * writes a configuration into the plan through the form's edit path, so undo brings the search back.
 * Below 600 px of calculator width each configuration is a block of labelled figures (results.css),
 * the sort buttons above them, so the table never scrolls sideways on a phone.
 */
import type { Candidate, WorkloadSizing } from '@headroom/model';
import { lazy, Suspense, useId, useState } from 'react';
import { usePlanEdit } from '../form/use-plan-edit.ts';
import { formatNumber, formatUsd } from '../format.ts';
import { isChosenCandidate, limitLabel } from './figures.ts';
import { sortCandidates, unsized, type SortKey } from './candidate-order.ts';
import { pinCandidate } from './pin-candidate.ts';

const CandidateCostChart = lazy(() => import('../charts/CandidateCostChart.tsx'));

const COLUMNS: { key: SortKey; title: string; numeric: boolean }[] = [
  { key: 'gpu', title: 'GPU', numeric: false },
  { key: 'tensorParallel', title: 'TP', numeric: true },
  { key: 'pipelineParallel', title: 'PP', numeric: true },
  { key: 'replicas', title: 'Replicas', numeric: true },
  { key: 'gpus', title: 'GPUs', numeric: true },
  { key: 'costPerMonthUsd', title: 'USD/month', numeric: true },
  { key: 'feasible', title: 'Feasible', numeric: false },
  { key: 'limitedBy', title: 'What binds', numeric: false },
];

export function CandidateSearch({ workload }: { workload: WorkloadSizing }) {
  const candidates = workload.candidates ?? [];
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'costPerMonthUsd', ascending: true });
  const apply = usePlanEdit();
  const captionId = useId();
  const rows = sortCandidates(candidates, sort.key, sort.ascending);
  const pin = (c: Candidate) => apply((text) => pinCandidate(text, workload.name, c));
  return (
    <details className="candidates" open>
      <summary>
        The search: {candidates.length} configuration{candidates.length === 1 ? '' : 's'} compared
      </summary>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="candidate-table">
          <caption id={captionId}>Configurations compared for {workload.name}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const sorted = sort.key === column.key;
                return (
                  <th key={column.key} scope="col" aria-sort={sorted ? (sort.ascending ? 'ascending' : 'descending') : 'none'} className={column.numeric ? 'numeric' : undefined}>
                    <button type="button" className="sort-button" onClick={() => setSort({ key: column.key, ascending: sorted ? !sort.ascending : true })}>
                      {column.title}
                      <span aria-hidden="true">{sorted ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const chosen = isChosenCandidate(workload, c);
              const label = `${c.gpu} TP ${c.tensorParallel} PP ${c.pipelineParallel}`;
              return (
                <tr key={label} className={chosen ? 'chosen' : undefined} aria-current={chosen ? 'true' : undefined}>
                  <th scope="row">{c.gpu}</th>
                  <td className="numeric" data-label="TP">{c.tensorParallel}</td>
                  <td className="numeric" data-label="PP">{c.pipelineParallel}</td>
                  {unsized(c) ? (
                    <td className="numeric" colSpan={3} data-label="Replicas, GPUs, USD/month">
                      not sized
                    </td>
                  ) : (
                    <>
                      <td className="numeric" data-label="Replicas">{formatNumber(c.replicas)}</td>
                      <td className="numeric" data-label="GPUs">{formatNumber(c.gpus)}</td>
                      <td className="numeric" data-label="USD/month">{formatUsd(c.costPerMonthUsd)}</td>
                    </>
                  )}
                  <td data-label="Feasible">{c.feasible ? 'yes' : 'no'}</td>
                  <td data-label="What binds" title={c.limitedBy}>{limitLabel(c.limitedBy)}</td>
                  <td className="candidate-action">
                    {chosen ? (
                      <span className="chosen-mark">in the plan</span>
                    ) : (
                      <button type="button" className="action-button" aria-label={`Pin ${label} into ${workload.name}`} onClick={() => pin(c)}>
                        Pin
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Suspense fallback={<p className="loading">Loading the chart…</p>}>
        <CandidateCostChart workload={workload.name} candidates={candidates} />
      </Suspense>
    </details>
  );
}
