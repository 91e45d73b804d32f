/**
 * README.md of a generated kit: what each folder holds, what must run in the cluster first, the
 * order to apply the files in (and why), the settings the kit was generated with and where each
 * came from, and the runbook of every alert. Written from the kit's own files and rules, so it
 * names only files that exist and metric sources that the rules and dashboards really query.
 */
import type { Plan } from '@headroom/model';
import type { GeneratedFile, ResolvedKitConfig, SettingOrigin, TeamSetting } from '../config.ts';
import { alertmanagerPath, receivers } from '../alertmanager/index.ts';
import { gpuOperator } from '../kubernetes/dcgm.ts';
import { NODE_LABELS_ALLOWLIST_FLAG } from '../pools/rules.ts';
import type { WorkloadTarget } from '../promql/selectors.ts';
import type { AlertingRule, RuleGroup } from '../rules/types.ts';
import { INSTANCE_TYPE_LABEL, kitSources, type SourceId } from './sources.ts';

export const readmePath = 'README.md';

export interface ReadmeInputs {
  /** The kit's files so far (everything but the README and the exporter/ folder the shells add). */
  files: readonly GeneratedFile[];
  ruleGroups: readonly RuleGroup[];
  resolved: ResolvedKitConfig;
  /** The alert that fires while the plan exporter is missing. */
  missingPlanAlert: string;
  /** Where each workload's pods run. */
  targets: readonly WorkloadTarget[];
}

const FLAGS: Record<TeamSetting, string> = {
  runbookBaseUrl: '--runbook-base-url',
  exporterImage: '--exporter-image',
  prometheusRuleLabels: '--rule-labels',
  serviceMonitorLabels: '--service-monitor-labels',
};

const SETTING_TITLES: Record<TeamSetting, string> = {
  runbookBaseUrl: 'Runbook base URL',
  exporterImage: 'Exporter image',
  prometheusRuleLabels: 'PrometheusRule labels (ruleSelector)',
  serviceMonitorLabels: 'ServiceMonitor labels (serviceMonitorSelector)',
};

const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)';

function originText(setting: TeamSetting, origin: SettingOrigin): string {
  switch (origin) {
    case 'default': return `default (set \`spec.kit.${setting}\` in the plan or \`${FLAGS[setting]}\`)`;
    case 'plan': return `the plan's \`spec.kit.${setting}\``;
    case 'override': return `\`headroom generate ${FLAGS[setting]}\``;
  }
}

const SOURCE_TEXT: Record<SourceId, string> = {
  'kube-state-metrics': 'kube-state-metrics (kube-prometheus-stack installs and scrapes it)',
  cadvisor: 'cAdvisor through the kubelet (`/metrics/cadvisor`; kube-prometheus-stack\'s kubelet ServiceMonitor scrapes it)',
  kubelet: 'the kubelet\'s own metrics (`/metrics`; the same kubelet ServiceMonitor)',
  'node-exporter': 'node-exporter',
  dcgm: `NVIDIA dcgm-exporter (the GPU Operator runs it in \`${gpuOperator.namespace}\`), scraped with \`honorLabels: true\` so the GPU series keep the pod they belong to`,
  vllm: 'vLLM\'s `/metrics` on the serving pods, scraped by your PodMonitor or ServiceMonitor so every series carries the pod\'s `namespace` and `pod`',
  triton: 'Triton\'s metrics endpoint (port 8002) on the serving pods, scraped so every series carries the pod\'s `namespace` and `pod`',
  instrumentation: 'Headroom\'s instrumentation (`@headroom/exporter`) in your own servers and jobs, scraped so every series carries the pod\'s `namespace` and `pod`',
};

