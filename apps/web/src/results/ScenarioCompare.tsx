/**
 * A (kept) beside B (the plan on screen): totals, the cost difference, and each workload's GPUs
 * and verdict, from compareScenarios (scenario-comparison.ts). Swap, restore and keep go through
 * the store's edit path, so Undo follows them; clearing A forgets it.
 */
import type { ReactNode } from 'react';
import { formatNumber, formatUsd } from '../format.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { selectResultsAreCurrent, selectScenarioA, selectSizing, selectText } from '../state/store.ts';
import { compareScenarios, type Difference, type ScenarioTotals, type WorkloadSide } from './scenario-comparison.ts';

export default function ScenarioCompare() {
  const scenarioA = usePlanStore(selectScenarioA);
  const sizing = usePlanStore(selectSizing);
  const current = usePlanStore(selectResultsAreCurrent);
  const text = usePlanStore(selectText);
  const swapScenarios = usePlanStore((s) => s.swapScenarios);
  const restoreA = usePlanStore((s) => s.restoreA);
  const keepAsA = usePlanStore((s) => s.keepAsA);
  const clearA = usePlanStore((s) => s.clearA);
  if (!scenarioA || !sizing) return null;
  const comparison = compareScenarios(scenarioA.sizing, sizing);
  const sameText = scenarioA.text === text;
  return (
    <>
      <h2 className="scenario-heading">
        Scenario A ({scenarioA.sizing.plan.name}) and B (the plan on screen{current ? '' : ', last valid version'})
      </h2>
      <p className="scenario-cost-difference" data-testid="scenario-cost-difference">
        {costSentence(comparison.costPerMonthUsd, comparison.a, comparison.b)}
      </p>
      {comparison.a.complete && comparison.b.complete ? null : (
        <p className="scenario-incomplete">
          {[comparison.a.complete ? undefined : 'A', comparison.b.complete ? undefined : 'B'].filter(Boolean).join(' and ')} has an infeasible or unplaced workload: its GPUs and cost are estimates, not a plan that works.
        </p>
      )}
      <table className="scenario-table" aria-label="Scenario totals">
        <thead>
          <tr>
            <th scope="col">Total</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          <TotalRow label="GPUs" a={formatNumber(comparison.a.gpus)} b={formatNumber(comparison.b.gpus)} diff={signed(comparison.gpus, formatNumber)} />
          <TotalRow label="Nodes" a={formatNumber(comparison.a.nodes)} b={formatNumber(comparison.b.nodes)} diff={signed(comparison.nodes, formatNumber)} />
          <TotalRow label="Cost per month" a={cost(comparison.a)} b={cost(comparison.b)} diff={signed(comparison.costPerMonthUsd, formatUsd)} />
          {comparison.workloads
            .filter((w) => w.a?.runCostUsd !== undefined || w.b?.runCostUsd !== undefined)
            .map((w) => (
              <TotalRow
                key={w.name}
                label={`Cost per run of ${w.name}`}
                a={runCost(w.a)}
                b={runCost(w.b)}
                diff={w.a?.runCostUsd !== undefined && w.b?.runCostUsd !== undefined ? signed({ absolute: w.b.runCostUsd - w.a.runCostUsd, relative: w.a.runCostUsd === 0 ? undefined : (w.b.runCostUsd - w.a.runCostUsd) / w.a.runCostUsd }, formatUsd) : '—'}
              />
            ))}
        </tbody>
      </table>
      <table className="scenario-table" aria-label="Scenario workloads">
        <thead>
          <tr>
            <th scope="col">Workload</th>
            <th scope="col">GPUs A</th>
            <th scope="col">GPUs B</th>
            <th scope="col">Verdict A</th>
            <th scope="col">Verdict B</th>
          </tr>
        </thead>
        <tbody>
          {comparison.workloads.map((w) => (
            <tr key={w.name}>
              <th scope="row">{w.name}</th>
              <td className="num">{w.a ? formatNumber(w.a.gpus) : '—'}</td>
              <td className="num">{w.b ? formatNumber(w.b.gpus) : '—'}</td>
              <VerdictCell side={w.a} missing="not in A" />
              <VerdictCell side={w.b} missing="not in B" />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="scenario-actions">
        <button type="button" className="action-button" disabled={!current || sameText} onClick={swapScenarios} title={current ? undefined : 'B has problems or is being sized: fix it first'}>
          Swap A and B
        </button>
        <button type="button" className="action-button" disabled={sameText} onClick={restoreA}>
          Restore A
        </button>
        <button type="button" className="action-button" disabled={!current || sameText} onClick={keepAsA}>
          Keep B as A
        </button>
        <button type="button" className="action-button" onClick={clearA}>
          Clear A
        </button>
      </div>
    </>
  );
}

function TotalRow({ label, a, b, diff }: { label: string; a: string; b: string; diff: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{a}</td>
      <td className="num">{b}</td>
      <td className="num">{diff}</td>
    </tr>
  );
}

function VerdictCell({ side, missing }: { side: WorkloadSide | undefined; missing: string }) {
  if (!side) return <td className="scenario-missing">{missing}</td>;
  return (
    <td className={`verdict-${side.verdict.state}`} title={side.verdict.reasons.join('\n') || undefined}>
      {side.verdict.headline}
    </td>
  );
}

const cost = (totals: ScenarioTotals) => (totals.costIsLowerBound ? `at least ${formatUsd(totals.costPerMonthUsd)}` : formatUsd(totals.costPerMonthUsd));
const runCost = (side: WorkloadSide | undefined) => (side?.runCostUsd !== undefined ? formatUsd(side.runCostUsd) : side ? 'not split' : '—');

function percent(relative: number | undefined): string {
  return relative === undefined ? '' : ` (${relative > 0 ? '+' : ''}${formatNumber(relative * 100)} %)`;
}

/** "+$1,234 (+12.5 %)", "−2", "0"; the share may wrap under the amount on a narrow screen. */
function signed(diff: Difference, format: (n: number) => string): ReactNode {
  if (diff.absolute === 0) return '0';
  const sign = diff.absolute > 0 ? '+' : '−';
  const share = percent(diff.relative);
  return (
    <>
      <span className="nowrap">{`${sign}${format(Math.abs(diff.absolute))}`}</span>
      {share ? <> <span className="nowrap">{share.trim()}</span></> : null}
    </>
  );
}

function costSentence(diff: Difference, a: ScenarioTotals, b: ScenarioTotals): string {
  const bound = a.costIsLowerBound || b.costIsLowerBound ? ' (a cost is a lower bound: a workload has no known price)' : '';
  if (diff.absolute === 0) return `B costs the same as A per month${bound}.`;
  const more = diff.absolute > 0;
  return `B costs ${formatUsd(Math.abs(diff.absolute))} ${more ? 'more' : 'less'} per month than A${percent(diff.relative)}${bound}.`;
}
