/**
 * How generated PromQL finds one workload's pods, and how a signal's query template becomes PromQL
 * for it. Pods belong to a workload through their owner (DESIGN.md, turn 2): the Deployment (via
 * its ReplicaSets), StatefulSet, Job or CronJob (via its Jobs) named like the workload, read from
 * kube-state-metrics' owner series as kubernetes-mixin does. `match.pod` overrides that with a pod
 * name regex; `match.container` narrows container-level metrics to one container.
 */
import { podsPerReplica, type Plan, type Signal, type Workload, type WorkloadSizing } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { matcher, promqlString, regexLiteral } from './escape.ts';
import { podWorkloadRecord, signalRecord } from './names.ts';

export interface WorkloadTarget {
  plan: string;
  workload: string;
  kind: string;
  namespace: string;
  /** Name of the Deployment, StatefulSet, Job, CronJob or LeaderWorkerSet that owns the pods. */
  owner: string;
  /**
   * Pods one replica spans (`podsPerReplica`): above 1 the service runs as a LeaderWorkerSet of
   * that group size, whose pods its StatefulSets own (see ownedPods).
   */
  podsPerReplica: number;
  /** `match.pod`: find the pods by name instead of by owner. */
  podRegex: string | undefined;
  /** Container name for manifests (match.container or the workload name). */
  container: string;
  /** `match.container`: container-level metrics of this container only. */
  containerMatch: string | undefined;
}

export function targetOf(plan: Plan, workload: Workload, sizing: WorkloadSizing): WorkloadTarget {
  return {
    plan: plan.metadata.name,
    workload: workload.name,
    kind: workload.kind,
    namespace: workload.match?.namespace ?? plan.metadata.namespace,
    owner: workload.name,
    podsPerReplica: sizing.runsAs === 'service' ? podsPerReplica(sizing) : 1,
    podRegex: workload.match?.pod,
    container: workload.match?.container ?? workload.name,
    containerMatch: workload.match?.container,
  };
}

/**
 * Where the query runs: the rate window, the cluster label's name, and for dashboards a matcher
 * value for it (a Grafana variable) so one dashboard shows one cluster at a time.
 */
export interface QueryScope {
  window: string;
  clusterLabel: string;
  /** Dashboards: `$cluster`; rules leave the cluster open and group by it. */
  clusterValue?: string;
  /**
   * `verify` reads history that predates the kit's rules (or a Prometheus without them): it
   * inlines the owner join instead of reading the recorded pods, and another signal's query as a
   * subquery instead of its recorded series. Given: the query template of a signal by id.
   */
  inline?: (signalId: string) => string | undefined;
  /** Recording rules: one rule for several workloads of a namespace (see SharedScope). */
  shared?: SharedScope;
}

/**
 * One recording rule computes a signal for every workload of a (plan, namespace) at once: the pod
 * series are read once and the join attaches each pod's workload from the recorded pods (whose
 * series carry plan, namespace, workload and kind), instead of one rule per workload reading every
 * pod of the namespace again (cost grew with workloads² per namespace: docs/benchmarks.md).
 */
export interface SharedScope {
  /** Extra matchers on the recorded pods that keep exactly the rule's workloads, e.g. `kind="training"`; '' for all. */
  podMatchers: string;
  /** `{{orZero}}`: the plan series (one per workload, labelled plan, namespace, workload, kind) that give 0 where no pod is. */
  zeroSeries?: { metric: string; labels?: Record<string, string> };
}

/** The series of the shared rule's workloads: plan and namespace, narrowed by SharedScope.podMatchers. */
export function sharedMatchers(t: WorkloadTarget, shared: SharedScope, extra: Record<string, string> = {}): string {
  const matchers = [matcher('plan', '=', t.plan), matcher('namespace', '=', t.namespace), ...Object.entries(extra).map(([k, v]) => matcher(k, '=', v))];
  return [...matchers, ...(shared.podMatchers ? [shared.podMatchers] : [])].join(', ');
}

/** The labels a shared rule keeps: those of every workload series (the join with the plan is on cluster, plan, workload). */
export const sharedGrouping = (scope: QueryScope) => `${scope.clusterLabel}, plan, namespace, workload, kind`;

/**
 * Whether a template can be computed for many workloads in one rule: it names no single workload
 * (no {{workload}}, {{owner}}, other signal's record) and every {{pods}} join feeds straight into a
 * `{{by}}` aggregation, which in a shared rule keeps the workload labels the join attached. (An
 * aggregation in between, e.g. `max by (cluster, namespace, persistentvolumeclaim)` over the joined
 * pods, would drop them.)
 */
