/**
 * Recording rules shared by the workloads of a (plan, namespace): a signal becomes one rule that
 * reads the namespace's pod series once per distinct query (same template, container and objective)
 * and attaches each pod's workload by the join (SharedScope), instead of one rule per workload that
 * reads them all again. The recorded series keep their names and
 * labels (plan, namespace, workload, kind from the recorded pods), so alerts, dashboards and the
 * exporter join read them unchanged. Workloads found by a pod-name regex keep rules of their own:
 * their pods may also belong to another workload, and a pod in two workloads of one join would make
 * the shared rule fail (many-to-many) for every workload of the namespace.
 */
import { matcher, regexLiteral } from '../promql/escape.ts';
import type { QueryScope, SharedScope, WorkloadTarget } from '../promql/selectors.ts';
import type { RecordingRule } from './types.ts';

export const workloadLabels = (t: WorkloadTarget) => ({ plan: t.plan, namespace: t.namespace, workload: t.workload, kind: t.kind });

/** One workload's recording rule before sharing. */
export interface Candidate {
  record: string;
  target: WorkloadTarget;
  /** Labels besides the workload's own (signal, slo): a shared rule sets them, so they are part of what must be equal. */
  labels?: Record<string, string>;
  /** Whether the query can be shared at all (see isShareable). */
  shareable: boolean;
  /** The expression for this workload alone (scope without `shared`) or for its group (with). */
  render: (scope: QueryScope) => string;
  zeroSeries?: SharedScope['zeroSeries'];
}

/** One label matcher for a set of values: `=`/`!=` for one, an anchored alternation (`=~`/`!~`) of escaped literals for more. */
function setMatcher(label: string, values: readonly string[], keep: boolean): string {
  if (values.length === 1) return matcher(label, keep ? '=' : '!=', values[0]!);
  return matcher(label, keep ? '=~' : '!~', values.map(regexLiteral).join('|'));
}

/**
 * The shortest matchers on the recorded pods that keep exactly `members` of the namespace's
 * workloads `all`: none when all share the rule, their kinds when the rule covers whole kinds
 * (kind-specific signals), else the members or the rest by name.
 */
export function membersMatchers(members: readonly WorkloadTarget[], all: readonly WorkloadTarget[]): string {
  const names = new Set(members.map((t) => t.workload));
  if (all.every((t) => names.has(t.workload))) return '';
  const kinds = [...new Set(members.map((t) => t.kind))];
  // Kinds first: on a tie they keep the rule the same as workloads are added.
  const options = [
    ...(all.filter((t) => kinds.includes(t.kind)).every((t) => names.has(t.workload)) ? [setMatcher('kind', kinds, true)] : []),
    setMatcher('workload', [...names], true),
    setMatcher('workload', all.filter((t) => !names.has(t.workload)).map((t) => t.workload), false),
  ];
  return options.reduce((best, option) => (option.length < best.length ? option : best));
}

/**
 * The labels a shared rule sets: those all its workloads have in common (the series carry the rest
 * from the join).
 */
function commonLabels(members: readonly WorkloadTarget[], extra: Record<string, string> | undefined): Record<string, string> {
  const [first] = members;
  if (first === undefined) throw new Error('internal: a shared rule without workloads');
  const one = (pick: (t: WorkloadTarget) => string) => members.every((t) => pick(t) === pick(first));
  return {
    plan: first.plan,
    namespace: first.namespace,
    ...(one((t) => t.workload) ? { workload: first.workload } : {}),
    ...(one((t) => t.kind) ? { kind: first.kind } : {}),
    ...extra,
  };
}

/**
 * The rules for `candidates` in their order: one rule per record, namespace and extra labels where
 * the first of its workloads' rules was, and a rule of its own for a workload that cannot share.
 * Workloads whose queries differ (another kind's metric, a container named in `match`, another
 * latency bound) get a part each, narrowed to them and joined by `or` (their series are disjoint):
 * promtool's lint refuses two rules of one record with the same labels, and a part still reads the
 * pod series once for all its workloads. `all`: every workload of the file with its recorded pods.
 */
export function shareRules(candidates: readonly Candidate[], all: readonly WorkloadTarget[], scope: QueryScope): RecordingRule[] {
  const identity = (c: Candidate) => JSON.stringify([c.record, c.target.namespace, c.labels ?? {}]);
  const sharing = (c: Candidate) => c.shareable && c.target.podRegex === undefined;
  const rulesOf = new Map<string, Candidate[]>();
  for (const c of candidates.filter(sharing)) rulesOf.set(identity(c), [...(rulesOf.get(identity(c)) ?? []), c]);
  const rules: RecordingRule[] = [];
  for (const c of candidates) {
    if (!sharing(c)) {
      rules.push({ record: c.record, expr: c.render(scope), labels: { ...workloadLabels(c.target), ...c.labels } });
      continue;
    }
    const members = rulesOf.get(identity(c));
    if (members === undefined) continue;
    rulesOf.delete(identity(c));
    const parts = new Map<string, Candidate[]>();
    for (const m of members) {
      const query = m.render({ ...scope, shared: { podMatchers: '', zeroSeries: m.zeroSeries } });
      parts.set(query, [...(parts.get(query) ?? []), m]);
    }
    const namespace = all.filter((t) => t.namespace === c.target.namespace);
    const exprs = [...parts.values()].map((part) => {
      const [first] = part as [Candidate];
      return first.render({ ...scope, shared: { podMatchers: membersMatchers(part.map((m) => m.target), namespace), zeroSeries: first.zeroSeries } });
    });
    const expr = exprs.length === 1 ? exprs[0]! : exprs.map((e) => `(${e})`).join(' or ');
    rules.push({ record: c.record, expr, labels: commonLabels(members.map((m) => m.target), c.labels) });
  }
  return rules;
}
