import type { Plan } from '@headroom/model';

/**
 * One generator configuration passed to every generator (as kubernetes-mixin's config.libsonnet):
 * label names, selectors, runbook links, windows. Defaults suit kube-prometheus-stack.
 */
export interface KitConfig {
  /** Base URL of the runbooks; each alert links `${runbookBaseUrl}/${runbook}.md`. */
  runbookBaseUrl: string;
  /** Labels on the PrometheusRule that the Prometheus Operator's ruleSelector matches. */
  prometheusRuleLabels: Record<string, string>;
  /** Labels on the ServiceMonitor that the Prometheus Operator's serviceMonitorSelector matches. */
  serviceMonitorLabels: Record<string, string>;
  /**
   * Name of the label that tells clusters apart. It arrives as an external label on every series
   * (the plan series included) where several clusters share a ruler (Thanos, Mimir); every rule
   * groups and joins by it, and it is simply empty on a Prometheus that serves one cluster.
   */
  clusterLabel: string;
  /** Rate window in recording rules (dashboards use $__rate_interval). */
  rateWindow: string;
  /** Prometheus that KEDA's triggers query (it must evaluate the kit's recording rules). */
  prometheusUrl: string;
  /** Grafana folder the dashboards are provisioned into. */
  grafanaFolder: string;
  /** Container image of the plan exporter. */
  exporterImage: string;
  /** Port the plan exporter listens on. */
  exporterPort: number;
}

export const defaultKitConfig: KitConfig = {
  runbookBaseUrl: 'https://github.com/headroom-dev/headroom/blob/main/docs/runbooks',
  prometheusRuleLabels: { release: 'kube-prometheus-stack', prometheus: 'k8s' },
  serviceMonitorLabels: { release: 'kube-prometheus-stack' },
  clusterLabel: 'cluster',
  rateWindow: '5m',
  // kube-prometheus-stack's Prometheus, through the Service the Prometheus Operator creates.
  prometheusUrl: 'http://prometheus-operated.monitoring.svc:9090',
  grafanaFolder: 'Headroom',
  exporterImage: 'ghcr.io/headroom-dev/headroom-exporter:0.1.0',
  exporterPort: 9464,
};

/** The settings a team sets per plan (`spec.kit`) or per run (`headroom generate` flags). */
export const teamSettings = ['runbookBaseUrl', 'exporterImage', 'prometheusRuleLabels', 'serviceMonitorLabels'] as const;
export type TeamSetting = (typeof teamSettings)[number];
/** Where a setting's value came from: the kit's default, the plan's `spec.kit`, or an override (a flag). */
export type SettingOrigin = 'default' | 'plan' | 'override';

export interface ResolvedKitConfig {
  config: KitConfig;
  origins: Record<TeamSetting, SettingOrigin>;
}

/** Defaults, then the plan's `spec.kit`, then `overrides`; label sets replace, never merge. */
export function resolveKitConfig(plan: Plan, overrides: Partial<KitConfig> = {}): ResolvedKitConfig {
  const fromPlan = plan.spec.kit ?? {};
  const config: KitConfig = { ...defaultKitConfig, ...fromPlan, ...overrides };
  const origins = Object.fromEntries(teamSettings.map((key) => [key, overrides[key] !== undefined ? 'override' : fromPlan[key] !== undefined ? 'plan' : 'default'])) as Record<TeamSetting, SettingOrigin>;
  return { config, origins };
}

/** One generated file: a path relative to the output directory and its exact contents. */
export interface GeneratedFile {
  path: string;
  contents: string;
}
