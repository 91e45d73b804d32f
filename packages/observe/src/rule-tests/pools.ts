/**
 * promtool tests of the node-pool rules: each alert firing and quiet, in one test group of several
 * clusters (the cluster label), with kube-state-metrics' node series in the shapes it emits them:
 * every series twice (two kube-state-metrics replicas), nodes with the current instance-type label,
 * with only the beta one and with both, a node that is not Ready, a GPU node whose device plugin
 * advertises nothing, non-GPU system nodes of a type no pool plans, pools with zero nodes, and a
 * kube-state-metrics that publishes kube_node_labels without the allowlisted labels or none at all.
 * The plan series are the exporter's own (planSamples and poolSamples), from both exporter replicas.
 */
import { findGpu, instanceTypes, planSamples, type Plan, type PlanSample, type Sizing } from '@headroom/model';
import type { KitConfig } from '../config.ts';
import { poolMetricFamilies, poolSamples } from '@headroom/model';
import { INSTANCE_TYPE_NODE_LABELS, ksmLabel, poolChecks } from '../pools/rules.ts';
import { targetOf } from '../promql/selectors.ts';
import { podOf } from './identity.ts';
import { renderDescription } from './render.ts';
import { EXPORTERS, SeriesSet, seriesText, values, type ExpectedAlert, type InputSeries, type TestGroup } from './series.ts';

/** Two kube-state-metrics replicas scraped behind one Service: every series twice. */
const KSM_REPLICAS = [{ job: 'kube-state-metrics', instance: '10.0.0.5:8080' }, { job: 'kube-state-metrics', instance: '10.0.0.6:8080' }];
/** Every `for` of the node-pool alerts (1h at most) plus evaluations to spare. */
const EVAL_MINUTES = 70;
const STEPS = EVAL_MINUTES + 5;

/** Instance types no bundled plan plans: a small system node, and a GPU node. */
const SYSTEM_TYPES = ['t3.medium', 'e2-medium', 'Standard_B2s'];
const STRAY_GPU_TYPES = [{ type: 'g4dn.xlarge', gpus: 1, resource: 'nvidia_com_gpu' }, { type: 'Standard_NC4as_T4_v3', gpus: 1, resource: 'nvidia_com_gpu' }];

interface TestNode {
  name: string;
  instanceType: string;
  /** Which instance-type labels kube_node_labels carries (none: the allowlist is not set). */
  labels: 'current' | 'beta' | 'both' | 'none';
  ready: boolean;
  /** Allocatable GPUs and their resource name; undefined: no GPU series at all. */
  gpus?: { count: number; resource: string };
}

interface PlannedType {
  instanceType: string;
  /** Nodes of the plan's always-on pools of this type. */
  alwaysOnNodes: number;
  gpusPerNode: number;
  resource: string;
}

const spellings = ['both', 'current', 'beta'] as const;

function plannedTypes(sizing: Sizing): PlannedType[] {
  const services = new Set(sizing.workloads.filter((w) => w.runsAs === 'service').map((w) => w.name));
  const types = new Map<string, PlannedType>();
  for (const pool of sizing.cluster.nodePools) {
    const gpuModel = instanceTypes.find((i) => i.id === pool.instanceType)?.gpuModel;
    const entry = types.get(pool.instanceType) ?? {
      instanceType: pool.instanceType,
      alwaysOnNodes: 0,
      gpusPerNode: pool.allocatable.gpus,
      resource: (findGpu(gpuModel ?? '')?.kubernetesResource ?? 'nvidia.com/gpu').replace(/[./]/g, '_'),
    };
    if (pool.workloads.some((w) => services.has(w))) entry.alwaysOnNodes += pool.nodes;
    types.set(pool.instanceType, entry);
  }
  return [...types.values()];
}

/** The nodes of a cluster that runs the plan as planned: its always-on pools full, one node of every other type (a run in progress). */
function asPlanned(types: readonly PlannedType[], system: string, prefix: string): TestNode[] {
  const nodes: TestNode[] = [];
  for (const t of types) {
    const count = t.alwaysOnNodes > 0 ? t.alwaysOnNodes : 1;
    for (let i = 0; i < count; i++) {
      nodes.push({
        name: `${prefix}-${t.instanceType.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i}`,
        instanceType: t.instanceType,
        labels: spellings[nodes.length % spellings.length]!,
        ready: true,
        ...(t.gpusPerNode > 0 ? { gpus: { count: t.gpusPerNode, resource: t.resource } } : {}),
      });
    }
  }
  nodes.push({ name: `${prefix}-system-0`, instanceType: system, labels: 'current', ready: true });
  return nodes;
}

