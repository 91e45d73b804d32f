/**
 * How generated PromQL finds one workload's pods, and how a signal's query template becomes PromQL
 * for it. Defaults (DESIGN.md): the plan namespace, pod=~"<name>-.*", container="<name>".
 */
import type { Plan, Signal, Workload } from '@headroom/model';
import { matcher, promqlString, regexLiteral } from './escape.ts';

export interface WorkloadTarget {
  plan: string;
  workload: string;
  kind: string;
  namespace: string;
  podRegex: string;
  container: string;
  pvcRegex: string;
}

export function targetOf(plan: Plan, workload: Workload): WorkloadTarget {
  return {
    plan: plan.metadata.name,
    workload: workload.name,
    kind: workload.kind,
    namespace: workload.match?.namespace ?? plan.metadata.namespace,
    podRegex: workload.match?.pod ?? `${regexLiteral(workload.name)}-.*`,
    container: workload.match?.container ?? workload.name,
    // Deployments' claims are <name>-…; StatefulSets' are <template>-<name>-<ordinal>.
    pvcRegex: `(.+-)?${regexLiteral(workload.name)}-.*`,
  };
}

export function podSelector(t: WorkloadTarget): string {
  return [matcher('namespace', '=', t.namespace), matcher('pod', '=~', t.podRegex)].join(', ');
}

export function containerSelector(t: WorkloadTarget): string {
  return [podSelector(t), matcher('container', '=', t.container)].join(', ');
}

/** Fills a signal query template for one workload; `window` is a duration or "$__rate_interval". */
export function renderQuery(template: string, t: WorkloadTarget, window: string): string {
  const unquote = (quoted: string) => quoted.slice(1, -1);
  return template
    .replaceAll('{{selector}}', containerSelector(t))
    .replaceAll('{{podSelector}}', podSelector(t))
    .replaceAll('{{window}}', window)
    .replaceAll('{{namespace}}', unquote(promqlString(t.namespace)))
    .replaceAll('{{workload}}', unquote(promqlString(t.workload)))
    .replaceAll('{{pvcRegex}}', unquote(promqlString(t.pvcRegex)));
}

/** Matchers that select one workload's plan series, e.g. headroom_plan_cpu_cores{plan="p", workload="w", scope="total"}. */
export function planSeries(metric: string, labels: Record<string, string>): string {
  return `${metric}{${Object.entries(labels).map(([k, v]) => matcher(k, '=', v)).join(', ')}}`;
}

export type { Signal };
