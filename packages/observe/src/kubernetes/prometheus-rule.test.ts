import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { prometheusRuleFile } from './prometheus-rule.ts';
import { documentsOf, shopPlan, sampleRuleGroups } from './testing.ts';

const { plan } = shopPlan();

describe('prometheusRuleFile', () => {
  it('wraps the groups unchanged in a PrometheusRule carrying the selector labels', () => {
    const groups = sampleRuleGroups('shop');
    const config = { ...defaultKitConfig, prometheusRuleLabels: { release: 'monitoring', team: 'ml' } };
    const file = prometheusRuleFile(plan, config, groups);
    expect(file.path).toBe('kubernetes/prometheus-rule.yaml');
    const [rule, ...rest] = documentsOf(file);
    expect(rest).toEqual([]);
    expect(rule).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'headroom-shop', namespace: 'prod' } });
    expect(rule!.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'headroom', 'app.kubernetes.io/part-of': 'headroom', 'headroom.dev/plan': 'shop', release: 'monitoring', team: 'ml',
    });
    expect(rule!.spec.groups).toEqual(groups);
  });
  it('lets the configured labels win over the standard ones', () => {
    const config = { ...defaultKitConfig, prometheusRuleLabels: { 'app.kubernetes.io/name': 'rules' } };
    const [rule] = documentsOf(prometheusRuleFile(plan, config, []));
    expect(rule!.metadata.labels['app.kubernetes.io/name']).toBe('rules');
    expect(rule!.spec.groups).toEqual([]);
  });
});
