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

/** One generated file: a path relative to the output directory and its exact contents. */
export interface GeneratedFile {
  path: string;
  contents: string;
}
