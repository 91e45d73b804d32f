/**
 * Verdicts with the alerts' own thresholds. Each alert of a check is replayed on the range's
 * samples: `above`/`below` breach when the level the series held for the alert's `for` crosses
 * planned × threshold (or the threshold alone without a plan value), exactly the condition that
 * keeps the alert pending long enough to fire; `differs` compares the latest value (the deployed
 * spec now) with the plan. An alert named *OverProvisioned means the plan is too large; any other
 * `above`/`below` breach means production outgrew the plan.
 */
import type { SignalAlert } from '@headroom/model';
import type { VerifyCheck, WorkloadChecks } from './checks.ts';
import { parseDuration } from './duration.ts';
import { summarize, sustained, type Point, type Summary } from './stats.ts';

export type Verdict = 'under-provisioned' | 'over-provisioned' | 'differs-from-plan' | 'within-plan' | 'not-judged' | 'no-data';

export interface AlertOutcome {
  alert: string;
  breach: SignalAlert['breach'];
  meaning: 'under-provisioned' | 'over-provisioned' | 'differs-from-plan';
  /** The level compared: planned × threshold, the threshold alone, or the planned value for `differs`. */
  limit: number;
  /** The figure compared with it: the level held for `for` (above/below) or the latest value (differs). */
  observed: number;
  /** The alert's `for`, shortened to the observed span when the history is shorter. */
  heldSeconds: number;
  breached: boolean;
}

/** A check as judged: what it queried (the check without its alerts) and what came of it. */
export interface CheckResult extends Omit<VerifyCheck, 'alerts'> {
  summary?: Summary;
  /**
   * Room left in the plan, in percent of the planned value: (planned − p95) / planned for ceilings
   * (signals alerting above the plan, or with no alert), (min − planned) / planned for floors
   * (ready replicas, throughput that must keep up). Negative: past the plan.
   */
  headroomPercent?: number;
  verdict: Verdict;
  outcomes: AlertOutcome[];
  note?: string;
}

export const isOverProvisioningAlert = (alert: SignalAlert) => /OverProvisioned$/.test(alert.name);

const meaningOf = (alert: SignalAlert): AlertOutcome['meaning'] =>
  alert.breach === 'differs' ? 'differs-from-plan' : isOverProvisioningAlert(alert) ? 'over-provisioned' : 'under-provisioned';

/** A floor: the plan is a minimum the signal must stay above (a `below` alert that is not about over-provisioning). */
const isFloor = (check: VerifyCheck) => check.alerts.some((a) => a.breach === 'below' && !isOverProvisioningAlert(a));

/** Missing data ranks above "within plan": a workload is within plan only when every signal it must have was there. */
const VERDICT_ORDER: readonly Verdict[] = ['under-provisioned', 'over-provisioned', 'differs-from-plan', 'no-data', 'within-plan', 'not-judged'];

/** The most serious of several verdicts (under-provisioned first, not-judged last). */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return VERDICT_ORDER.find((v) => verdicts.includes(v)) ?? 'not-judged';
}

/**
 * Judges a check on its range samples. `held` gives, per alert, the level the breach held for the
 * alert's `for` at the rules' resolution (heldQuery), when the range's step is coarser than the
 * `for`: a breach shorter than a step is then still found, as the alert finds it.
 */
export function judgeCheck(check: VerifyCheck, points: readonly Point[], stepSeconds: number, held: Readonly<Record<string, readonly Point[]>> = {}): CheckResult {
  const base = {
    id: check.id, title: check.title, unit: check.unit, query: check.query, required: check.required,
    ...(check.planned !== undefined ? { planned: check.planned } : {}),
    ...(check.plannedFrom !== undefined ? { plannedFrom: check.plannedFrom } : {}),
  };
  const summary = summarize(points);
  if (!summary) {
    return check.required
      ? { ...base, verdict: 'no-data', outcomes: [], note: 'no samples over the range: the signal is not scraped, so its alerts cannot fire' }
      : { ...base, verdict: 'not-judged', outcomes: [], note: 'no samples over the range: nothing of the kind happened' };
  }
  const span = points.at(-1)![0] - points[0]![0];
  const planned = check.planned;
  const outcomes: AlertOutcome[] = [];
  let shortened = false;
  for (const alert of check.alerts) {
    if (alert.breach === 'differs') {
      if (planned === undefined) continue;
      const breached = alert.threshold === 0 ? summary.last !== planned : Math.abs(summary.last - planned) > planned * alert.threshold;
      outcomes.push({ alert: alert.name, breach: alert.breach, meaning: meaningOf(alert), limit: planned, observed: summary.last, heldSeconds: 0, breached });
      continue;
    }
    const hold = parseDuration(alert.for) ?? 0;
    const limit = planned !== undefined ? planned * alert.threshold : alert.threshold;
    const levels = held[alert.name]?.map(([, v]) => v).filter((v) => Number.isFinite(v)) ?? [];
    if (levels.length === 0 && hold > span) shortened = true;
    const observed = levels.length > 0
      ? (alert.breach === 'above' ? Math.max(...levels) : Math.min(...levels))
      : sustained(points, hold, stepSeconds, alert.breach === 'above' ? 'high' : 'low');
    const breached = Number.isFinite(observed) && (alert.breach === 'above' ? observed > limit : observed < limit);
    outcomes.push({ alert: alert.name, breach: alert.breach, meaning: meaningOf(alert), limit, observed, heldSeconds: Math.min(hold, span), breached });
  }
  let headroomPercent: number | undefined;
  if (planned !== undefined && planned !== 0) {
    headroomPercent = (isFloor(check) ? (summary.min - planned) / planned : (planned - summary.p95) / planned) * 100;
  }
  const verdict: Verdict = outcomes.length === 0 ? 'not-judged' : worstVerdict([...outcomes.filter((o) => o.breached).map((o): Verdict => o.meaning), 'within-plan']);
  return {
    ...base, summary, ...(headroomPercent !== undefined ? { headroomPercent } : {}), verdict, outcomes,
    ...(shortened ? { note: `history (${Math.round(span / 60)} min) is shorter than an alert's \`for\`; judged over all of it` } : {}),
  };
}

export interface WorkloadResultBase {
  workload: string;
  kind: string;
  namespace: string;
  verdict: Verdict;
  checks: CheckResult[];
}

export function judgeWorkload(workload: WorkloadChecks, results: readonly CheckResult[]): WorkloadResultBase {
  return {
    workload: workload.workload, kind: workload.kind, namespace: workload.namespace,
    verdict: worstVerdict(results.map((r) => r.verdict)),
    checks: [...results],
  };
}