function folderTable(files: readonly GeneratedFile[], plan: string): string {
  const has = (prefix: string) => files.some((f) => f.path.startsWith(prefix));
  const rows: [string, string][] = [];
  if (has('dashboards/')) rows.push(['`dashboards/`', `Grafana dashboards (${files.filter((f) => f.path.startsWith('dashboards/') && f.path.endsWith('.json')).length} JSON files: the plan overview and one per workload) and \`provisioning.yaml\` for Grafana's file provisioning.`]);
  if (has('alerts/')) rows.push(['`alerts/`', `\`${plan}.rules.yaml\`: the recording and alerting rules as a plain rule file (Prometheus \`rule_files\`, Mimir, Thanos); \`${plan}.rules.test.yaml\`: their promtool unit tests.`]);
  if (has('kubernetes/')) {
    const parts = [
      ...(has('kubernetes/prometheus-rule.yaml') ? ['the rules as a PrometheusRule (`prometheus-rule.yaml`)'] : []),
      ...(has('kubernetes/exporter.yaml') ? ['the plan exporter: ConfigMap with the plan, Deployment, Service, ServiceMonitor (`exporter.yaml`)'] : []),
      ...(has('kubernetes/dcgm-exporter-servicemonitor.yaml') ? ['dcgm-exporter\'s ServiceMonitor with `honorLabels: true` (`dcgm-exporter-servicemonitor.yaml`)'] : []),
      ...(has('kubernetes/dashboards.yaml') ? ['the dashboards as Grafana sidecar ConfigMaps (`dashboards.yaml`)'] : []),
      ...(has('kubernetes/workloads/') ? ['per workload (`workloads/`) its resources patch, HorizontalPodAutoscaler and PodDisruptionBudget'] : []),
    ];
    rows.push(['`kubernetes/`', `Manifests: ${parts.join('; ')}.`]);
  }
  if (has('alertmanager/')) rows.push(['`alertmanager/`', `\`alertmanager.yaml\`: a route and inhibition fragment to merge into your Alertmanager configuration (receivers \`${receivers.critical}\` and \`${receivers.warning}\`).`]);
  rows.push(['`exporter/`', 'The plan exporter: one bundled script with no dependencies (`headroom-exporter.mjs`), the plan it serves, and a `Dockerfile` to build its image.']);
  return ['| Folder | What it holds |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

function settingsTable(resolved: ResolvedKitConfig): string {
  const { config, origins } = resolved;
  const value = (setting: TeamSetting): string => {
    const v = config[setting];
    return `\`${typeof v === 'string' ? v : labelText(v)}\``;
  };
  return [
    '| Setting | Value | From |',
    '| --- | --- | --- |',
    ...(Object.keys(FLAGS) as TeamSetting[]).map((s) => `| ${SETTING_TITLES[s]} | ${value(s)} | ${originText(s, origins[s])} |`),
  ].join('\n');
}

export function readmeFile(plan: Plan, inputs: ReadmeInputs): GeneratedFile {
  const name = plan.metadata.name;
  const { config } = inputs.resolved;
  const paths = new Set(inputs.files.map((f) => f.path));
  const has = (path: string) => paths.has(path);
  const dashboards = inputs.files.filter((f) => f.path.startsWith('dashboards/') && f.path.endsWith('.json'));
  const found = kitSources(inputs.ruleGroups, dashboards);
  const alerts = inputs.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
  const namespaces = [...new Set(inputs.targets.map((t) => t.namespace))];
  const workloadFiles = inputs.files.filter((f) => f.path.startsWith('kubernetes/workloads/'));

  const sourceLines = found.sources.map(({ source, metrics }) => {
    const flag = source === 'kube-state-metrics' && found.readsInstanceType
      ? `\n    Run it with \`${NODE_LABELS_ALLOWLIST_FLAG}\`: node pools are matched by instance type through \`kube_node_labels{${INSTANCE_TYPE_LABEL}}\` (or the older beta label), which kube-state-metrics leaves out by default (kube-prometheus-stack: \`kube-state-metrics.metricLabelsAllowlist\`). Without it \`HeadroomNodeInstanceTypeUnknown\` fires and no node pool is compared with the nodes.`
      : '';
    return `  - ${SOURCE_TEXT[source]}: ${metrics.map((m) => `\`${m}\``).join(', ')}.${flag}`;
  });

  const steps: string[] = [];
  steps.push(`Check the rules: \`promtool check rules alerts/${name}.rules.yaml && promtool test rules alerts/${name}.rules.test.yaml\` (the tests show every alert firing and staying quiet).`);
  steps.push(`Build the exporter image and push it where the cluster pulls from: \`docker build -t ${config.exporterImage} exporter/ && docker push ${config.exporterImage}\`. \`kubernetes/exporter.yaml\` runs this image; to use another, regenerate with \`spec.kit.exporterImage\` or \`${FLAGS.exporterImage}\`.`);
  if (has('kubernetes/exporter.yaml')) {
    steps.push(`Apply the plan exporter: \`kubectl apply -f kubernetes/exporter.yaml\` (namespace \`${plan.metadata.namespace}\`). Its ServiceMonitor carries \`${labelText(config.serviceMonitorLabels)}\`, which your Prometheus's serviceMonitorSelector must match. Check that Prometheus has \`headroom_plan_info{plan="${name}"}\` before going on: every comparison reads the plan series, and until they exist \`${inputs.missingPlanAlert}\` fires.`);
  }
  if (has('kubernetes/dcgm-exporter-servicemonitor.yaml')) {
    steps.push('Apply `kubernetes/dcgm-exporter-servicemonitor.yaml`, unless the GPU Operator already creates a ServiceMonitor for dcgm-exporter: then set `dcgmExporter.serviceMonitor.honorLabels: true` there instead (the file says why).');
  }
  if (has(alertmanagerPath)) {
    steps.push(`Merge \`${alertmanagerPath}\` into your Alertmanager configuration (the file says how), with receivers \`${receivers.critical}\` and \`${receivers.warning}\` or your own names in their place, and check it with \`amtool check-config\`. Before the rules, so their first alerts reach the right receiver.`);
  }
  if (has('kubernetes/prometheus-rule.yaml')) {
    steps.push(`Load the rules: \`kubectl apply -f kubernetes/prometheus-rule.yaml\` (its labels \`${labelText(config.prometheusRuleLabels)}\` must match your Prometheus's ruleSelector), or put \`alerts/${name}.rules.yaml\` in \`rule_files\` or a Mimir or Thanos ruler.`);
  }
  if (has('kubernetes/dashboards.yaml')) {
    steps.push('Load the dashboards: `kubectl apply --server-side -f kubernetes/dashboards.yaml` for the Grafana sidecar, or `dashboards/provisioning.yaml` with the JSON files, or `headroom push . --grafana URL`.');
  }
  if (workloadFiles.length > 0) {
    steps.push(`Last, and after review, since these change running workloads: \`kubernetes/workloads/\` holds ${workloadFiles.length === 1 ? 'one file' : `${workloadFiles.length} files`}, each a resources patch for the workload's Deployment plus its HorizontalPodAutoscaler and PodDisruptionBudget where it has them (each file says how to apply it).`);
  }
  steps.push(`Then compare production with the plan at any time: \`headroom verify plan.yaml --prometheus <url>\`.`);

  const text = `<!-- Generated by headroom from plan ${name}; do not edit. Regenerate with \`headroom generate\`. -->
# Verification kit for plan \`${name}\`

These files check in production whether the plan \`${name}\` holds: ${plan.spec.workloads.length === 1 ? 'its workload' : `its ${plan.spec.workloads.length} workloads`} in ${namespaces.map((n) => `\`${n}\``).join(', ')}. The plan exporter publishes the plan as \`headroom_plan_*\` series; the rules and dashboards compare production with them, so a changed plan needs the exporter redeployed, not new rules.

## What is in it

${folderTable(inputs.files, name)}

## What must run first

- The Prometheus Operator's CRDs (\`monitoring.coreos.com/v1\` ServiceMonitor and PrometheusRule), as kube-prometheus-stack installs them: \`kubectl get crd servicemonitors.monitoring.coreos.com prometheusrules.monitoring.coreos.com\`. Without the Operator, load \`alerts/${name}.rules.yaml\` into \`rule_files\` and scrape the exporter with your own scrape config (\`honor_labels: true\`).
- The metric sources the rules and dashboards query:
${sourceLines.join('\n')}

## Apply, in this order

${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}

## Settings this kit was generated with

${settingsTable(inputs.resolved)}

## Alerts and their runbooks

${['| Alert | Severity | Runbook |', '| --- | --- | --- |', ...alerts.map((a) => `| \`${a.alert}\` | ${a.labels.severity ?? ''} | ${a.annotations.runbook_url} |`)].join('\n')}

The runbooks are Markdown files; Headroom's live in \`docs/runbooks/\` of its repository. To link your own copies, set \`spec.kit.runbookBaseUrl\` or \`${FLAGS.runbookBaseUrl}\`.
`;
  return { path: readmePath, contents: text };
}
