import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultKitConfig } from '../config.ts';
import { generateKit } from '../kit.ts';
import { planOf, shopPlan } from '../kubernetes/testing.ts';
import { exporterAbsentRule } from '../rules/alerts.ts';
import { ruleFile } from '../rules/index.ts';
import type { RuleGroup } from '../rules/types.ts';
import { alertmanagerFiles, alertmanagerFragment, alertmanagerPath, receivers, type AlertmanagerFragment } from './index.ts';
import { planComparisonAlerts } from './comparisons.ts';

const annotations = { summary: 's', description: 'd', runbook_url: 'https://example.com/r.md' };
const alert = (name: string, expr: string, severity = 'warning') => ({ alert: name, expr, labels: { severity }, annotations });

describe('planComparisonAlerts', () => {
  const groups: RuleGroup[] = [{
    name: 'g',
    rules: [
      // A record read before it is defined, and a chain of two records: both count.
      alert('ReadsLaterRecord', 'b:chain:signal > 1'),
      { record: 'a:plan_copy:signal', expr: 'max by (plan, workload) (headroom_plan_replicas{bound="min"})' },
      { record: 'b:chain:signal', expr: 'a:plan_copy:signal * 2' },
      { record: 'c:usage:signal', expr: 'sum(container_memory_working_set_bytes{pod=~"headroom_plan_.*"})' },
      alert('Direct', 'c:usage:signal > on (plan, workload) headroom_plan_memory_bytes{scope="total"}'),
      alert('ThresholdOnly', 'c:usage:signal > 0.9'),
      alert('QuotedOnly', 'up{job="headroom_plan_exporter"} == 0'),
      alert('Missing', 'absent(headroom_plan_info{plan="p"})'),
      alert('Direct', 'c:usage:signal < on (plan, workload) headroom_plan_memory_bytes{scope="total"}'),
    ],
  }];

  it('finds the alerts that read plan series directly or through records, once each, in rule order', () => {
    expect(planComparisonAlerts(groups, new Set(['Missing']))).toEqual(['ReadsLaterRecord', 'Direct']);
  });

  it('counts no metric name that only appears inside a quoted label value', () => {
    expect(planComparisonAlerts(groups, new Set())).not.toContain('QuotedOnly');
    expect(planComparisonAlerts(groups, new Set())).toContain('Missing');
  });
});

describe('the Alertmanager fragment', () => {
  const { plan, sizing } = shopPlan();
  const groups = ruleFile(plan, sizing, defaultKitConfig).groups;
  const missingPlanAlert = exporterAbsentRule(plan.metadata.name, defaultKitConfig).alert;
  const fragment = alertmanagerFragment(plan, { ruleGroups: groups, missingPlanAlert, clusterLabel: defaultKitConfig.clusterLabel });

  it('routes the plan\'s Headroom alerts, grouped by cluster, plan and workload, to the contract receivers by severity', () => {
    expect(fragment.route).toMatchObject({
      receiver: receivers.warning,
      matchers: ['plan="shop"', 'alertname=~"Headroom.+"'],
      group_by: ['cluster', 'plan', 'workload'],
      routes: [
        { receiver: 'headroom-critical', matchers: ['severity="critical"'] },
        { receiver: 'headroom-warning', matchers: ['severity="warning"'] },
      ],
    });
  });

  it('inhibits a workload\'s warnings and info while a critical fires for the same cluster, plan and workload', () => {
    expect(fragment.inhibit_rules[0]).toEqual({
      source_matchers: ['plan="shop"', 'alertname=~"Headroom.+"', 'severity="critical"', 'workload=~".+"'],
      target_matchers: ['plan="shop"', 'alertname=~"Headroom.+"', 'severity=~"warning|info"'],
      equal: ['cluster', 'plan', 'workload'],
    });
  });

  it('inhibits exactly the plan comparisons of the rule file while the plan exporter is missing', () => {
    const rule = fragment.inhibit_rules[1]!;
    expect(rule.source_matchers).toEqual(['plan="shop"', 'alertname="HeadroomPlanExporterAbsent"']);
    expect(rule.equal).toEqual(['cluster', 'plan']);
    const targeted = /^alertname=~"(.*)"$/.exec(rule.target_matchers[1]!)![1]!.split('|');
    expect(targeted).toEqual(planComparisonAlerts(groups, new Set([missingPlanAlert])));
    // The shop plan's comparisons include its CPU and replica alerts; a threshold alert is not one.
    expect(targeted).toEqual(expect.arrayContaining(['HeadroomCPUAbovePlan', 'HeadroomReplicasBelowPlanMinimum']));
    expect(targeted).not.toContain(missingPlanAlert);
  });

  it('groups and inhibits by the cluster label it is given', () => {
    const named = alertmanagerFragment(plan, { ruleGroups: groups, missingPlanAlert, clusterLabel: 'k8s_cluster' });
    expect(named.route.group_by).toEqual(['k8s_cluster', 'plan', 'workload']);
    expect(named.inhibit_rules.map((r) => r.equal)).toEqual([['k8s_cluster', 'plan', 'workload'], ['k8s_cluster', 'plan']]);
  });

  it('is written as YAML that reads back to the same fragment, with how to use it in the header', () => {
    const [file] = alertmanagerFiles(plan, { ruleGroups: groups, missingPlanAlert, clusterLabel: defaultKitConfig.clusterLabel });
    expect(file!.path).toBe(alertmanagerPath);
    expect(parse(file!.contents) as AlertmanagerFragment).toEqual(fragment);
    expect(file!.contents).toMatch(/^# Generated by headroom from plan shop/);
    expect(file!.contents).toContain('amtool check-config');
  });

  it('is part of every kit, and the fragments of two plans never match each other\'s alerts', () => {
    const other = planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shop-eu, namespace: prod }
spec:
  workloads:
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }
`);
    const fragments = [generateKit(plan, sizing), generateKit(other.plan, other.sizing)].map((files) => parse(files.find((f) => f.path === alertmanagerPath)!.contents) as AlertmanagerFragment);
    expect(fragments.map((f) => f.route.matchers[0])).toEqual(['plan="shop"', 'plan="shop-eu"']);
    for (const f of fragments) for (const rule of f.inhibit_rules) expect(rule.source_matchers[0]).toBe(f.route.matchers[0]);
  });
});
