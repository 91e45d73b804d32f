/** The whole verification kit for one plan, as in-memory files in a stable order. */
import type { Plan, Sizing } from '@headroom/model';
import { alertmanagerFiles } from './alertmanager/index.ts';
import { resolveKitConfig, type GeneratedFile, type KitConfig } from './config.ts';
import { dashboardFiles } from './dashboards/index.ts';
import { kubernetesFiles } from './kubernetes/index.ts';
import { ruleTestFiles } from './rule-tests/index.ts';
import { readmeFile } from './readme/index.ts';
import { exporterAbsentRule } from './rules/alerts.ts';
import { ruleFile, ruleFiles } from './rules/index.ts';
import type { AlertingRule } from './rules/types.ts';
import { workloadContexts } from './workloads.ts';

export interface KitOptions {
  /** Overrides (the CLI's flags) of the defaults and of the plan's `spec.kit`. */
  config?: Partial<KitConfig>;
  /** The plan's own text, shipped to the exporter unchanged (comments and all). */
  planText?: string;
}

export function generateKit(plan: Plan, sizing: Sizing, options: KitOptions = {}): GeneratedFile[] {
  const resolved = resolveKitConfig(plan, options.config);
  const { config } = resolved;
  const contexts = workloadContexts(plan, sizing);
  const rules = ruleFile(plan, sizing, config, contexts);
  const alerts = new Map(rules.groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r).map((r) => [r.alert, r.annotations]));
  const annotationsOf = (name: string) => {
    const found = alerts.get(name);
    if (!found) throw new Error(`internal: no alert ${name} in the rule file`);
    return { ...found };
  };
  const dashboards = dashboardFiles(plan, sizing, config);
  const missingPlanAlert = exporterAbsentRule(plan.metadata.name, config).alert;
  const files = [
    ...dashboards,
    ...ruleFiles(plan, sizing, config, contexts),
    ...ruleTestFiles(plan, sizing, config, annotationsOf, contexts),
    ...kubernetesFiles(plan, sizing, config, { ruleGroups: rules.groups, dashboards, ...(options.planText !== undefined ? { planYaml: options.planText } : {}) }),
    ...alertmanagerFiles(plan, { ruleGroups: rules.groups, missingPlanAlert, clusterLabel: config.clusterLabel }),
  ];
  return [...files, readmeFile(plan, { files, ruleGroups: rules.groups, resolved, missingPlanAlert, targets: contexts.map((c) => c.target) })];
}
