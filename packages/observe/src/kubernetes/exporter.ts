/**
 * The plan exporter in the cluster: a ConfigMap with the plan, a Deployment that serves it as
 * metrics, a Service, and the ServiceMonitor that has Prometheus scrape it. No ServiceAccount: the
 * exporter reads a mounted file and calls no Kubernetes API, so it gets no token either.
 */
import type { Plan, Sizing } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { fileHeader } from './header.ts';
import { objectMeta, PLAN_LABEL, standardLabels } from './labels.ts';
import { dnsName } from './names.ts';
import { planText } from './plan-text.ts';
import { durationString } from './quantities.ts';
import { manifestsText, type Manifest } from './yaml-text.ts';

export const exporterPath = 'kubernetes/exporter.yaml';

const APP = 'headroom-exporter';
const PLAN_DIR = '/etc/headroom';
const PLAN_KEY = 'plan.yaml';
/** A non-root uid (distroless "nonroot"); set explicitly so runAsNonRoot holds whatever the image's USER says. */
const NON_ROOT_UID = 65532;

export function exporterNames(plan: Plan) {
  const name = plan.metadata.name;
  return { workload: dnsName(['headroom', name, 'exporter']), configMap: dnsName(['headroom', name, 'plan']) };
}

export function exporterManifests(plan: Plan, sizing: Sizing, config: KitConfig, planYaml: string = planText(plan)): Manifest[] {
  const planName = plan.metadata.name;
  const namespace = plan.metadata.namespace;
  const names = exporterNames(plan);
  const labels = standardLabels(planName, APP);
  const selector = { 'app.kubernetes.io/name': APP, [PLAN_LABEL]: planName };

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(names.configMap, namespace, labels),
    data: { [PLAN_KEY]: planYaml },
  };

  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(names.workload, namespace, labels),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels,
          // Changes with the plan, so editing the plan rolls the pod and it serves the new one.
          annotations: { 'headroom.dev/plan-hash': sizing.plan.hash },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: NON_ROOT_UID, runAsGroup: NON_ROOT_UID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'exporter',
            image: config.exporterImage,
            args: ['serve', `${PLAN_DIR}/${PLAN_KEY}`, '--port', String(config.exporterPort)],
            ports: [{ name: 'metrics', containerPort: config.exporterPort, protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, periodSeconds: 10, failureThreshold: 3 },
            livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, initialDelaySeconds: 10, periodSeconds: 20, failureThreshold: 3 },
            resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'plan', mountPath: PLAN_DIR, readOnly: true }],
          }],
          volumes: [{ name: 'plan', configMap: { name: names.configMap } }],
        },
      },
    },
  };

  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(names.workload, namespace, labels),
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'metrics', port: config.exporterPort, targetPort: 'metrics', protocol: 'TCP' }],
    },
  };

  const serviceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: objectMeta(names.workload, namespace, { ...labels, ...config.serviceMonitorLabels }),
    spec: {
      selector: { matchLabels: selector },
      // honorLabels: the plan series carry each workload's own namespace label, which Prometheus
      // would otherwise rename to exported_namespace (the exporter's pod namespace wins).
      endpoints: [{ port: 'metrics', path: '/metrics', interval: durationString(plan.spec.monitoring.scrapeInterval), honorLabels: true }],
    },
  };

  return [
    { object: configMap, comment: 'The plan the exporter serves. Regenerate after editing the plan; the Deployment rolls when its hash changes.' },
    {
      object: deployment,
      keyComments: [{
        path: ['spec', 'template', 'spec', 'containers', 0, 'resources'],
        comment: 'Memory limit = request (memory cannot be throttled, only killed); no CPU limit, as CFS quotas\nthrottle even on an idle node. The exporter holds a few hundred series and needs little of either.',
      }],
    },
    { object: service },
    {
      object: serviceMonitor,
      comment: `Scraped every ${durationString(plan.spec.monitoring.scrapeInterval)} (spec.monitoring.scrapeInterval). The Operator picks this up only if its\nserviceMonitorSelector matches these labels.`,
    },
  ];
}

export function exporterFile(plan: Plan, sizing: Sizing, config: KitConfig, planYaml?: string): GeneratedFile {
  return {
    path: exporterPath,
    contents: manifestsText(
      fileHeader(plan.metadata.name, 'The plan exporter: publishes the plan as headroom_plan_* series that the dashboards and alerts read.'),
      exporterManifests(plan, sizing, config, planYaml),
    ),
  };
}
