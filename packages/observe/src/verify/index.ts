/**
 * Verify a plan against production (issue 6, `headroom verify`), as pure functions: which queries
 * to run per workload (the alerts' own signal queries), verdicts with the alerts' thresholds,
 * headroom, VPA/KRR-style recommendations and the revised plan text. The CLI runs the queries.
 */
export { verifyChecks, type CheckOptions, type VerifyCheck, type WorkloadChecks } from './checks.ts';
export { deployedPlanQuery, deployedSamples } from './deployed.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { heldQuery } from './held.ts';
export { isOverProvisioningAlert, judgeCheck, worstVerdict, type AlertOutcome, type CheckResult, type Verdict } from './judge.ts';
export { defaultRecommendationPolicy, recommend, type Recommendation, type RecommendationPolicy } from './recommend.ts';
export { stepFor, verifyReport, workloadResult, type VerifyReport, type WorkloadResult } from './report.ts';
export { revisePlan, type PlanEdit, type RevisedPlan } from './revise.ts';
export { quantile, summarize, sustained, type Point, type Summary } from './stats.ts';
export { calibratePlanText, calibrationQueries, fittedFigure, observationsFrom, type CalibrationEdit, type CalibrationQuery, type CalibrationSource, type WorkloadCalibrationQueries } from './calibration.ts';
