/**
 * The plain rule file's groups wrapped as a Prometheus Operator PrometheusRule. The groups are
 * passed through unchanged, so promtool's checks and tests of the plain file hold for this one.
 */
import type { Plan } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { fileHeader } from './header.ts';
import { objectMeta, standardLabels } from './labels.ts';
import { dnsName } from './names.ts';
import { manifestsText } from './yaml-text.ts';

export const prometheusRulePath = 'kubernetes/prometheus-rule.yaml';

export function prometheusRule(plan: Plan, config: KitConfig, ruleGroups: readonly unknown[]): object {
  const name = plan.metadata.name;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    // The configured labels come last so they win: they are what the Operator's ruleSelector matches.
    metadata: objectMeta(dnsName(['headroom', name]), plan.metadata.namespace, { ...standardLabels(name, 'headroom'), ...config.prometheusRuleLabels }),
    spec: { groups: ruleGroups },
  };
}

export function prometheusRuleFile(plan: Plan, config: KitConfig, ruleGroups: readonly unknown[]): GeneratedFile {
  const selector = Object.entries(config.prometheusRuleLabels).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)';
  return {
    path: prometheusRulePath,
    contents: manifestsText(fileHeader(plan.metadata.name, [
      'The plan\'s recording and alerting rules for the Prometheus Operator: the groups of the plain',
      'rule file under alerts/, unchanged. The Operator loads this object only if its ruleSelector',
      `matches the labels ${selector} and its ruleNamespaceSelector matches this namespace.`,
    ].join('\n')), [{ object: prometheusRule(plan, config, ruleGroups) }]),
  };
}