function nodeSeries(node: TestNode, cluster: Record<string, string>): InputSeries[] {
  const labels: Record<string, string> = { node: node.name };
  if (node.labels === 'current' || node.labels === 'both') labels[ksmLabel(INSTANCE_TYPE_NODE_LABELS[0])] = node.instanceType;
  if (node.labels === 'beta' || node.labels === 'both') labels[ksmLabel(INSTANCE_TYPE_NODE_LABELS[1])] = node.instanceType;
  const constant = (metric: string, extra: Record<string, string>, value: number) =>
    KSM_REPLICAS.map((ksm) => ({ series: seriesText(metric, { ...cluster, ...ksm, ...extra }), values: values(value, 0, STEPS) }));
  return [
    ...constant('kube_node_labels', labels, 1),
    ...(['true', 'false', 'unknown'] as const).flatMap((status) =>
      constant('kube_node_status_condition', { node: node.name, condition: 'Ready', status }, (status === 'true') === node.ready ? 1 : 0)),
    ...(node.gpus ? constant('kube_node_status_allocatable', { node: node.name, resource: node.gpus.resource, unit: 'integer' }, node.gpus.count) : []),
  ];
}

/** The exporter's series the node-pool rules read, from both replicas. */
function planSeries(samples: readonly PlanSample[], cluster: Record<string, string>): InputSeries[] {
  const read = new Set<string>(['headroom_plan_info', poolMetricFamilies.nodes.name, poolMetricFamilies.gpus.name]);
  return EXPORTERS.flatMap((exporter) => samples.filter((s) => read.has(s.name))
    .map((s) => ({ series: seriesText(s.name, { ...cluster, ...exporter, ...s.labels }), values: values(s.value, 0, STEPS) })));
}

/** A pod owned by a ReplicaSet: kube-state-metrics runs in the cluster. */
const ksmPresent = (cluster: Record<string, string>): InputSeries =>
  ({ series: seriesText('kube_pod_owner', { ...cluster, ...KSM_REPLICAS[0]!, namespace: 'kube-system', pod: 'coredns-5d78c9869d-8x2wq', uid: 'uid-coredns', owner_kind: 'ReplicaSet', owner_name: 'coredns-5d78c9869d', owner_is_controller: 'true' }), values: values(1, 0, STEPS) });

