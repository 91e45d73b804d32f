import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { isShareable, type WorkloadTarget } from '../promql/selectors.ts';
import { promqlErrors, sizedPlan } from '../test-support.ts';
import { ruleFile } from './index.ts';
import { membersMatchers } from './shared.ts';
import type { RecordingRule } from './types.ts';

const target = (workload: string, kind = 'model-serving'): WorkloadTarget =>
  ({ plan: 'p', workload, kind, namespace: 'ns', owner: workload, podsPerReplica: 1, podRegex: undefined, container: workload, containerMatch: undefined });

function records(yaml: string): RecordingRule[] {
  const { plan, sizing } = sizedPlan(yaml);
  return ruleFile(plan, sizing, defaultKitConfig).groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => 'record' in r);
}

const serving = (name: string, match = '') =>
  `    - { name: ${name}, kind: model-serving, traffic: { peakRequestsPerSecond: 5 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB }${match} }`;
const plan = (...workloads: string[]) => `apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: p, namespace: ns }\nspec:\n  workloads:\n${workloads.join('\n')}\n`;

describe('recording rules shared by the workloads of a namespace', () => {
  it('records each signal once per namespace however many workloads it has; the pods rule stays per workload', () => {
    const count = (rules: RecordingRule[], record: string) => rules.filter((r) => r.record === record).length;
    for (const n of [1, 5, 40]) {
      const rules = records(plan(...Array.from({ length: n }, (_, i) => serving(`w${i}`))));
      expect(count(rules, 'namespace_workload_pod:headroom_pod_workload:info')).toBe(n);
      expect(count(rules, 'namespace_workload:headroom_cpu_usage:signal')).toBe(1);
      expect(count(rules, 'namespace_workload:headroom_ready_replicas:signal')).toBe(1);
      expect(count(rules, 'namespace_workload:headroom_pods_running:sum')).toBe(1);
      for (const rule of rules) expect(promqlErrors(rule.expr), rule.expr).toEqual([]);
    }
  });

  it('gives a workload found by pod regex a rule of its own, and keeps it out of the shared one', () => {
    const rules = records(plan(serving('a'), serving('b'), serving('c', ', match: { pod: "c-.*" }')));
    const cpu = rules.filter((r) => r.record === 'namespace_workload:headroom_cpu_usage:signal');
    expect(cpu.map((r) => r.labels)).toEqual([
      { plan: 'p', namespace: 'ns', kind: 'model-serving' },
      { plan: 'p', namespace: 'ns', workload: 'c', kind: 'model-serving' },
    ]);
    expect(cpu[0]!.expr).toContain('namespace_workload_pod:headroom_pod_workload:info{plan="p", namespace="ns", workload!="c"}');
    // The pod-regex workload joins its own pods as before (its pods may be another workload's too).
    expect(cpu[1]!.expr).toContain('group_left () namespace_workload_pod:headroom_pod_workload:info{plan="p", workload="c"}');
  });

  it('records one rule per signal and namespace: workloads whose queries differ get a part each, joined by or', () => {
    const rules = records(plan(serving('a'), serving('b'), serving('c', ', match: { container: server }'), serving('d', ', match: { container: server }'), serving('e', ', match: { container: proxy }')));
    const cpu = rules.filter((r) => r.record === 'namespace_workload:headroom_cpu_usage:signal');
    expect(cpu).toHaveLength(1);
    expect(cpu[0]!.labels).toEqual({ plan: 'p', namespace: 'ns', kind: 'model-serving' });
    const parts = cpu[0]!.expr.split(') or (');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toContain('container!="POD"');
    expect(parts[0]).toContain('info{plan="p", namespace="ns", workload=~"a|b"}');
    expect(parts[1]).toContain('container="server"');
    expect(parts[1]).toContain('info{plan="p", namespace="ns", workload=~"c|d"}');
    expect(parts[2]).toContain('info{plan="p", namespace="ns", workload="e"}');
    expect(promqlErrors(cpu[0]!.expr)).toEqual([]);
  });

  it('groups and joins on the configured cluster label', () => {
    const { plan: p, sizing } = sizedPlan(plan(serving('a'), serving('b')));
    const rules = ruleFile(p, sizing, { ...defaultKitConfig, clusterLabel: 'k8s_cluster' }).groups.flatMap((g) => g.rules).filter((r): r is RecordingRule => 'record' in r);
    const ready = rules.find((r) => r.record === 'namespace_workload:headroom_ready_replicas:signal')!;
    expect(ready.expr).toContain('sum by (k8s_cluster, plan, namespace, workload, kind) (');
    expect(ready.expr).toContain('* on (k8s_cluster, namespace, pod) group_left (plan, workload, kind)');
    expect(ready.expr).toContain('or (0 * max by (k8s_cluster, plan, namespace, workload, kind) (headroom_plan_replicas{plan="p", namespace="ns", bound="min"}) and on (k8s_cluster) max by (k8s_cluster) (kube_pod_owner))');
    for (const rule of rules) expect(rule.expr, rule.record).not.toMatch(/\bcluster\b/);
  });

  it('narrows a shared rule to its workloads with the shortest matcher', () => {
    const all = [target('a'), target('b'), target('c', 'training'), target('d.x', 'training')];
    expect(membersMatchers(all, all)).toBe('');
    expect(membersMatchers([all[2]!, all[3]!], all)).toBe('kind="training"');
    expect(membersMatchers([all[0]!], all)).toBe('workload="a"');
    expect(membersMatchers([all[0]!, all[1]!, all[2]!], all)).toBe('workload!="d.x"');
    expect(membersMatchers([all[0]!, all[3]!], all)).toBe('workload!~"b|c"');
    const long = [target('a'), target('d.x'), target('long-name-1'), target('long-name-2')];
    expect(membersMatchers([long[0]!, long[1]!], long)).toBe('workload=~"a|d\\\\.x"');
  });

  it('shares a query only where every pod join feeds the per-workload aggregation', () => {
    expect(isShareable('sum {{by}} (rate(x{{{selector}}}[{{window}}]) {{pods}})')).toBe(true);
    expect(isShareable('max {{by}} ((a{{{selector}}} or b{{{selector}}}) {{pods}}) * 2')).toBe(true);
    // An aggregation between the join and {{by}} drops the workload the join attached.
    expect(isShareable('min {{by}} (v * on ({{cluster}}, namespace, persistentvolumeclaim) group_left () max by ({{cluster}}, namespace, persistentvolumeclaim) (c{{{selector}}} {{pods}}))')).toBe(false);
    expect(isShareable('max {{by}} (x{{{selector}}, cronjob="{{owner}}"})')).toBe(false);
    expect(isShareable('max {{by}} (max_over_time({{record:cpu-usage}}[1d]))')).toBe(false);
    expect(isShareable('sum {{by}} (x{{{selector}}} {{pods}}) - max {{by}} (y{workload="{{workload}}"})')).toBe(false);
  });
});