export function isShareable(template: string): boolean {
  if (!template.includes('{{pods}}') || /\{\{(workload|owner|record:[^}]*)\}\}/.test(template)) return false;
  for (let at = template.indexOf('{{pods}}'); at >= 0; at = template.indexOf('{{pods}}', at + 1)) {
    const close = at + '{{pods}}'.length;
    if (template[close] !== ')') return false;
    let depth = 0;
    let open = close;
    for (; open >= 0; open--) {
      if (template[open] === ')') depth++;
      else if (template[open] === '(' && --depth === 0) break;
    }
    if (!template.slice(0, open).endsWith('{{by}} ')) return false;
  }
  return true;
}

export const ruleScope = (config: KitConfig): QueryScope => ({ window: config.rateWindow, clusterLabel: config.clusterLabel });

function clusterMatchers(scope: QueryScope): string[] {
  return scope.clusterValue === undefined ? [] : [matcher(scope.clusterLabel, '=~', scope.clusterValue)];
}

/** Namespace (and in dashboards cluster) matchers for series that carry the pod's labels. */
export function namespaceSelector(t: WorkloadTarget, scope: QueryScope): string {
  return [...clusterMatchers(scope), matcher('namespace', '=', t.namespace)].join(', ');
}

/**
 * Container-level series (cAdvisor, kube-state-metrics' container metrics): the named container, or
 * every real container. cAdvisor also reports each pod's own cgroup without a `container` label, and
 * the pause container as container="POD"; counting those would count the pod twice.
 */
export function containerSelector(t: WorkloadTarget, scope: QueryScope): string {
  const container = t.containerMatch !== undefined ? [matcher('container', '=', t.containerMatch)] : ['container!=""', 'container!="POD"'];
  return [namespaceSelector(t, scope), ...container].join(', ');
}

/** The recorded pods of the workload: one series per (cluster, namespace, pod), value 1. */
export function workloadPods(t: WorkloadTarget, scope: QueryScope): string {
  return `${podWorkloadRecord}{${[...clusterMatchers(scope), matcher('plan', '=', t.plan), matcher('workload', '=', t.workload)].join(', ')}}`;
}

/** `* on (cluster, namespace, pod) group_left () <the workload's pods>`: keeps the left side's series of the workload's pods. */
export function podJoin(t: WorkloadTarget, scope: QueryScope): string {
  if (scope.shared) {
    return `* on (${scope.clusterLabel}, namespace, pod) group_left (plan, workload, kind) ${podWorkloadRecord}{${sharedMatchers(t, scope.shared)}}`;
  }
  const pods = scope.inline ? ownedPods(t, scope) : workloadPods(t, scope);
  return `* on (${scope.clusterLabel}, namespace, pod) group_left () ${pods}`;
}

/**
 * The pods the workload owns, from kube-state-metrics (kubernetes-mixin's
 * namespace_workload_pod:kube_pod_owner:relabel, narrowed to one owner): pods owned directly by the
 * StatefulSet, DaemonSet, Job or training operator's job (Kubeflow PyTorchJob, TFJob, MPIJob); pods
 * of the Deployment's ReplicaSets (kube_replicaset_owner); pods of the Jobs of the CronJob or JobSet
 * (kube_job_owner). `max by` folds duplicates from several kube-state-metrics
 * replicas. With `match.pod`, the pods whose name matches instead.
 */
const DIRECT_OWNERS = 'StatefulSet|DaemonSet|Job|PyTorchJob|TFJob|MPIJob';

export function ownedPods(t: WorkloadTarget, scope: QueryScope): string {
  const c = scope.clusterLabel;
  const ns = matcher('namespace', '=', t.namespace);
  const owner = matcher('owner_name', '=', t.owner);
  if (t.podRegex !== undefined) return `max by (${c}, namespace, pod) (kube_pod_info{${ns}, ${matcher('pod', '=~', t.podRegex)}})`;
  // A LeaderWorkerSet (sigs.k8s.io/lws) owns no pod itself: its leader StatefulSet, named like it,
  // owns the leader pods, and one worker StatefulSet per group, "<name>-<group index>", owns that
  // group's workers. kube-state-metrics has no StatefulSet owner series to follow up, so the names.
  if (t.podsPerReplica > 1) return `max by (${c}, namespace, pod) (kube_pod_owner{${ns}, owner_kind="StatefulSet", ${matcher('owner_name', '=~', `${regexLiteral(t.owner)}(-[0-9]+)?`)}})`;
  const via = (ownerSeries: string, ownerKinds: string, childLabel: string, childKind: string) =>
    `(kube_pod_owner{${ns}, owner_kind="${childKind}"} * on (${c}, namespace, owner_name) group_left () max by (${c}, namespace, owner_name) (label_replace(${ownerSeries}{${ns}, owner_kind=~"${ownerKinds}", ${owner}}, "owner_name", "$1", "${childLabel}", "(.+)")))`;
  return `max by (${c}, namespace, pod) (kube_pod_owner{${ns}, owner_kind=~"${DIRECT_OWNERS}", ${owner}} or ${via('kube_replicaset_owner', 'Deployment', 'replicaset', 'ReplicaSet')} or ${via('kube_job_owner', 'CronJob|JobSet', 'job_name', 'Job')})`;
}