export function poolTestGroup(plan: Plan, sizing: Sizing, config: KitConfig, annotationsOf: (alert: string) => Record<string, string>): TestGroup | undefined {
  const checks = poolChecks(sizing);
  if (!checks.pools) return undefined;
  const name = plan.metadata.name;
  const samples = [...planSamples(plan, sizing), ...poolSamples(plan, sizing)];
  const types = plannedTypes(sizing);
  const planned = new Set(types.map((t) => t.instanceType));
  const system = SYSTEM_TYPES.find((t) => !planned.has(t))!;
  const stray = STRAY_GPU_TYPES.find((t) => !planned.has(t.type))!;
  const cluster = (value: string) => ({ [config.clusterLabel]: value });
  const series = new SeriesSet();
  const addCluster = (value: string, nodes: readonly TestNode[], extra: InputSeries[] = []) => {
    series.add(...planSeries(samples, cluster(value)), ...nodes.flatMap((n) => nodeSeries(n, cluster(value))), ...extra);
  };
  const expected = new Map<string, ExpectedAlert[]>();
  const expect = (alert: string, labels: Record<string, string>, observed: number, plannedValue?: number) => {
    const annotations = annotationsOf(alert);
    const exp = { exp_labels: { ...labels }, exp_annotations: { ...annotations, description: renderDescription(annotations.description!, labels, observed, plannedValue) } };
    expected.set(alert, [...(expected.get(alert) ?? []), exp]);
  };
  const titles: string[] = [];

  // As planned: no alert. Unplanned CPU system nodes and nodes of job-only or empty pools are quiet.
  addCluster('pools-as-planned', asPlanned(types, system, 'a'));
  titles.push('quiet where the nodes match the plan (system nodes of an unplanned type, nodes of job-only and zero-node pools, both label spellings, two kube-state-metrics)');

  if (checks.alwaysOnNodes) {
    const subject = types.find((t) => t.alwaysOnNodes > 0)!;
    // A pod of one of the plan's services on that type, unschedulable (kube-state-metrics' shape).
    const pool = sizing.cluster.nodePools.find((p) => p.instanceType === subject.instanceType && p.workloads.some((w) => sizing.workloads.find((x) => x.name === w)?.runsAs === 'service'))!;
    const index = plan.spec.workloads.findIndex((w) => pool.workloads.includes(w.name) && sizing.workloads.find((x) => x.name === w.name)!.runsAs === 'service');
    const target = targetOf(plan, plan.spec.workloads[index]!, sizing.workloads[index]!);
    const unschedulable = (value: string): InputSeries[] => {
      const { pod, series: identity } = podOf(target, target.owner, false);
      return [...identity(cluster(value), STEPS), { series: seriesText('kube_pod_status_unschedulable', { ...cluster(value), ...KSM_REPLICAS[0]!, namespace: target.namespace, pod: pod.name, uid: pod.uid }), values: values(1, 0, STEPS) }];
    };
    const oneNotReady = (prefix: string) => {
      const nodes = asPlanned(types, system, prefix);
      nodes.find((n) => n.instanceType === subject.instanceType)!.ready = false;
      return nodes;
    };
    addCluster('pools-short', oneNotReady('b'), unschedulable('pools-short'));
    expect('HeadroomNodePoolBelowPlan', { ...cluster('pools-short'), instance_type: subject.instanceType, plan: name, severity: 'warning' }, subject.alwaysOnNodes - 1, subject.alwaysOnNodes);
    // Off-peak: an autoscaled pool below its peak nodes, every pod placed: quiet.
    addCluster('pools-off-peak', oneNotReady('f'));
    // Another plan's always-on pool of the same type: the nodes this plan needs are not enough.
    const other = { [config.clusterLabel]: 'pools-shared', ...EXPORTERS[0]!, plan: `${name}-other`, pool: 'shared', instance_type: subject.instanceType, always_on: 'true' };
    addCluster('pools-shared', asPlanned(types, system, 'g'), [...unschedulable('pools-shared'), { series: seriesText(poolMetricFamilies.nodes.name, other), values: values(1, 0, STEPS) }]);
    expect('HeadroomNodePoolBelowPlan', { ...cluster('pools-shared'), instance_type: subject.instanceType, plan: name, severity: 'warning' }, subject.alwaysOnNodes, subject.alwaysOnNodes + 1);
    titles.push(`HeadroomNodePoolBelowPlan fires where a ${subject.instanceType} node is not Ready and the plan's pods wait, and where another plan's pool of the type needs one more node; quiet off-peak (a node fewer, every pod placed)`);
  }

  if (checks.gpuNodes) {
    const subject = types.find((t) => t.gpusPerNode > 0)!;
    const nodes = asPlanned(types, system, 'c');
    const ofType = nodes.filter((n) => n.instanceType === subject.instanceType);
    // Two nodes of the type at least: one short of a GPU, one whose device plugin advertises none.
    const second: TestNode = { ...ofType[0]!, name: `${ofType[0]!.name}-extra`, gpus: { count: subject.gpusPerNode, resource: subject.resource } };
    if (ofType.length < 2) nodes.push(second);
    const [short, none] = nodes.filter((n) => n.instanceType === subject.instanceType) as [TestNode, TestNode];
    short.gpus = { count: subject.gpusPerNode - 1, resource: subject.resource };
    delete none.gpus;
    addCluster('gpus-short', nodes);
    for (const [node, count] of [[short, subject.gpusPerNode - 1], [none, 0]] as const) {
      expect('HeadroomNodeGPUsBelowPlan', { ...cluster('gpus-short'), instance_type: subject.instanceType, node: node.name, plan: name, severity: 'warning' }, count, subject.gpusPerNode);
    }
    titles.push(`HeadroomNodeGPUsBelowPlan fires for a ${subject.instanceType} node short of a GPU and one whose device plugin advertises none`);
  }

  addCluster('unplanned-gpu', [
    ...asPlanned(types, system, 'd'),
    { name: 'd-stray-gpu-0', instanceType: stray.type, labels: 'beta', ready: true, gpus: { count: stray.gpus, resource: stray.resource } },
  ]);
  expect('HeadroomNodeInstanceTypeUnplanned', { ...cluster('unplanned-gpu'), instance_type: stray.type, plan: name, severity: 'info' }, 1);
  titles.push(`HeadroomNodeInstanceTypeUnplanned fires for a ${stray.type} GPU node no pool plans`);

  // kube-state-metrics without the allowlist: nodes without instance types, and no node series at all.
  const unlabelled = asPlanned(types, system, 'e').slice(0, 3).map((n) => ({ ...n, labels: 'none' as const }));
  addCluster('node-labels-not-allowed', unlabelled, [ksmPresent(cluster('node-labels-not-allowed'))]);
  expect('HeadroomNodeInstanceTypeUnknown', { ...cluster('node-labels-not-allowed'), plan: name, severity: 'warning' }, unlabelled.length);
  addCluster('no-node-series', [], [ksmPresent(cluster('no-node-series'))]);
  expect('HeadroomNodeInstanceTypeUnknown', { ...cluster('no-node-series'), plan: name, severity: 'warning' }, 0);
  titles.push('HeadroomNodeInstanceTypeUnknown (not a pool below plan) where kube_node_labels lacks the instance type or is missing');

  const alerts = ['HeadroomNodePoolBelowPlan', 'HeadroomNodeInstanceTypeUnknown', 'HeadroomNodeGPUsBelowPlan', 'HeadroomNodeInstanceTypeUnplanned']
    .filter((alert) => alert !== 'HeadroomNodePoolBelowPlan' || checks.alwaysOnNodes)
    .filter((alert) => alert !== 'HeadroomNodeGPUsBelowPlan' || checks.gpuNodes);
  return {
    name: `Node pools: ${titles.join('; ')}`,
    interval: '1m',
    input_series: series.list(),
    alert_rule_test: alerts.map((alertname) => ({ eval_time: `${EVAL_MINUTES}m`, alertname, exp_alerts: expected.get(alertname) ?? [] })),
  };
}
