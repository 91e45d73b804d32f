/**
 * The overview's "Node pools" row: the plan's pools (the exporter's headroom_plan_pool_* series)
 * next to the nodes kube-state-metrics reports, by instance type, since that is what nodes carry
 * (pools of one type add up). Actual nodes come from the kit's recorded instance type per node
 * (node:headroom_node_instance_type:info, current or beta label, kube-state-metrics copies folded),
 * so the row is empty where kube-state-metrics is not allowed to publish the label; its first stat
 * counts those nodes. Every query selects the dashboard's cluster.
 */
import { matcher } from '../promql/escape.ts';
import type { QueryScope } from '../promql/selectors.ts';
import { poolMetricFamilies } from '@headroom/model';
import { GPU_RESOURCES, NODE_LABELS_ALLOWLIST_FLAG, nodeGpusRecord, nodeInstanceTypeRecord } from '../pools/rules.ts';
import type { PanelSpec, QuerySpec, Section } from './spec.ts';
import { panelUnit } from './units.ts';

const f = poolMetricFamilies;

/** Matchers for the dashboard's cluster (and the plan, for plan series and the plan's records). */
function selector(scope: QueryScope, labels: Record<string, string> = {}): string {
  return `{${[matcher(scope.clusterLabel, '=~', scope.clusterValue ?? ''), ...Object.entries(labels).map(([k, v]) => matcher(k, '=', v))].join(', ')}}`;
}

/** The plan's recorded instance type of every node in the cluster. */
const nodeTypes = (plan: string, scope: QueryScope) => `${nodeInstanceTypeRecord}${selector(scope, { plan })}`;

/** Ready nodes per instance type. */
export function readyNodesByType(plan: string, scope: QueryScope): string {
  const c = scope.clusterLabel;
  return `count by (instance_type) (${nodeTypes(plan, scope)} and on (${c}, node) (max by (${c}, node) (kube_node_status_condition${selector(scope, { condition: 'Ready', status: 'true' })}) == 1))`;
}

/** A plan series summed over the plan's pools per instance type (max by pool folds exporter copies). */
export function plannedByType(plan: string, scope: QueryScope, metric: string, labels: Record<string, string> = {}): string {
  return `sum by (instance_type) (max by (pool, instance_type) (${metric}${selector(scope, { plan, ...labels })}))`;
}

/** kube-state-metrics' allocatable of one resource summed over the nodes of each instance type. */
export function allocatableByType(plan: string, scope: QueryScope, resource: string): string {
  const c = scope.clusterLabel;
  return `sum by (instance_type) (max by (${c}, node) (kube_node_status_allocatable${selector(scope, { resource })}) * on (${c}, node) group_left (instance_type) ${nodeTypes(plan, scope)})`;
}

/** Allocatable GPUs per instance type (0 where the device plugin advertises none), for the types the plan gives GPUs. */
export function gpusByType(plan: string, scope: QueryScope): string {
  return `sum by (instance_type) (${nodeGpusRecord}${selector(scope, { plan })}) and on (instance_type) (${plannedByType(plan, scope, f.gpus.name, { scope: 'node' })} > 0)`;
}

/** Nodes of the cluster whose instance type is unknown (no label on kube_node_labels). */
export function nodesWithoutType(plan: string, scope: QueryScope): string {
  const c = scope.clusterLabel;
  return `count(max by (${c}, node) (kube_node_labels${selector(scope)}) unless on (${c}, node) ${nodeTypes(plan, scope)}) or vector(0)`;
}

const actual = (expr: string): QuerySpec => ({ expr, legend: '{{instance_type}}' });
const planned = (expr: string): QuerySpec => ({ expr, legend: '{{instance_type}} planned', reference: true });

export function nodePoolSection(plan: string, scope: QueryScope): Section {
  const compare = (title: string, unit: string, what: string, actualExpr: string, plannedExpr: string, good: string): PanelSpec => ({
    type: 'timeseries',
    title,
    description: `${what} per instance type (kube-state-metrics), against the plan's node pools of that type (red dashed, ${plannedExpr.match(/headroom_plan_pool_[a-z_]+/)![0]} from the plan exporter). Good: ${good}`,
    unit: panelUnit(unit),
    queries: [actual(actualExpr), planned(plannedExpr)],
  });
  return {
    title: 'Node pools',
    panels: [
      {
        type: 'stat',
        title: 'Nodes without an instance type',
        description: `Nodes whose kube_node_labels carries neither node.kubernetes.io/instance-type nor the beta label, so they cannot be matched with a pool. Good: 0; if every node counts here, kube-state-metrics runs without ${NODE_LABELS_ALLOWLIST_FLAG}.`,
        unit: panelUnit('short'),
        queries: [{ expr: nodesWithoutType(plan, scope), legend: 'nodes' }],
        thresholds: [{ value: null, color: 'green' }, { value: 1, color: 'red' }],
      },
      compare('Ready nodes vs plan', 'short', 'Ready nodes', readyNodesByType(plan, scope), plannedByType(plan, scope, f.nodes.name),
        'at or above the planned line (this plan\'s pools, at peak) for pools that serve all day; pools of jobs may scale to zero between runs, and autoscaled pools sit below it until traffic nears the planned peak. Below it is a shortage only while pods wait unscheduled (HeadroomNodePoolBelowPlan: against every plan\'s pools of the type, with this plan\'s pods unschedulable).'),
      compare('Allocatable GPUs vs plan', 'short', `Allocatable GPUs (${GPU_RESOURCES.replace('|', ', ')})`, gpusByType(plan, scope), `${plannedByType(plan, scope, f.gpus.name, { scope: 'total' })} > 0`,
        'every node of a type offers the GPUs the plan counts on; a dip with the node count unchanged means the device plugin or a GPU is down.'),
      compare('Allocatable CPU vs plan', 'cores', 'Allocatable CPU', allocatableByType(plan, scope, 'cpu'), plannedByType(plan, scope, f.cpuCores.name, { scope: 'total' }),
        'at or above the planned line; the same nodes below it mean the kubelet reserves more than the provider formula the plan used.'),
      compare('Allocatable memory vs plan', 'bytes', 'Allocatable memory', allocatableByType(plan, scope, 'memory'), plannedByType(plan, scope, f.memoryBytes.name, { scope: 'total' }),
        'at or above the planned line; the same nodes below it mean the kubelet reserves more than the provider formula the plan used.'),
    ],
  };
}
