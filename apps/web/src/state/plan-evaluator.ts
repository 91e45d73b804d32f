/**
 * How a store turns plan text into results: through a PlanEvaluator, which answers through a
 * listener (the store drops any answer that is not for its latest text). The app and the embed use
 * the Web Worker (worker-evaluator.ts), so parsing, sizing and the traffic curve never run on the
 * page's main thread. `inThreadEvaluator` (in-thread-evaluator.ts) runs the very same functions in
 * the calling thread and answers before it returns: the store's default where no worker exists
 * (happy-dom unit tests, Node) and the fallback when a worker cannot start (a
 * Content-Security-Policy or a cross-origin embed.js that forbids it). The page loads it only when
 * it is needed (lazy-evaluator.ts). This module holds only types and helpers, so importing it
 * costs the page nothing.
 */
import type { Forecast } from '@headroom/model';
import type { Evaluation } from './evaluate-plan.ts';
import type { TrafficCurve } from './traffic-curve.ts';

/** What the evaluator is doing for the latest text: reading it, or sizing the plan it read. */
export type EvaluationPhase = 'parsing' | 'sizing';

export interface EvaluationListener {
  progress?: (phase: EvaluationPhase) => void;
  /** The text's problems, or its plan and sizing. */
  evaluated: (evaluation: Evaluation) => void;
  /** The plan re-sized across the traffic multipliers; only after a good evaluation, and only if no newer text came first. */
  curve?: (curve: TrafficCurve) => void;
  /** The growth forecast (null when the plan states no growth); after the curve, on the same terms. */
  forecast?: (forecast: Forecast | null) => void;
}

export interface PlanEvaluator {
  /** Evaluates `text`. A newer call may supersede an older one, whose listener then hears nothing more. */
  evaluate: (text: string, listener: EvaluationListener) => void;
}

/** The one evaluation of `text` (its progress and curve ignored), as a promise. */
export function evaluateText(evaluator: PlanEvaluator, text: string): Promise<Evaluation> {
  return new Promise((resolve) => evaluator.evaluate(text, { evaluated: resolve }));
}
