/**
 * What a shell needs about plan text without the schema: a field path written out, and the
 * structural limit a text breaks before any parsing. Kept apart from parse.ts (which holds zod and
 * every kind's schema) so the calculator's page can check text and show paths while the parsing
 * itself runs in its worker.
 */
import { checkPlanText, describeBreach, resolvePlanLimits, type LimitBreach } from './limits.ts';
import type { ParseOptions, PlanIssue } from './parse.ts';

/** `workloads[0].traffic.peakRequestsPerSecond` from its keys. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/**
 * The structural limit plan text breaks before any parsing (size, lines, nesting), for shells that
 * parse the text themselves (the calculator's form) and must not hand the YAML parser more.
 */
export function planTextLimitIssue(text: string, options: Pick<ParseOptions, 'limits' | 'totalBytes'> = {}): PlanIssue | undefined {
  const breach = checkPlanText(text, resolvePlanLimits(options.limits), options.totalBytes);
  return breach ? breachIssue(breach) : undefined;
}

export function breachIssue(breach: LimitBreach): PlanIssue {
  return { path: '', message: `the plan exceeds a limit: ${describeBreach(breach)}`, limit: breach.limit, ...(breach.line !== undefined ? { line: breach.line } : {}) };
}
