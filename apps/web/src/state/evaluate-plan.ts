/** Plan text to results, through @headroom/model only: parse, validate, size. Never throws. */
import { implausibleFigures, parsePlan, sizePlan, type Plan, type PlanIssue, type Sizing } from '@headroom/model';

export interface PlanResults {
  plan: Plan;
  sizing: Sizing;
  /** The text these results came from (the kit ships it as the exporter's plan, unchanged). */
  text: string;
}

export type Evaluation = { ok: true; results: PlanResults } | { ok: false; issues: PlanIssue[] };

export function evaluatePlan(text: string): Evaluation {
  const parsed = parsePlan(text);
  if (!parsed.ok) return { ok: false, issues: parsed.error.issues };
  try {
    const sizing = sizePlan(parsed.plan);
    const implausible = implausibleFigures(sizing);
    if (implausible.length > 0) return { ok: false, issues: implausible };
    return { ok: true, results: { plan: parsed.plan, sizing, text } };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `could not size this plan: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
