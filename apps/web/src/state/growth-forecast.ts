/**
 * The calculator's growth forecast: @headroom/model's forecast of the last good plan, only when
 * the plan states growth (spec.growth or a workload's growth). Nothing here sizes anything: the
 * model's forecastSteps sizes one month per step, so the worker can give up between months when a
 * newer edit arrives.
 */
import { forecastSteps, planHasGrowth, type Forecast, type Plan } from '@headroom/model';

/**
 * Steps through the plan's forecast: each call sizes one month and returns undefined, until the
 * last returns the Forecast (null when the plan states no growth, or its horizon cannot be sized).
 */
export function growthForecastStepper(plan: Plan): () => Forecast | null | undefined {
  if (!planHasGrowth(plan)) return () => null;
  const steps = forecastSteps(plan);
  return () => {
    try {
      const next = steps.next();
      return next.done ? next.value : undefined;
    } catch {
      // A month the model cannot size (a scaled input out of range): no forecast rather than a broken page.
      return null;
    }
  };
}

/** The whole forecast at once (the in-thread evaluator, tests). */
export function growthForecast(plan: Plan): Forecast | null {
  const step = growthForecastStepper(plan);
  for (;;) {
    const result = step();
    if (result !== undefined) return result;
  }
}
