import { planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { resolveKitConfig } from '../config.ts';
import { generateKit } from '../kit.ts';
import { planOf, shopPlan } from '../kubernetes/testing.ts';
import { targetOf } from '../promql/selectors.ts';
import type { RuleGroup } from '../rules/types.ts';
import { readmeFile } from './index.ts';
import { kitSources } from './sources.ts';

const readmeOf = (files: { path: string; contents: string }[]) => files.find((f) => f.path === 'README.md')!.contents;
const EXPORTER_FILES = ['exporter/Dockerfile', 'exporter/headroom-exporter.mjs', 'exporter/plan.yaml'];

describe('resolveKitConfig', () => {
  const { plan } = planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: shop, namespace: prod }
spec:
  kit: { exporterImage: "registry.example.com/shop/exporter:1", prometheusRuleLabels: { prometheus: main } }
  workloads:
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }
`);

  it('takes defaults, then the plan\'s spec.kit, then overrides, and says where each came from', () => {
    const { config, origins } = resolveKitConfig(plan, { runbookBaseUrl: 'https://wiki.example.com/rb' });
    expect(config).toMatchObject({
      runbookBaseUrl: 'https://wiki.example.com/rb',
      exporterImage: 'registry.example.com/shop/exporter:1',
      // A label set replaces the default set: release=kube-prometheus-stack is gone.
      prometheusRuleLabels: { prometheus: 'main' },
      serviceMonitorLabels: { release: 'kube-prometheus-stack' },
    });
    expect(origins).toEqual({ runbookBaseUrl: 'override', exporterImage: 'plan', prometheusRuleLabels: 'plan', serviceMonitorLabels: 'default' });
    expect(resolveKitConfig(plan, { exporterImage: 'flag/image:2' }).origins.exporterImage).toBe('override');
  });

  it('reaches the generated files', () => {
    const files = generateKit(plan, planOf(`apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: shop, namespace: prod }\nspec:\n  workloads:\n    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 10 }, serviceTime: 10 ms, model: { sizeBytes: 100 MiB } }\n`).sizing, { config: { runbookBaseUrl: 'https://wiki.example.com/rb' } });
    const text = (path: string) => files.find((f) => f.path === path)!.contents;
    expect(text('kubernetes/exporter.yaml')).toContain('image: registry.example.com/shop/exporter:1');
    expect(text('kubernetes/prometheus-rule.yaml')).toMatch(/^    prometheus: main\nspec:/m);
    expect(text('alerts/shop.rules.yaml')).toContain('runbook_url: https://wiki.example.com/rb/cpu-above-plan.md');
    expect(text('alerts/shop.rules.test.yaml')).toContain('runbook_url: https://wiki.example.com/rb/cpu-above-plan.md');
    const readme = text('README.md');
    expect(readme).toContain('| Exporter image | `registry.example.com/shop/exporter:1` | the plan\'s `spec.kit.exporterImage` |');
    expect(readme).toContain('| Runbook base URL | `https://wiki.example.com/rb` | `headroom generate --runbook-base-url` |');
    expect(readme).toContain('| ServiceMonitor labels (serviceMonitorSelector) | `release=kube-prometheus-stack` | default (set `spec.kit.serviceMonitorLabels` in the plan or `--service-monitor-labels`) |');
    expect(readme).toContain('docker build -t registry.example.com/shop/exporter:1 exporter/');
  });
});

