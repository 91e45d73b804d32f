/**
 * Node pools, planned and actual: recording rules and alerts that compare the plan's pools (the
 * exporter's headroom_plan_pool_* series) with the nodes kube-state-metrics reports, by instance
 * type. Pools are not visible in kube-state-metrics, instance types are: nodes carry the kubelet's
 * `node.kubernetes.io/instance-type` label (older clusters also or only
 * `beta.kubernetes.io/instance-type`), which kube-state-metrics puts on `kube_node_labels` as
 * `label_node_kubernetes_io_instance_type` only when its `--metric-labels-allowlist` allows it. So
 * pools of one instance type are compared together, and where no node carries the label the rules
 * say that the label is missing instead of reporting every pool short.
 *
 * kube-state-metrics' node series (kube-state-metrics v2, internal/store/node.go and its tests):
 * `kube_node_labels{node, label_*}`, `kube_node_status_condition{node, condition, status}`,
 * `kube_node_status_allocatable{node, resource, unit}` with resource "cpu" (unit "core"),
 * "memory" (unit "byte"), "pods" and extended resources such as "nvidia_com_gpu" and
 * "amd_com_gpu" (unit "integer"; `/` and `.` become `_`). Every read of them folds the copies that
 * several kube-state-metrics replicas publish with `max by (cluster, node, ...)`.
 *
 * Recording rules carry the plan's name, so the rule files of several plans loaded into one ruler
 * record distinct series.
 */
import { poolMetricFamilies, type Plan, type Sizing } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { matcher } from '../promql/escape.ts';
import { signalRecord } from '../promql/names.ts';
import type { AlertingRule, RecordingRule } from '../rules/types.ts';

/** One series per (cluster, node) with the node's instance type, value 1. */
export const nodeInstanceTypeRecord = 'node:headroom_node_instance_type:info';
/** Ready nodes per (cluster, instance type). */
export const readyNodesRecord = 'instance_type:headroom_nodes_ready:count';
/** Planned nodes of the plan's always-on pools per (cluster, plan, instance type). */
export const plannedNodesRecord = 'instance_type:headroom_plan_pool_nodes:sum';
/** Allocatable GPUs (NVIDIA or AMD) per (cluster, node, instance type); 0 where the node advertises none. */
export const nodeGpusRecord = 'node:headroom_node_gpus_allocatable:sum';

