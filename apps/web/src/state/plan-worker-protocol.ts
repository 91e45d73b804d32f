/** Messages between the page (worker-evaluator.ts) and the plan worker (plan.worker.ts). */
import type { Forecast } from '@headroom/model';
import type { Evaluation } from './evaluate-plan.ts';
import type { EvaluationPhase } from './plan-evaluator.ts';
import type { TrafficCurve } from './traffic-curve.ts';

/** Evaluate `text`; `id` grows with every request, and a newer request abandons an older one's curve. */
export interface PlanWorkerRequest {
  id: number;
  text: string;
}

export type PlanWorkerResponse =
  | { id: number; kind: 'progress'; phase: EvaluationPhase }
  | { id: number; kind: 'evaluated'; evaluation: Evaluation }
  | { id: number; kind: 'curve'; curve: TrafficCurve }
  /** The growth forecast, after the curve; null when the plan states no growth. */
  | { id: number; kind: 'forecast'; forecast: Forecast | null };
