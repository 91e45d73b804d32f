/** Plan text to results, through @headroom/model only: parse, validate, size. Never throws. */
import { parsePlan, sizePlan, type Plan, type PlanIssue, type Sizing } from '@headroom/model';

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
    return { ok: true, results: { plan: parsed.plan, sizing: sizePlan(parsed.plan), text } };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `could not size this plan: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