describe('the kit README', () => {
  it.each(planPresets.map((p) => p.name))('%s: names only files the kit has, every alert with its runbook, steps in order', (name) => {
    const preset = planPresets.find((p) => p.name === name)!;
    const { plan, sizing } = planOf(preset.yaml);
    const files = generateKit(plan, sizing, { planText: preset.yaml });
    const readme = readmeOf(files);
    const paths = new Set([...files.map((f) => f.path), ...EXPORTER_FILES]);
    for (const [, path] of readme.matchAll(/`((?:kubernetes|alerts|dashboards|alertmanager|exporter)\/[^`\s]*\.(?:ya?ml|json|mjs))`/g)) {
      expect(paths.has(path!), `README names ${path}, which the kit lacks`).toBe(true);
    }
    for (const [, alert, url] of [...files.find((f) => f.path.endsWith('.rules.yaml'))!.contents.matchAll(/- alert: (\w+)[\s\S]*?runbook_url: (\S+)/g)]) {
      expect(readme).toContain(`| \`${alert}\` |`);
      expect(readme).toContain(url);
    }
    // Exporter before rules (the missing-plan alert), Alertmanager before rules (first alerts routed), workloads last.
    const at = (text: string) => {
      const index = readme.indexOf(text);
      expect(index, text).toBeGreaterThan(0);
      return index;
    };
    expect(at('kubectl apply -f kubernetes/exporter.yaml')).toBeLessThan(at('Merge `alertmanager/alertmanager.yaml`'));
    expect(at('Merge `alertmanager/alertmanager.yaml`')).toBeLessThan(at('kubectl apply -f kubernetes/prometheus-rule.yaml'));
    expect(at('kubectl apply -f kubernetes/prometheus-rule.yaml')).toBeLessThan(at('`kubernetes/workloads/` holds'));
    expect(readme).toContain('servicemonitors.monitoring.coreos.com prometheusrules.monitoring.coreos.com');
  });

  it('names dcgm-exporter and its honorLabels ServiceMonitor only for plans on NVIDIA GPUs', () => {
    const shop = readmeOf(generateKit(shopPlan().plan, shopPlan().sizing));
    expect(shop).not.toMatch(/dcgm/i);
    expect(shop).toMatch(/^  - Headroom's instrumentation .*`headroom_requests_total`/m);
    expect(shop).toMatch(/^  - kube-state-metrics .*`kube_pod_owner`/m);
    const gpu = planPresets.find((p) => p.name === 'chat-assistant')!;
    const chat = readmeOf(generateKit(planOf(gpu.yaml).plan, planOf(gpu.yaml).sizing));
    expect(chat).toMatch(/^  - NVIDIA dcgm-exporter .*honorLabels: true.*`DCGM_FI_DEV_FB_USED`/m);
    expect(chat).toContain('Apply `kubernetes/dcgm-exporter-servicemonitor.yaml`');
    expect(chat).toMatch(/^  - vLLM's `\/metrics`.*`vllm:kv_cache_usage_perc`/m);
  });

  it('asks for kube-state-metrics\' instance-type allowlist exactly when a rule reads the label', () => {
    const nodeRule: RuleGroup = { name: 'g', rules: [{ record: 'pool:nodes:count', expr: 'count by (label_node_kubernetes_io_instance_type) (kube_node_labels{label_node_kubernetes_io_instance_type!=""})' }] };
    const plain: RuleGroup = { name: 'g', rules: [{ record: 'x:pods:count', expr: 'count(kube_pod_info{namespace="prod", pod=~"kube_node_labels.*"})' }] };
    expect(kitSources([nodeRule], []).readsInstanceType).toBe(true);
    expect(kitSources([plain], []).readsInstanceType).toBe(false);
    const { plan, sizing } = shopPlan();
    const files = generateKit(plan, sizing);
    const readme = (groups: RuleGroup[]) => readmeFile(plan, { files, ruleGroups: groups, resolved: resolveKitConfig(plan), missingPlanAlert: 'HeadroomPlanExporterAbsent', targets: plan.spec.workloads.map((w, i) => targetOf(plan, w, sizing.workloads[i]!)) }).contents;
    const flag = 'Run it with `--metric-labels-allowlist=nodes=[node.kubernetes.io/instance-type,beta.kubernetes.io/instance-type]`';
    expect(readme([nodeRule])).toContain(flag);
    expect(readme([plain])).not.toContain('metric-labels-allowlist');
    // The kit's node-pool rules read the label, so its README asks for the flag under kube-state-metrics.
    expect(readmeOf(files)).toMatch(/^  - kube-state-metrics .*`kube_node_labels`.*\n {4}Run it with `--metric-labels-allowlist=nodes=\[node\.kubernetes\.io\/instance-type,beta\.kubernetes\.io\/instance-type\]`/m);
  });

  it('finds metric names in dashboard targets, not in record names or quoted values', () => {
    const dashboard = { contents: JSON.stringify({ panels: [{ targets: [{ expr: 'sum(rate(container_cpu_usage_seconds_total{pod=~"node_.*"}[$__rate_interval])) / on () namespace_workload:headroom_cpu:signal' }] }] }) };
    expect(kitSources([], [dashboard]).sources).toEqual([{ source: 'cadvisor', metrics: ['container_cpu_usage_seconds_total'] }]);
  });
});
