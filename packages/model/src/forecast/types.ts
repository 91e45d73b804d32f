/** The forecast's output (DESIGN.md, CLI contract: `forecast <plan> --json`). Months count from 0, today. */

export interface ForecastPoolMonth {
  name: string;
  /** Nodes the pool's workloads need this month (beyond maxNodes when the pool is exhausted). */
  nodes: number;
  maxNodes?: number;
  /** The GPU model on the pool's nodes, if any (what a quota counts). */
  gpuModel?: string;
}

export interface ForecastWorkloadMonth {
  name: string;
  /** Load as a multiple of the plan's: (1 + monthly)^month × peak. */
  multiplier: number;
  /** The plan field scaled, its planned and scaled values. */
  field: string;
  planned: number;
  scaled: number;
  replicas: number;
  gpus: number;
  feasible: boolean;
}

export interface ForecastMonth {
  month: number;
  /** Calendar month YYYY-MM when the plan sets spec.growth.start. */
  date?: string;
  gpus: number;
  /** Sum of the nodes every pool needs (the overflow past a maxNodes included). */
  nodes: number;
  /** The Sizing's monthly cost: pools plus the estimate for what does not fit (never a discount). */
  costPerMonthUsd: number;
  /** False when the month's sizing is not complete (infeasible, unplaced or over a quota). */
  complete: boolean;
  nodePools: ForecastPoolMonth[];
  quotas: { gpuModel: string; limitGpus: number; neededGpus: number }[];
  workloads: ForecastWorkloadMonth[];
}

export interface ForecastExhaustion {
  kind: 'maxNodes' | 'quota';
  /** The pool that runs out; for a quota, the pools carrying its GPU model, comma-separated ('' when none does). */
  pool: string;
  /** For a quota: the GPU model it counts, or `total`. */
  gpuModel?: string;
  /** First month the need passes the limit. */
  month: number;
  date?: string;
  /** The stated limit: maxNodes (nodes) or the quota (GPUs). */
  limit: number;
  /** What that month needs, in the limit's unit. */
  needed: number;
}

export interface ForecastGrowth {
  workload: string;
  monthly: number;
  /** Where the rate comes from (a plan field path, or why it is 0). */
  source: string;
  peaks: { month: number; multiplier: number }[];
}

export interface Forecast {
  plan: string;
  horizonMonths: number;
  start?: string;
  growth: ForecastGrowth[];
  months: ForecastMonth[];
  exhaustion: ForecastExhaustion[];
  /**
   * Present when the forecast ends before the horizon: the first month whose figures pass the
   * plausibility bounds (sizing/plausibility.ts), which is left out, and why.
   */
  stopped?: { month: number; reasons: string[] };
}
