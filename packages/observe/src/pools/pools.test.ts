import { planPresets, podsPerReplica, poolMetricFamilies, poolSamples } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { ruleTestFile } from '../rule-tests/index.ts';
import { ruleFile } from '../rules/index.ts';
import type { AlertingRule, RecordingRule } from '../rules/types.ts';
import { promqlErrors, sizedPlan } from '../test-support.ts';

const presets = Object.fromEntries(planPresets.map((p) => [p.name, sizedPlan(p.yaml)]));
const POOL_ALERTS = ['HeadroomNodePoolBelowPlan', 'HeadroomNodeInstanceTypeUnknown', 'HeadroomNodeGPUsBelowPlan', 'HeadroomNodeInstanceTypeUnplanned'];

function poolRulesOf(name: string, config = defaultKitConfig) {
  const { plan, sizing } = presets[name]!;
  const rules = ruleFile(plan, sizing, config).groups.flatMap((g) => g.rules);
  return {
    records: rules.filter((r): r is RecordingRule => 'record' in r && /^(node|instance_type):/.test(r.record)),
    alerts: rules.filter((r): r is AlertingRule => 'alert' in r && POOL_ALERTS.includes(r.alert)),
  };
}

describe('node pool series', () => {
  it.each(planPresets.map((p) => p.name))('%s: one series set per planned pool, totals = per node × nodes, the Sizing\'s figures', (name) => {
    const { plan, sizing } = presets[name]!;
    const samples = poolSamples(plan, sizing);
    for (const pool of sizing.cluster.nodePools) {
      const of = (metric: string, scope?: string) => samples.filter((s) => s.name === metric && s.labels.pool === pool.name && (scope === undefined || s.labels.scope === scope));
      expect(of(poolMetricFamilies.nodes.name).map((s) => s.value)).toEqual([pool.nodes]);
      expect(of(poolMetricFamilies.nodes.name)[0]!.labels.instance_type).toBe(pool.instanceType);
      for (const [metric, perNode] of [[poolMetricFamilies.cpuCores.name, pool.allocatable.cpuCores], [poolMetricFamilies.memoryBytes.name, pool.allocatable.memoryBytes],
        [poolMetricFamilies.gpus.name, pool.allocatable.gpus], [poolMetricFamilies.pods.name, pool.allocatable.pods]] as const) {
        expect(of(metric, 'node').map((s) => s.value)).toEqual([perNode]);
        expect(of(metric, 'total').map((s) => s.value)).toEqual([perNode * pool.nodes]);
      }
    }
    // Every sample has exactly its family's labels.
    const families = Object.values(poolMetricFamilies);
    for (const s of samples) expect(Object.keys(s.labels)).toEqual([...families.find((f) => f.name === s.name)!.labels]);
  });
});

