import { parsePlan, type Plan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultPlanText } from '../state/store.ts';
import { defaultSettingText, settingEdit, settingText } from './kit-settings.ts';

const planOf = (text: string): Plan => {
  const parsed = parsePlan(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.plan;
};

const apply = (text: string, ...edits: [Parameters<typeof settingEdit>[0], string][]) =>
  edits.reduce((t, [name, input]) => {
    const result = settingEdit(name, input);
    if (!result.ok) throw new Error(result.message);
    return result.edit(t);
  }, text);

describe('kit settings as plan edits', () => {
  const base = defaultPlanText();

  it('writes each setting into spec.kit, reads it back, and clears it with an empty value', () => {
    const edited = apply(base,
      ['runbookBaseUrl', ' https://wiki.example.com/runbooks/ '],
      ['exporterImage', 'registry.example.com/ml/headroom-exporter:1.0.0'],
      ['prometheusRuleLabels', 'release=monitoring, app.kubernetes.io/part-of=ml'],
      ['serviceMonitorLabels', 'release=monitoring']);
    const plan = planOf(edited);
    expect(plan.spec.kit).toEqual({
      runbookBaseUrl: 'https://wiki.example.com/runbooks',
      exporterImage: 'registry.example.com/ml/headroom-exporter:1.0.0',
      prometheusRuleLabels: { release: 'monitoring', 'app.kubernetes.io/part-of': 'ml' },
      serviceMonitorLabels: { release: 'monitoring' },
    });
    expect(settingText(plan, 'prometheusRuleLabels')).toBe('release=monitoring, app.kubernetes.io/part-of=ml');
    // The rest of the plan text is untouched.
    expect(edited.startsWith(base.trimEnd().split('\n').slice(0, 3).join('\n'))).toBe(true);

    const relabelled = planOf(apply(edited, ['prometheusRuleLabels', 'prometheus=main']));
    expect(relabelled.spec.kit!.prometheusRuleLabels).toEqual({ prometheus: 'main' });
    const cleared = planOf(apply(edited, ['exporterImage', ''], ['serviceMonitorLabels', '  ']));
    expect(cleared.spec.kit).toEqual({ runbookBaseUrl: 'https://wiki.example.com/runbooks', prometheusRuleLabels: { release: 'monitoring', 'app.kubernetes.io/part-of': 'ml' } });
    expect(settingText(cleared, 'exporterImage')).toBe('');
    expect(defaultSettingText('serviceMonitorLabels')).toBe('release=kube-prometheus-stack');
  });

  it.each([
    ['runbookBaseUrl', 'wiki/runbooks', /^must be an absolute http\(s\) URL/],
    ['exporterImage', 'Not An Image', /^must be a container image reference/],
    ['prometheusRuleLabels', 'release', /^expected key=value/],
    ['serviceMonitorLabels', 'team=m l', /^label value "m l" must be empty or/],
  ] as const)('refuses a bad %s with the schema\'s reason', (name, input, message) => {
    const result = settingEdit(name, input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
