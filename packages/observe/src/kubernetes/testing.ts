/** Test helpers: the kit for every bundled preset, documents of a file, and hand-written schema checks. Not exported. */
import { parsePlan, planPresets, sizePlan, type Plan, type Sizing } from '@headroom/model';
import { parseAllDocuments } from 'yaml';
import { defaultKitConfig, type GeneratedFile, type KitConfig } from '../config.ts';
import { kubernetesFiles } from './index.ts';
import { isDnsLabel } from './names.ts';

export function planOf(yaml: string): { plan: Plan; sizing: Sizing } {
  const parsed = parsePlan(yaml, 'test.yaml');
  if (!parsed.ok) throw parsed.error;
  return { plan: parsed.plan, sizing: sizePlan(parsed.plan) };
}

/** Rule groups shaped like the rules generator's: multi-line expressions, templates, durations. */
/** A one-workload plan for tests that need any plan. */
export function shopPlan(): { plan: Plan; sizing: Sizing } {
  return planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shop, namespace: prod }
spec:
  workloads:
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }
`);
}

export function sampleRuleGroups(plan: string): unknown[] {
  return [
    { name: `headroom-${plan}-signals`, interval: '1m', rules: [{ record: 'namespace_workload:headroom_cpu:signal', expr: 'sum by (namespace, workload) (\n  rate(container_cpu_usage_seconds_total{container!=""}[5m])\n)', labels: { plan } }] },
    {
      name: `headroom-${plan}-alerts`,
      interval: '1m',
      rules: [{
        alert: 'HeadroomCpuAbovePlan',
        expr: 'namespace_workload:headroom_cpu:signal > on (plan, workload) 1.2 * headroom_plan_cpu_cores{scope="replica"}',
        for: '15m',
        labels: { severity: 'warning' },
        annotations: { summary: 'CPU above plan', description: '{{ $labels.workload }} uses {{ $value | humanize }} cores: "more" than planned', runbook_url: 'https://example.com/runbooks/cpu.md' },
      }],
    },
  ];
}

export function sampleDashboards(plan: string): GeneratedFile[] {
  const dashboard = (uid: string, title: string) => `${JSON.stringify({ uid, title, tags: ['headroom'], panels: [{ type: 'timeseries', title: 'CPU: "planned" vs actual', targets: [{ expr: 'sum(rate(x[$__rate_interval]))' }] }] }, null, 2)}\n`;
  return [
    { path: `dashboards/${plan}-overview.json`, contents: dashboard(`hr-${plan}-overview`, `${plan} overview`) },
    { path: `dashboards/${plan}-gpus.json`, contents: dashboard(`hr-${plan}-gpus`, `${plan} GPUs`) },
    { path: 'dashboards/provisioning.yaml', contents: 'apiVersion: 1\nproviders: []\n' },
  ];
}

export interface PresetKit {
  preset: string;
  plan: Plan;
  sizing: Sizing;
  ruleGroups: unknown[];
  dashboards: GeneratedFile[];
  files: GeneratedFile[];
}

export function presetKits(config: KitConfig = defaultKitConfig): PresetKit[] {
  return planPresets.map((preset) => {
    const { plan, sizing } = planOf(preset.yaml);
    const ruleGroups = sampleRuleGroups(plan.metadata.name);
    const dashboards = sampleDashboards(plan.metadata.name);
    return { preset: preset.name, plan, sizing, ruleGroups, dashboards, files: kubernetesFiles(plan, sizing, config, { ruleGroups, dashboards, planYaml: preset.yaml }) };
  });
}

export type Obj = Record<string, any>;

/** Every document of a file, as plain data; throws on any YAML error or warning. */
export function documentsOf(file: GeneratedFile): Obj[] {
  return parseAllDocuments(file.contents).map((doc, i) => {
    if (doc.errors.length || doc.warnings.length) throw new Error(`${file.path} document ${i}: ${[...doc.errors, ...doc.warnings].map((e) => e.message).join('; ')}`);
    return doc.toJS() as Obj;
  });
}

export const fileAt = (files: readonly GeneratedFile[], path: string): GeneratedFile => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return file;
};

export const findDoc = (docs: readonly Obj[], kind: string, name?: string): Obj => {
  const doc = docs.find((d) => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!doc) throw new Error(`no ${kind} ${name ?? ''}`);
  return doc;
};

/** Kubernetes quantity "3500m", "4", "21403Mi", "512Gi" in base units (cores or bytes). */
export function quantityValue(quantity: string): number {
  const match = /^([0-9]+)(m|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) throw new Error(`not a canonical quantity: ${quantity}`);
  const scale: Record<string, number> = { '': 1, m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(match[1]) * scale[match[2] ?? '']!;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;
const QUANTITY = /^[0-9]+(m|Mi|Gi)?$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a kubeconform run would catch that matters here: required fields and their types for the
 * kinds generated, DNS names, label syntax, quantities and durations. Returns problems, [] if none.
 */
export function schemaProblems(doc: Obj): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => { if (!ok) problems.push(`${doc.kind ?? '?'} ${doc.metadata?.name ?? '?'}: ${what}`); };
  need(typeof doc.apiVersion === 'string' && doc.apiVersion.length > 0, 'apiVersion');
  need(typeof doc.kind === 'string' && doc.kind.length > 0, 'kind');
  need(isObj(doc.metadata), 'metadata');
  if (!isObj(doc.metadata)) return problems;
  const { name, namespace, labels, annotations } = doc.metadata;
  need(typeof name === 'string' && isDnsLabel(name), `metadata.name "${name}" is a DNS-1123 label of at most 63 characters`);
  if (doc.kind === 'Service') need(/^[a-z]/.test(name), 'a Service name starts with a letter (DNS-1035)');
  need(typeof namespace === 'string' && isDnsLabel(namespace), 'metadata.namespace');
  need(isObj(labels), 'metadata.labels');
  for (const [k, v] of Object.entries(labels ?? {})) need(LABEL_KEY.test(k) && typeof v === 'string' && v.length <= 63 && LABEL_VALUE.test(v), `label ${k}: ${String(v)}`);
  for (const [k, v] of Object.entries(annotations ?? {})) need(LABEL_KEY.test(k) && typeof v === 'string', `annotation ${k}`);
  const spec = doc.spec as Obj | undefined;
  const checkResources = (resources: Obj | undefined, where: string) => {
    if (resources === undefined) return;
    for (const part of ['requests', 'limits'] as const) {
      for (const [k, v] of Object.entries((resources[part] ?? {}) as Obj)) need(v === null || (typeof v === 'string' && QUANTITY.test(v)), `${where}.${part}.${k} quantity ${String(v)}`);
    }
  };
  const checkPodTemplate = (template: Obj | undefined, full: boolean) => {
    need(isObj(template?.spec), 'spec.template.spec');
    const containers = template?.spec?.containers;
    need(Array.isArray(containers) && containers.length > 0, 'spec.template.spec.containers');
    for (const [i, c] of (Array.isArray(containers) ? containers : []).entries()) {
      need(typeof c?.name === 'string' && isDnsLabel(c.name), `containers[${i}].name`);
      if (full) need(typeof c?.image === 'string', `containers[${i}].image`);
      checkResources(c?.resources, `containers[${i}].resources`);
    }
  };
  switch (doc.kind) {
    case 'ConfigMap':
      need(isObj(doc.data) && Object.entries(doc.data).every(([k, v]) => /^[-._a-zA-Z0-9]+$/.test(k) && typeof v === 'string'), 'data: string values under valid keys');
      break;
    case 'Deployment': {
      const full = isObj(spec?.selector);
      if (full) {
        const template = spec!.template?.metadata?.labels ?? {};
        need(Object.entries(spec!.selector.matchLabels ?? {}).every(([k, v]) => template[k] === v), 'spec.selector matches the template labels');
      }
      checkPodTemplate(spec?.template, full);
      break;
    }
    case 'Job':
      checkPodTemplate(spec?.template, false);
      break;
    case 'LeaderWorkerSet':
      // sigs.k8s.io/lws v1: a group of `size` pods (leader included) per replica, from two templates.
      need(doc.apiVersion === 'leaderworkerset.x-k8s.io/v1', 'leaderworkerset.x-k8s.io/v1');
      need(Number.isInteger(spec?.leaderWorkerTemplate?.size) && spec!.leaderWorkerTemplate.size >= 2, 'spec.leaderWorkerTemplate.size: an integer of at least 2');
      checkPodTemplate(spec?.leaderWorkerTemplate?.leaderTemplate, false);
      checkPodTemplate(spec?.leaderWorkerTemplate?.workerTemplate, false);
      break;
    case 'Service':
      need(Array.isArray(spec?.ports) && spec!.ports.length > 0 && spec!.ports.every((p: Obj) => Number.isInteger(p.port) && typeof p.name === 'string'), 'spec.ports');
      need(isObj(spec?.selector), 'spec.selector');
      break;
    case 'ServiceMonitor':
      need(isObj(spec?.selector?.matchLabels), 'spec.selector.matchLabels');
      need(Array.isArray(spec?.endpoints) && spec!.endpoints.length > 0 && spec!.endpoints.every((e: Obj) => typeof e.port === 'string' && (e.interval === undefined || DURATION.test(e.interval))), 'spec.endpoints');
      break;
    case 'PrometheusRule':
      need(Array.isArray(spec?.groups), 'spec.groups');
      break;
    case 'HorizontalPodAutoscaler':
      need(doc.apiVersion === 'autoscaling/v2', 'autoscaling/v2');
      need(['apiVersion', 'kind', 'name'].every((k) => typeof spec?.scaleTargetRef?.[k] === 'string'), 'spec.scaleTargetRef');
      need(Number.isInteger(spec?.minReplicas) && spec!.minReplicas >= 1 && Number.isInteger(spec?.maxReplicas) && spec!.maxReplicas >= spec!.minReplicas, '1 <= minReplicas <= maxReplicas');
      need(Array.isArray(spec?.metrics) && spec!.metrics.length > 0, 'spec.metrics');
      break;
    case 'PodMonitor':
      need(isObj(spec?.selector?.matchLabels), 'spec.selector.matchLabels');
      need(Array.isArray(spec?.podMetricsEndpoints) && spec!.podMetricsEndpoints.length > 0 && spec!.podMetricsEndpoints.every((e: Obj) => typeof e.port === 'string' && (e.interval === undefined || DURATION.test(e.interval))), 'spec.podMetricsEndpoints');
      break;
    case 'ScaledObject':
      need(doc.apiVersion === 'keda.sh/v1alpha1', 'keda.sh/v1alpha1');
      need(['apiVersion', 'kind', 'name'].every((k) => typeof spec?.scaleTargetRef?.[k] === 'string'), 'spec.scaleTargetRef');
      need(Number.isInteger(spec?.minReplicaCount) && spec!.minReplicaCount >= 1 && Number.isInteger(spec?.maxReplicaCount) && spec!.maxReplicaCount >= spec!.minReplicaCount, '1 <= minReplicaCount <= maxReplicaCount');
      need(Array.isArray(spec?.triggers) && spec!.triggers.length > 0 && spec!.triggers.every((t: Obj) => t.type === 'prometheus' && ['AverageValue', 'Value'].includes(t.metricType)
        && ['serverAddress', 'query', 'threshold'].every((k) => typeof t.metadata?.[k] === 'string')), 'spec.triggers: prometheus, with serverAddress, query and threshold');
      break;
    case 'PodDisruptionBudget':
      need(doc.apiVersion === 'policy/v1', 'policy/v1');
      need((spec?.minAvailable === undefined) !== (spec?.maxUnavailable === undefined), 'exactly one of minAvailable and maxUnavailable');
      need(isObj(spec?.selector?.matchLabels), 'spec.selector.matchLabels');
      break;
    default:
      problems.push(`unexpected kind ${String(doc.kind)}`);
  }
  return problems;
}
