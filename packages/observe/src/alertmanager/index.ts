/**
 * alertmanager/alertmanager.yaml (DESIGN.md, "Turn 2 contract"): a route-tree fragment for the
 * plan's alerts. A `route` grouped by cluster, plan and workload, with child routes by severity to
 * the receivers `headroom-critical` and `headroom-warning` (names a team maps to its own), and
 * `inhibit_rules`: a workload's warnings wait while a critical fires for the same workload, and the
 * missing-plan alert silences the comparisons that cannot be judged without the plan.
 * Alertmanager configuration reference: prometheus.io/docs/alerting/latest/configuration.
 */
import type { Plan } from '@headroom/model';
import type { GeneratedFile } from '../config.ts';
import { fileHeader } from '../kubernetes/header.ts';
import { manifestsText } from '../kubernetes/yaml-text.ts';
import type { RuleGroup } from '../rules/types.ts';
import { planComparisonAlerts } from './comparisons.ts';

export const alertmanagerPath = 'alertmanager/alertmanager.yaml';

/** Receiver names (contract): a team defines receivers with these names or renames them here. */
export const receivers = { critical: 'headroom-critical', warning: 'headroom-warning' } as const;

/** The label that tells clusters apart, arriving as an external label (issue 17; contract default). */
const DEFAULT_CLUSTER_LABEL = 'cluster';

// Alertmanager's own defaults (configuration reference, <route>), written out so a team sees them.
const GROUP_WAIT = '30s';
const GROUP_INTERVAL = '5m';
const REPEAT_INTERVAL = '4h';

export interface AlertmanagerRoute {
  receiver: string;
  matchers: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: AlertmanagerRoute[];
}

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

export interface AlertmanagerFragment {
  route: AlertmanagerRoute;
  inhibit_rules: InhibitRule[];
}

/** A matcher in Alertmanager's syntax, the value quoted and escaped. */
const matcher = (label: string, op: '=' | '=~', value: string) => `${label}${op}${JSON.stringify(value)}`;

export interface FragmentInputs {
  /** The plan's rule groups, as in the generated rule file. */
  ruleGroups: readonly RuleGroup[];
  /** The alert that fires when the plan series are missing. */
  missingPlanAlert: string;
  /** The cluster label's name (default `cluster`). */
  clusterLabel?: string;
}

export function alertmanagerFragment(plan: Plan, inputs: FragmentInputs): AlertmanagerFragment {
  // Every matcher names the plan, so the fragments of several plans sit side by side in one tree.
  const ofPlan = [matcher('plan', '=', plan.metadata.name), matcher('alertname', '=~', 'Headroom.+')];
  const comparisons = planComparisonAlerts(inputs.ruleGroups, new Set([inputs.missingPlanAlert]));
  const cluster = inputs.clusterLabel ?? DEFAULT_CLUSTER_LABEL;
  const inhibitRules: InhibitRule[] = [
    // Severity inhibition as in kube-prometheus's Alertmanager config: info goes quiet too. Only
    // a critical that names a workload inhibits, and only that workload's alerts.
    {
      source_matchers: [...ofPlan, matcher('severity', '=', 'critical'), matcher('workload', '=~', '.+')],
      target_matchers: [...ofPlan, matcher('severity', '=~', 'warning|info')],
      equal: [cluster, 'plan', 'workload'],
    },
  ];
  if (comparisons.length > 0) {
    // The missing-plan alert carries no workload: it covers every workload of the plan in its cluster.
    inhibitRules.push({
      source_matchers: [matcher('plan', '=', plan.metadata.name), matcher('alertname', '=', inputs.missingPlanAlert)],
      target_matchers: [matcher('plan', '=', plan.metadata.name), matcher('alertname', '=~', comparisons.join('|'))],
      equal: [cluster, 'plan'],
    });
  }
  return {
    route: {
      // Anything that is not critical or warning (severity info) goes to the warning receiver.
      receiver: receivers.warning,
      matchers: ofPlan,
      group_by: [cluster, 'plan', 'workload'],
      group_wait: GROUP_WAIT,
      group_interval: GROUP_INTERVAL,
      repeat_interval: REPEAT_INTERVAL,
      routes: [
        { receiver: receivers.critical, matchers: [matcher('severity', '=', 'critical')] },
        { receiver: receivers.warning, matchers: [matcher('severity', '=', 'warning')] },
      ],
    },
    inhibit_rules: inhibitRules,
  };
}

const ABOUT = `Alertmanager route fragment for the plan's alerts (Alertmanager 0.22 or later: matchers syntax).
Not a whole configuration. To use it:
  1. put the \`route\` below into your root route's \`routes:\` list, before any catch-all route
     (it matches only this plan's Headroom alerts; add \`continue: true\` to also notify further routes);
  2. append the \`inhibit_rules\` to yours;
  3. define receivers named ${receivers.critical} (pages: severity critical) and ${receivers.warning}
     (tickets: severity warning and info), or rename them here to receivers you have;
  4. check the result with \`amtool check-config alertmanager.yml\`.
Groups are per cluster, plan and workload. A workload's warnings and info alerts are inhibited while a
critical alert fires for the same workload in the same cluster. While the plan exporter is missing,
the alerts that compare production with the plan are inhibited in that cluster: the missing-plan
alert is the finding, and a comparison without the plan cannot be judged.`;

export function alertmanagerFiles(plan: Plan, inputs: FragmentInputs): GeneratedFile[] {
  const fragment = alertmanagerFragment(plan, inputs);
  return [{ path: alertmanagerPath, contents: manifestsText(fileHeader(plan.metadata.name, ABOUT), [{ object: fragment }]) }];
}
