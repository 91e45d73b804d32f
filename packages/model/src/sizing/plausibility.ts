/**
 * Plausibility bounds on derived figures. A plan whose every input is within its own bound can
 * still multiply out to billions of replicas (10 million requests/s held an hour each); such a
 * figure is a mistake in the plan, not a cluster to buy, so each is reported as a named plan
 * error on the workload or pool, the figure found and the bound with its source.
 */
import type { PlanIssue } from '../schema/parse.ts';
import type { Sizing } from './types.ts';

/** Kubernetes supports at most 150,000 pods per cluster (kubernetes.io, "Considerations for large clusters"). */
export const MAX_PLAUSIBLE_REPLICAS = 150_000;
/** About the largest GPU cluster announced (xAI Colossus, 100,000 H100 GPUs, 2024). */
export const MAX_PLAUSIBLE_GPUS = 100_000;
/** GKE's largest supported cluster, 65,000 nodes (Google Cloud, "Plan for large GKE clusters"). */
export const MAX_PLAUSIBLE_NODES = 65_000;

const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

/** Issues for figures beyond the bounds above; empty when the sizing is plausible. */
export function implausibleFigures(sizing: Sizing): PlanIssue[] {
  const issues: PlanIssue[] = [];
  sizing.workloads.forEach((w, i) => {
    const path = `spec.workloads[${i}]`;
    const replicas = Math.max(w.replicas.peak, w.replicas.max);
    if (!(replicas <= MAX_PLAUSIBLE_REPLICAS)) {
      issues.push({ path, message: `"${w.name}" would need ${count(replicas)} replicas, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_REPLICAS)} (Kubernetes supports at most 150,000 pods per cluster); check its traffic and per-request figures` });
    }
    if (!(w.total.gpus <= MAX_PLAUSIBLE_GPUS)) {
      issues.push({ path, message: `"${w.name}" would need ${count(w.total.gpus)} GPUs, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_GPUS)} (about the largest GPU cluster announced); check its load and deadline` });
    }
  });
  sizing.cluster.nodePools.forEach((pool) => {
    if (!(pool.nodesNeeded <= MAX_PLAUSIBLE_NODES)) {
      issues.push({ path: 'spec.cluster.nodePools', message: `node pool "${pool.name}" would need ${count(pool.nodesNeeded)} nodes, beyond the plausible maximum of ${count(MAX_PLAUSIBLE_NODES)} (GKE's largest supported cluster); check the workloads placed on it` });
    }
  });
  return issues;
}

/**
 * Soft bounds on inputs whose likeliest mistake is a unit (a bare `60` read as seconds, `80` as
 * bytes, `8` parameters meant as 8 billion). A value outside is still valid (the schema's hard
 * bounds are wider); the form warns at the field. Keyed by the field's path within its workload.
 */
export interface InputPlausibility {
  min: number;
  max: number;
  /** Base unit of the value: seconds, bytes, or a plain count. */
  unit: 's' | 'B' | '';
  /** What a value below `min` is short of, and what one above `max` exceeds, with the source. */
  belowWhy: string;
  aboveWhy: string;
}

const GiB = 1024 ** 3;

export const INPUT_PLAUSIBILITY: Readonly<Record<string, InputPlausibility>> = {
  // MLPerf Inference latency limits (mlcommons/inference loadgen/mlperf.conf): TTFT 450 ms
  // (llama2-70b-interactive) to 6,000 ms (llama3_1-405b Server); TPOT 15 ms
  // (deepseek-r1-interactive) to 200 ms (llama2-70b and mixtral-8x7b Server).
  'slo.timeToFirstToken': {
    min: 0.05, max: 30, unit: 's',
    belowWhy: 'a ninth of the strictest TTFT limit MLPerf Inference sets (450 ms, Llama 2 70B interactive)',
    aboveWhy: 'five times the loosest TTFT limit MLPerf Inference sets (6 s, Llama 3.1 405B server)',
  },
  'slo.interTokenLatency': {
    min: 0.005, max: 1, unit: 's',
    belowWhy: 'a third of the strictest time-per-output-token limit MLPerf Inference sets (15 ms, DeepSeek-R1 interactive)',
    aboveWhy: 'five times the loosest time-per-output-token limit MLPerf Inference sets (200 ms, Llama 2 70B server)',
  },
  // MLPerf Inference server latency limits (same file): 15 ms (resnet50) to 20 s (gptj, a whole generation).
  'slo.latencyP95': {
    min: 0.001, max: 60, unit: 's',
    belowWhy: 'a fifteenth of the strictest server latency limit MLPerf Inference sets (15 ms, ResNet-50)',
    aboveWhy: 'three times the loosest server latency limit MLPerf Inference sets (20 s, GPT-J generating a whole answer)',
  },
  'model.sizeBytes': {
    min: 1024, max: 4096 * GiB, unit: 'B',
    belowWhy: 'smaller than any model file (a bare number is read as bytes: write "80 GB" or "80 GiB")',
    aboveWhy: 'twice the bf16 weights of the largest open-weight models published (about 1 trillion parameters, 2 TB)',
  },
  'model.parameters': {
    min: 1e7, max: 1e13, unit: '',
    belowWhy: 'fewer than GPT-2 small\'s 124 million, the smallest model served as a language model (write 8e9 for 8 billion)',
    aboveWhy: 'ten times the largest open-weight models published (about 1 trillion parameters)',
  },
};

export type ImplausibleInput = { side: 'below' | 'above'; limit: number; unit: InputPlausibility['unit']; why: string };

/** How `value` (base units) at the workload field `path` falls outside its plausible range; undefined when inside or unbounded. */
export function implausibleInput(path: string, value: number): ImplausibleInput | undefined {
  const bounds = INPUT_PLAUSIBILITY[path];
  if (!bounds || !Number.isFinite(value)) return undefined;
  if (value < bounds.min) return { side: 'below', limit: bounds.min, unit: bounds.unit, why: bounds.belowWhy };
  if (value > bounds.max) return { side: 'above', limit: bounds.max, unit: bounds.unit, why: bounds.aboveWhy };
  return undefined;
}
