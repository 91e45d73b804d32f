import { parsePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { exporterFile } from './exporter.ts';
import { documentsOf, findDoc, planOf } from './testing.ts';

const yaml = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shop, namespace: prod }
spec:
  monitoring: { scrapeInterval: 15 s }
  workloads:
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }
`;
const { plan, sizing } = planOf(yaml);
const config = { ...defaultKitConfig, exporterImage: 'registry.example/headroom:1.2.3', exporterPort: 9999, serviceMonitorLabels: { release: 'prom' } };

describe('exporterFile', () => {
  const docs = documentsOf(exporterFile(plan, sizing, config, yaml));

  it('holds a ConfigMap, Deployment, Service and ServiceMonitor, and no ServiceAccount', () => {
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Deployment', 'Service', 'ServiceMonitor']);
  });

  it('mounts the plan text from the ConfigMap and serves it', () => {
    const configMap = findDoc(docs, 'ConfigMap');
    expect(configMap.metadata.name).toBe('headroom-shop-plan');
    expect(configMap.data['plan.yaml']).toBe(yaml);
    const pod = findDoc(docs, 'Deployment').spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe('registry.example/headroom:1.2.3');
    expect(container.args).toEqual(['serve', '/etc/headroom/plan.yaml', '--port', '9999']);
    expect(container.volumeMounts).toEqual([{ name: 'plan', mountPath: '/etc/headroom', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'plan', configMap: { name: 'headroom-shop-plan' } }]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBeUndefined();
  });

  it('probes /healthz, runs as non-root on a read-only root and sets small resources', () => {
    const deployment = findDoc(docs, 'Deployment');
    const [container] = deployment.spec.template.spec.containers;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(container.resources.requests).toEqual({ cpu: '50m', memory: '128Mi' });
    expect(container.resources.limits).toEqual({ memory: '128Mi' });
    expect(deployment.spec.template.metadata.annotations['headroom.dev/plan-hash']).toBe(sizing.plan.hash);
  });

  it('exposes port "metrics" and scrapes it at the plan\'s interval with the configured labels', () => {
    const service = findDoc(docs, 'Service');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9999, targetPort: 'metrics', protocol: 'TCP' }]);
    const deployment = findDoc(docs, 'Deployment');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    const monitor = findDoc(docs, 'ServiceMonitor');
    expect(monitor.metadata.labels.release).toBe('prom');
    expect(monitor.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s', honorLabels: true }]);
    for (const [k, v] of Object.entries(monitor.spec.selector.matchLabels)) expect(service.metadata.labels[k]).toBe(v);
  });

  it('defaults the plan text to the validated plan written back as YAML that parses again', () => {
    const configMap = findDoc(documentsOf(exporterFile(plan, sizing, config)), 'ConfigMap');
    const again = parsePlan(configMap.data['plan.yaml']);
    expect(again.ok).toBe(true);
  });

  it('keeps names within 63 characters for the longest plan names', () => {
    const long = 'a'.repeat(63);
    const { plan: longPlan, sizing: longSizing } = planOf(yaml.replace('name: shop', `name: ${long}`));
    const names = documentsOf(exporterFile(longPlan, longSizing, config)).map((d) => d.metadata.name as string);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
    expect(new Set(names).size).toBe(2);
  });
});
