/**
 * What the plan worker does with a request, apart from the worker's globals so tests can drive it
 * over a MessageChannel: parse and validate (evaluatePlan), post the result, then re-size the plan
 * at each traffic multiplier, one multiplier per task, then forecast its growth, one month per task. Between those tasks a newer request can
 * arrive; the curve of the older one is then abandoned, so the latest edit is never queued behind
 * a curve nobody will see.
 */
import { parsePlanText, sizeParsedPlan } from './evaluate-plan.ts';
import { growthForecastStepper } from './growth-forecast.ts';
import type { PlanWorkerRequest, PlanWorkerResponse } from './plan-worker-protocol.ts';
import { curveKinds, TRAFFIC_MULTIPLIERS, trafficCurvePoint, type TrafficCurvePoint } from './traffic-curve.ts';

export function planWorkerHandler(post: (response: PlanWorkerResponse) => void, nextTask: (step: () => void) => void = (step) => setTimeout(step, 0)): (request: PlanWorkerRequest) => void {
  let latest = -1;
  return ({ id, text }) => {
    latest = id;
    post({ id, kind: 'progress', phase: 'parsing' });
    const parsed = parsePlanText(text);
    if (!parsed.ok) return post({ id, kind: 'evaluated', evaluation: parsed });
    post({ id, kind: 'progress', phase: 'sizing' });
    const evaluation = sizeParsedPlan(parsed.plan, text);
    post({ id, kind: 'evaluated', evaluation });
    if (!evaluation.ok) return;
    const { plan } = evaluation.results;
    const points: TrafficCurvePoint[] = [];
    const step = (index: number) => {
      if (latest !== id) return;
      const multiplier = TRAFFIC_MULTIPLIERS[index];
      if (multiplier === undefined) {
        post({ id, kind: 'curve', curve: { kinds: curveKinds(plan), points } });
        return nextTask(() => forecastMonth(growthForecastStepper(plan)));
      }
      const point = trafficCurvePoint(plan, multiplier);
      if (point) points.push(point);
      nextTask(() => step(index + 1));
    };
    // Then the growth forecast, one month per task, abandoned like the curve.
    const forecastMonth = (stepper: ReturnType<typeof growthForecastStepper>) => {
      if (latest !== id) return;
      const forecast = stepper();
      if (forecast !== undefined) return post({ id, kind: 'forecast', forecast });
      nextTask(() => forecastMonth(stepper));
    };
    nextTask(() => step(0));
  };
}
