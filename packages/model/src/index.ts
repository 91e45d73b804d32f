/** @headroom/model: plan schema, units, catalogs and the sizing engine. Pure: data in, data out. */
export { assumptionCatalog, defaultAssumptions, type Assumption, type AssumptionName, type Assumptions } from './catalog/assumptions.ts';
export { findGpu, gpus } from './catalog/gpus.ts';
export { findInstanceType, instanceTypes } from './catalog/instance-types.ts';
export { findModelPreset, modelPresets } from './catalog/model-presets.ts';
export type { GpuSpec, InstanceType, ModelArchitecture, Provider } from './catalog/types.ts';
export { kinds, type WorkloadKind } from './kinds/index.ts';
export type { FixtureSeries, KindDefinition, RunsAs, LatencyObjective, MetricSource, Signal, SignalAlert } from './kinds/types.ts';
export { planPresets, findPlanPreset, type PlanPreset } from './presets/index.ts';
export { defaultPlanLimits, planLimitUnits, resolvePlanLimits, type PlanLimitName, type PlanLimits } from './schema/limits.ts';
export { formatIssue, formatPath, MAX_REPORTED_ISSUES, parsePlan, PlanError, validatePlan, type ParseOptions, type ParseResult, type PlanIssue } from './schema/parse.ts';
export { planJsonSchema, planSchema, type Plan, type PlanInput, type Workload } from './schema/plan.ts';
export { fingerprint } from './sizing/hash.ts';
export { implausibleFigures, MAX_PLAUSIBLE_GPUS, MAX_PLAUSIBLE_NODES, MAX_PLAUSIBLE_REPLICAS } from './sizing/plausibility.ts';
export { kindOf, sizePlan } from './sizing/size-plan.ts';
export type * from './sizing/types.ts';
export { PLAN_FORMAT_VERSION, planMetricFamilies, plannedGpuMemoryBytesPerReplica, planSamples, type PlanMetricFamily, type PlanSample } from './signals/plan-metrics.ts';
export { workloadObjectives, workloadSignals } from './signals/workload-signals.ts';
export { parseQuantity, type Dimension } from './units.ts';
