/**
 * Scenario A next to scenario B (the plan on screen): totals, per-workload GPUs and verdicts, and
 * what B costs more or less than A. Pure and display-free: every figure is one the model computed
 * for that plan (cluster totals, node pools, workloads) or a verdict and run cost read from it by
 * verdicts.ts; the only arithmetic here is the difference B − A and its share of A.
 */
import type { Sizing } from '@headroom/model';
import { clusterNodeCount } from '../state/sizing-views.ts';
import { runCost, workloadVerdict, type Verdict } from './verdicts.ts';

export interface ScenarioTotals {
  gpus: number;
  nodes: number;
  costPerMonthUsd: number;
  /** The cost leaves out a workload with no known price (Sizing `cluster.costIsLowerBound`). */
  costIsLowerBound: boolean;
  /** False when a workload is infeasible or not placed: GPUs and cost are then estimates. */
  complete: boolean;
}

export interface WorkloadSide {
  kind: string;
  gpus: number;
  verdict: Verdict;
  /** USD of one run for a job whose run cost is known; undefined for services and unsplit pools. */
  runCostUsd: number | undefined;
}

export interface WorkloadComparison {
  name: string;
  /** Undefined where the workload exists in one scenario only. */
  a: WorkloadSide | undefined;
  b: WorkloadSide | undefined;
}

export interface Difference {
  /** B − A. */
  absolute: number;
  /** (B − A) / A, undefined when A is 0 (no share of nothing). */
  relative: number | undefined;
}

export interface ScenarioComparison {
  a: ScenarioTotals;
  b: ScenarioTotals;
  gpus: Difference;
  nodes: Difference;
  costPerMonthUsd: Difference;
  /** Workloads in A's order, then those only B has, in B's order. */
  workloads: WorkloadComparison[];
}

export function scenarioTotals(sizing: Sizing): ScenarioTotals {
  return {
    gpus: sizing.cluster.totals.gpus,
    nodes: clusterNodeCount(sizing),
    costPerMonthUsd: sizing.cluster.costPerMonthUsd,
    costIsLowerBound: sizing.cluster.costIsLowerBound,
    complete: sizing.complete,
  };
}

export function difference(a: number, b: number): Difference {
  return { absolute: b - a, relative: a === 0 ? undefined : (b - a) / a };
}

function workloadSides(sizing: Sizing): Map<string, WorkloadSide> {
  return new Map(
    sizing.workloads.map((w) => {
      const cost = runCost(sizing, w);
      return [w.name, { kind: w.kind, gpus: w.total.gpus, verdict: workloadVerdict(sizing, w), runCostUsd: cost?.ok ? cost.usd : undefined }];
    }),
  );
}

/** A (kept) against B (the plan on screen). */
export function compareScenarios(a: Sizing, b: Sizing): ScenarioComparison {
  const totalsA = scenarioTotals(a);
  const totalsB = scenarioTotals(b);
  const sidesA = workloadSides(a);
  const sidesB = workloadSides(b);
  const names = [...new Set([...sidesA.keys(), ...sidesB.keys()])];
  return {
    a: totalsA,
    b: totalsB,
    gpus: difference(totalsA.gpus, totalsB.gpus),
    nodes: difference(totalsA.nodes, totalsB.nodes),
    costPerMonthUsd: difference(totalsA.costPerMonthUsd, totalsB.costPerMonthUsd),
    workloads: names.map((name) => ({ name, a: sidesA.get(name), b: sidesB.get(name) })),
  };
}