/** The node labels kube-state-metrics must be allowed to publish, newest first. */
export const INSTANCE_TYPE_NODE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'] as const;
/** kube-state-metrics' flag that allows them (its docs: cli-arguments.md). */
export const NODE_LABELS_ALLOWLIST_FLAG = `--metric-labels-allowlist=nodes=[${INSTANCE_TYPE_NODE_LABELS.join(',')}]`;
/** A Kubernetes label as kube-state-metrics names it on kube_node_labels (sanitised, `label_` prefix). */
export const ksmLabel = (label: string) => `label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/** GPU resources as kube-state-metrics names the device plugins' nvidia.com/gpu and amd.com/gpu. */
export const GPU_RESOURCES = 'nvidia_com_gpu|amd_com_gpu';

/**
 * A node whose GPUs are MIG-partitioned (the device plugin's mixed strategy) advertises
 * `nvidia.com/gpu: 0` and its instances as `nvidia.com/mig-<profile>` (kube-state-metrics:
 * nvidia_com_mig_1g_10gb). Each instance of a profile the plan uses counts as 1 / its instances
 * per GPU on the plan's GPU (NVIDIA MIG user guide), so a GPU split into one profile counts 1 and
 * the node is not reported short of GPUs. A name two GPUs share with different counts (1g.10gb: 7
 * per A100 80GB, 4 per A100 40GB) takes the larger count, which never counts a GPU twice.
 * Profiles the plan does not use are not counted. One term per divisor.
 */
export function migGpuTerms(sizing: Sizing, c: string): string[] {
  const divisorOf = new Map<string, number>();
  for (const w of sizing.workloads) {
    const share = w.perReplica.gpuShare;
    if (share?.mode !== 'mig') continue;
    const resource = `nvidia_com_mig_${share.profile!.replace(/[^a-zA-Z0-9]/g, '_')}`;
    divisorOf.set(resource, Math.max(divisorOf.get(resource) ?? 0, share.instancesPerGpu));
  }
  const byDivisor = new Map<number, string[]>();
  for (const [resource, divisor] of divisorOf) byDivisor.set(divisor, [...(byDivisor.get(divisor) ?? []), resource]);
  return [...byDivisor].sort(([a], [b]) => a - b).map(([divisor, resources]) =>
    `max by (${c}, node, resource) (kube_node_status_allocatable{resource=~"${resources.sort().join('|')}"})${divisor === 1 ? '' : ` / ${divisor}`}`);
}

const f = poolMetricFamilies;
const runbookUrl = (config: KitConfig, runbook: string) => `${config.runbookBaseUrl}/${runbook}.md`;

/** What the plan's pools call for: which of the comparisons can ever fire for it. */
export function poolChecks(sizing: Sizing): { pools: boolean; alwaysOnNodes: boolean; gpuNodes: boolean } {
  const services = new Set(sizing.workloads.filter((w) => w.runsAs === 'service').map((w) => w.name));
  const pools = sizing.cluster.nodePools;
  return {
    pools: pools.length > 0,
    alwaysOnNodes: pools.some((p) => p.nodes > 0 && p.workloads.some((w) => services.has(w))),
    gpuNodes: pools.some((p) => p.allocatable.gpus > 0),
  };
}

/** The instance type of every node, from the current label or else the beta one; KSM copies folded. */
function nodeInstanceTypeExpr(c: string): string {
  const from = (label: string) => {
    const name = ksmLabel(label);
    return `max by (${c}, node, instance_type) (label_replace(kube_node_labels{${name}!=""}, "instance_type", "$1", "${name}", "(.+)"))`;
  };
  return `${from(INSTANCE_TYPE_NODE_LABELS[0])} or on (${c}, node) ${from(INSTANCE_TYPE_NODE_LABELS[1])}`;
}

/** Nodes whose Ready condition is true (KSM copies folded). */
const readyNodes = (c: string) => `(max by (${c}, node) (kube_node_status_condition{condition="Ready", status="true"}) == 1)`;

export function poolRecordingRules(plan: Plan, sizing: Sizing, config: KitConfig): RecordingRule[] {
  const checks = poolChecks(sizing);
  if (!checks.pools) return [];
  const c = config.clusterLabel;
  const name = plan.metadata.name;
  const p = matcher('plan', '=', name);
  const labels = { plan: name };
  return [
    { record: nodeInstanceTypeRecord, expr: nodeInstanceTypeExpr(c), labels },
    ...(checks.alwaysOnNodes ? [
      { record: readyNodesRecord, expr: `count by (${c}, instance_type) (${nodeInstanceTypeRecord}{${p}} and on (${c}, node) ${readyNodes(c)})`, labels },
      { record: plannedNodesRecord, expr: `sum by (${c}, plan, instance_type) (max by (${c}, plan, pool, instance_type) (${f.nodes.name}{${p}, always_on="true"}))`, labels },
    ] : []),
    {
      record: nodeGpusRecord,
      expr: `sum by (${c}, node) (${[`max by (${c}, node, resource) (kube_node_status_allocatable{resource=~"${GPU_RESOURCES}"})`, ...migGpuTerms(sizing, c)].join(' or ')}) * on (${c}, node) group_left (instance_type) ${nodeInstanceTypeRecord}{${p}} or on (${c}, node) 0 * ${nodeInstanceTypeRecord}{${p}}`,
      labels,
    },
  ];
}

/** A Go template that reads one value at alert time and humanizes it (empty when the query returns nothing). */
const queried = (query: string, args: string) => `{{ with printf "${query}" ${args} | query }}{{ . | first | value | humanize }}{{ end }}`;

export function poolAlertRules(plan: Plan, sizing: Sizing, config: KitConfig): AlertingRule[] {
  const checks = poolChecks(sizing);
  if (!checks.pools) return [];
  const c = config.clusterLabel;
  const name = plan.metadata.name;
  const p = matcher('plan', '=', name);
  const where = `{{ $labels.${c} }}`;
  const alerts: AlertingRule[] = [];
  if (checks.alwaysOnNodes) {
    // Every plan's always-on pools of the type, not this plan's alone: two plans of 4 nodes each
    // are not satisfied by 5 nodes. Fewer ready nodes than that is normal off-peak for an
    // autoscaled pool, so a shortage needs evidence: this plan's pods unschedulable meanwhile.
    const allPlans = `sum by (${c}, instance_type) (max by (${c}, plan, pool, instance_type) (${f.nodes.name}{always_on="true"}))`;
    alerts.push({
      alert: 'HeadroomNodePoolBelowPlan',
      // Zero ready nodes of a planned type read as 0, not as absent, but only in clusters where
      // some node carries an instance type: without the label nothing is known about any type.
      // group_left keeps the left side's plan label (one-to-one matching keeps only the `on` labels).
      expr: `(${readyNodesRecord}{${p}} or 0 * ${plannedNodesRecord}{${p}}) < on (${c}, instance_type) group_left () ${allPlans} and on (${c}) ${nodeInstanceTypeRecord}{${p}} and on (${c}) (sum by (${c}) (${signalRecord('unschedulable-pods')}{${p}}) > 0)`,
      for: '30m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Pods of the plan cannot be scheduled and there are fewer ready nodes of an instance type than the plans\' always-on pools of that type.',
        description: `{{ $value | humanize }} ready nodes of instance type {{ $labels.instance_type }} in ${where}, while pods of plan ${name} are unschedulable; the always-on pools of every plan published there plan ${queried(`sum(max by (plan, pool) (${f.nodes.name}{${c}=%q,instance_type=%q,always_on=\\"true\\"}))`, `$labels.${c} $labels.instance_type`)} of that type (at peak). Fewer nodes off-peak are normal for an autoscaled pool; with pods waiting for room they are a shortage.`,
        runbook_url: runbookUrl(config, 'node-pool-below-plan'),
      },
    });
  }
  alerts.push({
    alert: 'HeadroomNodeInstanceTypeUnknown',
    expr: `(count by (${c}) (max by (${c}, node) (kube_node_labels)) or on (${c}) 0 * count by (${c}) (kube_pod_owner)) * on (${c}) group_left (plan) max by (${c}, plan) (headroom_plan_info{${p}}) unless on (${c}) ${nodeInstanceTypeRecord}{${p}}`,
    for: '15m',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'No node\'s instance type is known where the plan runs: its node pools cannot be compared with the nodes.',
      description: `{{ $value | humanize }} nodes in ${where} (0: kube-state-metrics publishes no kube_node_labels at all), none with an instance-type label on kube_node_labels. Plan ${name}'s node pools are matched by instance type: run kube-state-metrics with ${NODE_LABELS_ALLOWLIST_FLAG}. Until then no alert can say whether the nodes match the plan.`,
      runbook_url: runbookUrl(config, 'node-instance-type-unknown'),
    },
  });
  if (checks.gpuNodes) {
    alerts.push({
      alert: 'HeadroomNodeGPUsBelowPlan',
      expr: `${nodeGpusRecord}{${p}} < on (${c}, instance_type) group_left () max by (${c}, instance_type) (${f.gpus.name}{${p}, scope="node"})`,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'A GPU node offers fewer allocatable GPUs than the plan counts on for its instance type.',
        description: `Node {{ $labels.node }} ({{ $labels.instance_type }}) in ${where} has {{ $value | humanize }} allocatable GPUs; plan ${name}'s pools of this instance type count on ${queried(`max(${f.gpus.name}{${c}=%q,plan=%q,instance_type=%q,scope=\\"node\\"})`, `$labels.${c} $labels.plan $labels.instance_type`)} per node. The device plugin is not running or has marked GPUs unhealthy, so pods the plan placed there stay Pending.`,
        runbook_url: runbookUrl(config, 'node-gpus-below-plan'),
      },
    });
  }
  alerts.push({
    alert: 'HeadroomNodeInstanceTypeUnplanned',
    // Across every plan published in the cluster: another plan's GPU pool is not unplanned.
    expr: `(count by (${c}, instance_type) (${nodeGpusRecord}{${p}} > 0) unless on (${c}, instance_type) ${f.nodes.name}) * on (${c}) group_left (plan) max by (${c}, plan) (headroom_plan_info{${p}})`,
    for: '1h',
    labels: { severity: 'info' },
    annotations: {
      summary: 'GPU nodes of an instance type that no node pool of any plan in the cluster names.',
      description: `{{ $value | humanize }} GPU nodes of instance type {{ $labels.instance_type }} run in ${where}, where plan ${name} runs, and no plan published there has a node pool of that type: GPUs paid for outside every plan, or a pool the plan names under another instance type.`,
      runbook_url: runbookUrl(config, 'node-instance-type-unplanned'),
    },
  });
  return alerts;
}
