/** Growth forecast: the plan sized month by month, and when each stated limit runs out. */
export { calendarMonth, forecastPlan, forecastSteps, type ForecastOptions } from './forecast-plan.ts';
export { growthRule, loadMultiplier, planHasGrowth, type WorkloadGrowthRule } from './growth.ts';
export type * from './types.ts';
export { forecastMonthAt, forecastSamples } from './forecast-series.ts';
