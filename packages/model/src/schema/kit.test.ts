import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse.ts';
import { planJsonSchema } from './plan.ts';

const plan = (kit: string) => `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shop, namespace: prod }
spec:
${kit}
  workloads:
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }
`;

const issues = (text: string) => {
  const result = parsePlan(text, 'plan.yaml');
  if (result.ok) throw new Error('expected the plan to be refused');
  return result.error.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
};

describe('spec.kit', () => {
  it('is optional, and reads every setting when given', () => {
    const none = parsePlan(plan(''));
    expect(none.ok && none.plan.spec.kit).toBeUndefined();
    const given = parsePlan(plan(`  kit:
    runbookBaseUrl: https://wiki.example.com/ml/runbooks/
    exporterImage: registry.example.com:5000/ml/headroom-exporter:0.2.0@sha256:${'a'.repeat(64)}
    prometheusRuleLabels: { release: monitoring, app.kubernetes.io/part-of: "" }
    serviceMonitorLabels: { team: ml }`));
    if (!given.ok) throw given.error;
    expect(given.plan.spec.kit).toEqual({
      // The trailing slash goes: each alert appends /<runbook>.md.
      runbookBaseUrl: 'https://wiki.example.com/ml/runbooks',
      exporterImage: `registry.example.com:5000/ml/headroom-exporter:0.2.0@sha256:${'a'.repeat(64)}`,
      prometheusRuleLabels: { release: 'monitoring', 'app.kubernetes.io/part-of': '' },
      serviceMonitorLabels: { team: 'ml' },
    });
  });

  it('names the field, the line and what is wrong', () => {
    expect(issues(plan(`  kit:
    runbookBaseUrl: ftp://wiki/runbooks
    exporterImage: "Headroom Exporter"
    prometheusRuleLabels: { n: 1 }
    selector: { release: x }`))).toEqual([
      '6: spec.kit.runbookBaseUrl: must be an absolute http(s) URL (got "ftp://wiki/runbooks")',
      '7: spec.kit.exporterImage: must be a container image reference such as registry.example.com/team/headroom-exporter:0.1.0',
      '8: spec.kit.prometheusRuleLabels.n: must be a string (got 1)',
      '9: spec.kit.selector: unknown field "selector"',
    ]);
    expect(issues(plan('  kit: { serviceMonitorLabels: { "Bad Key": x, example.com/ok: "not ok", bad_prefix/x: y } }'))).toEqual([
      expect.stringMatching(/^5: spec\.kit\.serviceMonitorLabels\.Bad Key: label key "Bad Key": the name must be 1 to 63/),
      expect.stringMatching(/^5: spec\.kit\.serviceMonitorLabels\.example\.com\/ok: label value "not ok" must be empty or/),
      expect.stringMatching(/^5: spec\.kit\.serviceMonitorLabels\.bad_prefix\/x: label key "bad_prefix\/x": the prefix before "\/" must be a DNS subdomain/),
    ]);
  });

  it('bounds the label sets', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`l${i}`, 'x']));
    expect(issues(plan(`  kit: { serviceMonitorLabels: ${JSON.stringify(many)} }`))).toEqual([expect.stringMatching(/spec\.kit\.serviceMonitorLabels: at most 32 labels \(got 40\)$/)]);
  });

  it('is described in the JSON Schema, with strict keys', () => {
    const spec = (planJsonSchema() as { properties: { spec: { properties: Record<string, { description?: string; additionalProperties?: unknown; properties?: Record<string, { description?: string }> }> } } }).properties.spec.properties;
    expect(spec.kit!.additionalProperties).toBe(false);
    expect(Object.keys(spec.kit!.properties!)).toEqual(['runbookBaseUrl', 'exporterImage', 'prometheusRuleLabels', 'serviceMonitorLabels']);
    for (const field of Object.values(spec.kit!.properties!)) expect(field.description).toBeTruthy();
  });
});