/**
 * Fills a signal query template for one workload. Placeholders (see Signal in @headroom/model):
 * {{selector}}, {{containerSelector}}, {{pods}}, {{by}}, {{orZero}}, {{window}}, {{namespace}},
 * {{workload}}, {{owner}}, {{plan}}, {{cluster}}.
 */
export function renderQuery(template: string, t: WorkloadTarget, scope: QueryScope): string {
  const unquote = (quoted: string) => quoted.slice(1, -1);
  const by = scope.shared ? `by (${sharedGrouping(scope)})` : `by (${scope.clusterLabel})`;
  const cluster = clusterMatchers(scope);
  const planInfo = `headroom_plan_info{${[...cluster, matcher('plan', '=', t.plan)].join(', ')}}`;
  const ksm = `kube_pod_owner${cluster.length ? `{${cluster.join(', ')}}` : ''}`;
  const workloadMatchers = [...cluster, matcher('plan', '=', t.plan), matcher('workload', '=', t.workload)].join(', ');
  return template
    .replace(/\{\{record:([a-z0-9-]+)\}\}\[(\d+[smhd])\]/g, (_, id: string, range: string) => {
      const query = scope.inline?.(id);
      if (scope.inline && query === undefined) throw new Error(`internal: no signal ${id} to inline`);
      return query !== undefined ? `(${renderQuery(query, t, scope)})[${range}:${scope.window}]` : `${signalRecord(id)}{${workloadMatchers}}[${range}]`;
    })
    .replaceAll('{{selector}}', namespaceSelector(t, scope))
    .replaceAll('{{containerSelector}}', containerSelector(t, scope))
    .replaceAll('{{pods}}', podJoin(t, scope))
    .replaceAll('{{by}}', by)
    .replaceAll('{{orZero}}', () => orZero(t, scope, planInfo, ksm))
    .replaceAll('{{window}}', scope.window)
    .replaceAll('{{cluster}}', scope.clusterLabel)
    .replaceAll('{{namespace}}', unquote(promqlString(t.namespace)))
    .replaceAll('{{workload}}', unquote(promqlString(t.workload)))
    .replaceAll('{{owner}}', unquote(promqlString(t.owner)))
    .replaceAll('{{plan}}', unquote(promqlString(t.plan)));
}

// Zero in every cluster that runs the plan (the plan series carry the cluster label) and
// kube-state-metrics, so "none at all" compares as zero instead of being absent; without
// kube-state-metrics it stays absent (one alert says so, not one per workload). A shared rule takes
// its zeros from a per-workload plan series (SharedScope.zeroSeries).
function orZero(t: WorkloadTarget, scope: QueryScope, planInfo: string, ksm: string): string {
  const c = scope.clusterLabel;
  const kubeStateMetrics = `and on (${c}) max by (${c}) (${ksm})`;
  if (!scope.shared) return `or (0 * max by (${c}) (${planInfo}) ${kubeStateMetrics})`;
  const zero = scope.shared.zeroSeries;
  if (zero === undefined) throw new Error('internal: a shared {{orZero}} needs a per-workload plan series');
  return `or (0 * max by (${sharedGrouping(scope)}) (${zero.metric}{${sharedMatchers(t, scope.shared, zero.labels)}}) ${kubeStateMetrics})`;
}

/** Matchers that select one workload's plan series, e.g. headroom_plan_cpu_cores{plan="p", workload="w", scope="total"}. */
export function planSeries(metric: string, labels: Record<string, string>): string {
  return `${metric}{${Object.entries(labels).map(([k, v]) => matcher(k, '=', v)).join(', ')}}`;
}

export type { Signal };