describe('node pool rules', () => {
  it('generates the comparisons a plan\'s pools can break: below plan only with always-on pools, GPUs only with GPU pools', () => {
    const names = (preset: string) => poolRulesOf(preset).alerts.map((a) => a.alert);
    expect(names('chat-assistant')).toEqual(POOL_ALERTS);
    // Only jobs: their pools scale to zero between runs, so fewer nodes than planned is no finding.
    expect(names('batch-scoring')).toEqual(['HeadroomNodeInstanceTypeUnknown', 'HeadroomNodeGPUsBelowPlan', 'HeadroomNodeInstanceTypeUnplanned']);
    // CPU only: no GPU per node to fall short of; GPU nodes no plan names are still reported.
    expect(names('feature-pipeline')).toEqual(['HeadroomNodeInstanceTypeUnknown', 'HeadroomNodeInstanceTypeUnplanned']);
  });

  it('reads the instance type from the current label or else the beta one, and folds kube-state-metrics copies', () => {
    const info = poolRulesOf('llm-chat').records.find((r) => r.record === 'node:headroom_node_instance_type:info')!;
    expect(info.expr).toBe('max by (cluster, node, instance_type) (label_replace(kube_node_labels{label_node_kubernetes_io_instance_type!=""}, "instance_type", "$1", "label_node_kubernetes_io_instance_type", "(.+)"))'
      + ' or on (cluster, node) max by (cluster, node, instance_type) (label_replace(kube_node_labels{label_beta_kubernetes_io_instance_type!=""}, "instance_type", "$1", "label_beta_kubernetes_io_instance_type", "(.+)"))');
    expect(info.labels).toEqual({ plan: 'llm-chat' });
  });

  it('groups and joins by the configured cluster label, in valid PromQL', () => {
    const { records, alerts } = poolRulesOf('chat-assistant', { ...defaultKitConfig, clusterLabel: 'k8s_cluster' });
    for (const rule of [...records, ...alerts]) {
      expect(promqlErrors(rule.expr), rule.expr).toEqual([]);
      expect(rule.expr).not.toMatch(/\bcluster\b/);
      if (/\b(by|on) \(/.test(rule.expr)) expect(rule.expr).toContain('k8s_cluster');
    }
    for (const alert of alerts) expect(alert.annotations.description).toContain('$labels.k8s_cluster');
  });

  it('shows each alert firing in one cluster and silent in the others in the generated promtool tests', () => {
    const { plan, sizing } = presets['chat-assistant']!;
    const rules = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    const annotations = new Map(rules.map((r) => [r.alert, r.annotations]));
    type Tests = { tests: { name: string; input_series: { series: string }[]; alert_rule_test: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] };
    const tests = ruleTestFile(plan, sizing, defaultKitConfig, (name) => ({ ...annotations.get(name)! })) as Tests;
    const group = tests.tests.find((t) => t.name.startsWith('Node pools'))!;
    const firing = Object.fromEntries(group.alert_rule_test.map((t) => [t.alertname, t.exp_alerts.map((a) => a.exp_labels.cluster)]));
    expect(firing).toEqual({
      HeadroomNodePoolBelowPlan: ['pools-short', 'pools-shared'],
      HeadroomNodeInstanceTypeUnknown: ['node-labels-not-allowed', 'no-node-series'],
      HeadroomNodeGPUsBelowPlan: ['gpus-short', 'gpus-short'],
      HeadroomNodeInstanceTypeUnplanned: ['unplanned-gpu'],
    });
    const clusters = new Set(group.input_series.map((s) => /cluster="([^"]+)"/.exec(s.series)![1]));
    expect(clusters).toContain('pools-as-planned');
    // An autoscaled pool off-peak: a node fewer than planned, every pod placed.
    expect(clusters).toContain('pools-off-peak');
    // The awkward shapes: both label spellings, the beta one alone, two kube-state-metrics replicas, a node not Ready.
    const series = group.input_series.map((s) => s.series);
    expect(series.some((s) => s.includes('label_node_kubernetes_io_instance_type=') && s.includes('label_beta_kubernetes_io_instance_type='))).toBe(true);
    expect(series.some((s) => s.startsWith('kube_node_labels{') && !s.includes('label_node_') && s.includes('label_beta_kubernetes_io_instance_type='))).toBe(true);
    expect(series.some((s) => s.includes('instance="10.0.0.6:8080"'))).toBe(true);
    expect(series.some((s) => s.includes('condition="Ready", status="false"') && s.includes('cluster="pools-short"'))).toBe(true);
  });

  it('covers a pool with zero nodes: its instance type is planned (nodes of it are not unplanned), and never below plan', () => {
    const { plan, sizing } = presets.rag!;
    const empty = sizing.cluster.nodePools.filter((p) => p.nodes === 0);
    expect(empty.map((p) => p.instanceType)).toEqual(['m5.2xlarge', 'g6.xlarge']);
    const samples = poolSamples(plan, sizing);
    expect(samples.filter((s) => s.name === poolMetricFamilies.nodes.name && s.labels.pool === 'l4')).toEqual([
      { name: 'headroom_plan_pool_nodes', labels: { plan: 'rag', pool: 'l4', instance_type: 'g6.xlarge', always_on: 'false' }, value: 0 },
    ]);
  });
});

describe('Prometheus sizing of the kit\'s rules', () => {
  it.each(planPresets.map((p) => p.name))('%s: counts one series per pod and one per node of each per-node rule the kit records', (name) => {
    const { plan, sizing } = presets[name]!;
    const records = ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).flatMap((r) => ('record' in r ? [r.record] : []));
    // Per node: the rules whose series are one per node (level `node`); per pod: the identity rule.
    const perNode = records.filter((r) => r.startsWith('node:')).length;
    expect(records).toContain('namespace_workload_pod:headroom_pod_workload:info');
    const pods = sizing.workloads.reduce((n, w) => n + w.replicas.max * (w.runsAs === 'service' ? podsPerReplica(w) : 1), 0);
    const nodes = sizing.cluster.nodePools.reduce((n, p) => n + p.nodes, 0);
    expect(sizing.monitoring.seriesBySource['kit-rules']).toBe(pods + nodes * perNode);
    if (sizing.cluster.nodePools.length > 0) expect(perNode).toBe(2);
  });
});
