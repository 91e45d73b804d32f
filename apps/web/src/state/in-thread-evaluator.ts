/**
 * Parsing, sizing, the traffic curve and the growth forecast in the calling thread, answering before it returns
 * (plan-evaluator.ts says where it is used). It imports the whole model, so the page reaches it
 * through lazy-evaluator.ts only.
 */
import { evaluatePlan } from './evaluate-plan.ts';
import { growthForecast } from './growth-forecast.ts';
import type { PlanEvaluator } from './plan-evaluator.ts';
import { trafficCurve } from './traffic-curve.ts';

export const inThreadEvaluator: PlanEvaluator = {
  evaluate(text, listener) {
    const evaluation = evaluatePlan(text);
    listener.evaluated(evaluation);
    if (!evaluation.ok) return;
    listener.curve?.(trafficCurve(evaluation.results.plan));
    listener.forecast?.(growthForecast(evaluation.results.plan));
  },
};
