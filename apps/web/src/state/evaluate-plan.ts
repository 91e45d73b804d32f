/**
 * Plan text to results, through @headroom/model only: parse, validate, size. Never throws. Pure:
 * the plan worker, the in-thread evaluator and the tests all run these functions.
 */
import { implausibleFigures, parsePlan, sizePlan, type Plan, type PlanIssue, type Sizing } from '@headroom/model';

export interface PlanResults {
  plan: Plan;
  sizing: Sizing;
  /** The text these results came from (the kit ships it as the exporter's plan, unchanged). */
  text: string;
}

export type Evaluation = { ok: true; results: PlanResults } | { ok: false; issues: PlanIssue[] };

export function evaluatePlan(text: string): Evaluation {
  const parsed = parsePlanText(text);
  return parsed.ok ? sizeParsedPlan(parsed.plan, text) : parsed;
}

/** The first half of evaluatePlan: the text read and validated into a plan, or its problems. */
export function parsePlanText(text: string): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  const parsed = parsePlan(text);
  return parsed.ok ? { ok: true, plan: parsed.plan } : { ok: false, issues: parsed.error.issues };
}

/** The second half: the plan sized, or why its figures cannot be trusted. */
export function sizeParsedPlan(plan: Plan, text: string): Evaluation {
  try {
    const sizing = sizePlan(plan);
    const implausible = implausibleFigures(sizing);
    if (implausible.length > 0) return { ok: false, issues: implausible };
    return { ok: true, results: { plan, sizing, text } };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `could not size this plan: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
