/**
 * The answer, always in view: GPUs, nodes, cost per month, the cost of a run for each job, and a
 * verdict per workload (meets its objective / infeasible and why / not placed). Sticky beside the
 * form on wide screens and first on narrow ones (styles.css, .answer-column). Reads the store's
 * results like every other view, so it follows each edit however the results arrive.
 */
import type { Sizing, WorkloadSizing } from '@headroom/model';
import { useEffect, useId, useRef } from 'react';
import { formatNumber, formatPlanCost, formatUsd } from '../format.ts';
import { clusterNodeCount } from '../state/sizing-views.ts';
import { usePlanStore } from '../state/store-context.tsx';
import { selectResultsAreStale, selectSizing } from '../state/store.ts';
import { runCost, workloadVerdict, type VerdictState } from './verdicts.ts';
import { ShareAndExport } from './ShareAndExport.tsx';
import { ExplainLink, poolSubject, workloadSubject } from '../components/explain-link.tsx';

const MARKS: Record<VerdictState, string> = { meets: '✓', infeasible: '✕', 'not-placed': '✕' };

export function Summary({ shareBase }: { shareBase: string | undefined }) {
  const sizing = usePlanStore(selectSizing);
  const stale = usePlanStore(selectResultsAreStale);
  const headingId = useId();
  const region = useStickyHeight();
  return (
    <section ref={region} className={`summary${stale ? ' stale' : ''}`} aria-label="Summary">
      <h2 id={headingId} className="summary-heading">
        {sizing ? `Summary of ${sizing.plan.name}` : 'Summary'}
        {stale ? <span className="summary-stale"> (last valid plan; the plan on screen has problems)</span> : null}
      </h2>
      {sizing ? <SummaryFigures sizing={sizing} /> : <p>Fix the plan to see the answer.</p>}
      <ShareAndExport shareBase={shareBase} />
    </section>
  );
}

/**
 * Publishes the Summary's height to its column as --summary-block, so results scrolled into view
 * (a focused button, say) stop below the sticky Summary instead of under it (WCAG 2.4.11, focus
 * not obscured; results.css sets scroll-margin-top from it).
 */
function useStickyHeight() {
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = region.current;
    const column = element?.parentElement;
    if (!element || !column || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => column.style.setProperty('--summary-block', `${Math.ceil(element.getBoundingClientRect().height)}px`));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return region;
}

/** Where a verdict's reason is computed: the latency or run-time step the objective is judged on. */
function verdictStep(w: WorkloadSizing): string | undefined {
  const judged = ['timeToFirstTokenSeconds', 'decodeStepSeconds', 'sojournBeyondSloProbability', 'wallClockSeconds', 'runSeconds'];
  return judged.find((id) => w.explain.some((s) => s.id === id));
}

function SummaryFigures({ sizing }: { sizing: Sizing }) {
  const jobs = sizing.workloads.flatMap((w) => {
    const cost = runCost(sizing, w);
    const pool = sizing.cluster.nodePools.some((p) => p.name === w.nodePool) ? w.nodePool : undefined;
    return cost ? [{ name: w.name, pool, cost }] : [];
  });
  return (
    <>
      <dl className="summary-totals">
        <div>
          <dt>GPUs</dt>
          <dd data-testid="summary-gpus">
            <ExplainLink subject="totals" step="total-gpus" what="the plan's GPUs">
              {formatNumber(sizing.cluster.totals.gpus)}
            </ExplainLink>
          </dd>
        </div>
        <div>
          <dt>Nodes</dt>
          <dd data-testid="summary-nodes">
            <ExplainLink subject="totals" step="total-nodes" what="the plan's nodes">
              {formatNumber(clusterNodeCount(sizing))}
            </ExplainLink>
          </dd>
        </div>
        <div>
          <dt>Cost per month</dt>
          <dd data-testid="summary-cost" {...(sizing.cluster.costIsLowerBound ? { title: 'A lower bound: a workload below has no known price (its GPU is on no instance type in the catalog), so the cost leaves it out.' } : {})}>
            <ExplainLink subject="totals" step="total-cost" what="the cost per month">
              {formatPlanCost(sizing.cluster)}
            </ExplainLink>
          </dd>
        </div>
        {jobs.map(({ name, pool, cost }) => (
          <div key={name}>
            <dt>Cost per run of {name}</dt>
            <dd title={cost.ok ? `${cost.formula}: ${Object.entries(cost.inputs).map(([k, v]) => `${k} = ${v}`).join(', ')}` : cost.why}>
              {cost.ok ? (
                // The run's cost is the pool's hourly cost over the run's hours: its pool's cost step explains the price and nodes.
                pool ? (
                  <ExplainLink subject={poolSubject(pool)} step="costPerMonthUsd" what={`the node pool ${pool}'s price`}>
                    {formatUsd(cost.usd)}
                  </ExplainLink>
                ) : (
                  formatUsd(cost.usd)
                )
              ) : (
                <span className="summary-na">{cost.short}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {sizing.complete ? null : (
        <p className="summary-incomplete" role="status">
          The plan is not complete: a workload below is infeasible or not placed, and its GPUs and cost are estimates.
        </p>
      )}
      <ul className="verdicts" aria-label="Verdict per workload">
        {sizing.workloads.map((w) => {
          const verdict = workloadVerdict(sizing, w);
          return (
            <li key={w.name} className={`verdict verdict-${verdict.state}`} data-testid={`verdict-${w.name}`}>
              <span className="verdict-mark" aria-hidden="true">
                {MARKS[verdict.state]}
              </span>
              <span className="verdict-name">{w.name}</span>{' '}
              <span className="verdict-headline">
                <ExplainLink subject={workloadSubject(w.name)} step={verdictStep(w)} what={`${w.name}'s verdict`}>
                  {verdict.headline}
                </ExplainLink>
              </span>
              {verdict.reasons.length > 0 ? (
                <ul className="verdict-reasons">
                  {verdict.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
