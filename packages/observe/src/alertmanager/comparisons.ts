/**
 * Which alerts of a rule file compare production with the plan: those whose expression reads a
 * `headroom_plan_*` series, directly or through recording rules that do. Read from the generated
 * rules themselves, so a new signal or a rewritten rule is classified without a list to keep.
 */
import type { RuleGroup } from '../rules/types.ts';

const PLAN_SERIES_PREFIX = 'headroom_plan_';
// PromQL identifiers (metric and record names, also functions and label names, which never match
// the names looked for); label values are removed first, so a quoted value cannot pass for one.
const IDENTIFIER = /[A-Za-z_:][A-Za-z0-9_:]*/g;
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

const identifiers = (expr: string): string[] => expr.replace(QUOTED, '""').match(IDENTIFIER) ?? [];

/** Names of the alerting rules that read plan series, in rule-file order, without `except`. */
export function planComparisonAlerts(groups: readonly RuleGroup[], except: ReadonlySet<string>): string[] {
  const rules = groups.flatMap((g) => g.rules);
  // Recording rules precede the alerts that read them within a group; a fixed point covers any order.
  const readsPlan = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const rule of rules) {
      if (!('record' in rule) || readsPlan.has(rule.record)) continue;
      if (identifiers(rule.expr).some((name) => name.startsWith(PLAN_SERIES_PREFIX) || readsPlan.has(name))) {
        readsPlan.add(rule.record);
        changed = true;
      }
    }
  }
  const names: string[] = [];
  for (const rule of rules) {
    if (!('alert' in rule) || except.has(rule.alert) || names.includes(rule.alert)) continue;
    if (identifiers(rule.expr).some((name) => name.startsWith(PLAN_SERIES_PREFIX) || readsPlan.has(name))) names.push(rule.alert);
  }
  return names;
}
