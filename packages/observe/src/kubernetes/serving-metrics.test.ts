import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { podMonitorsPath, scrapeConfigPath, servingMetricsFiles } from './serving-metrics.ts';
import { documentsOf, planOf } from './testing.ts';
import { workloadInputs } from './workload-input.ts';

const { plan, sizing } = planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: p, namespace: ns }
spec:
  workloads:
    - name: llm
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 5, inputTokens: 500, outputTokens: 200 }
      accelerator: { gpu: L4-24GB }
      metrics: { runtime: vllm }
    - { name: api, kind: model-serving, traffic: { peakRequestsPerSecond: 200 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB }, metrics: { runtime: none } }
    - { name: ranker, kind: model-serving, traffic: { peakRequestsPerSecond: 200 }, serviceTime: 20 ms, model: { sizeBytes: 100 MiB }, metrics: { runtime: triton }, match: { namespace: search } }
`);
const files = servingMetricsFiles(plan, defaultKitConfig, workloadInputs(plan, sizing));
const file = (path: string) => files.find((f) => f.path === path)!;

describe('serving metrics scraping', () => {
  it('writes a PodMonitor per workload with runtime metrics, selecting its pods by the label the patch sets', () => {
    const monitors = documentsOf(file(podMonitorsPath)) as { kind: string; metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: { selector: object; namespaceSelector: object; podMetricsEndpoints: { port: string; path: string }[] } }[];
    expect(monitors.map((m) => [m.kind, m.metadata.namespace, m.metadata.name])).toEqual([['PodMonitor', 'ns', 'headroom-llm'], ['PodMonitor', 'search', 'headroom-ranker']]);
    expect(monitors[0]!.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'llm' } });
    expect(monitors[1]!.spec.namespaceSelector).toEqual({ matchNames: ['search'] });
    expect(monitors[0]!.metadata.labels).toMatchObject(defaultKitConfig.serviceMonitorLabels);
    expect(monitors.map((m) => m.spec.podMetricsEndpoints[0]!.path)).toEqual(['/metrics', '/metrics']);
  });

  it('writes the same jobs as a scrape_configs fragment that vmagent accepts as a Prometheus configuration', async () => {
    const text = file(scrapeConfigPath).contents;
    const config = parse(text) as { scrape_configs: { job_name: string; relabel_configs: { regex?: string; target_label?: string }[] }[] };
    expect(config.scrape_configs.map((j) => j.job_name)).toEqual(['headroom/p/llm', 'headroom/p/ranker']);
    // The labels the rules join on.
    expect(config.scrape_configs[0]!.relabel_configs.flatMap((r) => (r.target_label ? [r.target_label] : []))).toEqual(['namespace', 'pod', 'container']);
    expect(config.scrape_configs.map((j) => j.relabel_configs[1]!.regex)).toEqual(['8000', '8002']);
    // Debian's promtool is built without Kubernetes service discovery; Debian's vmagent
    // (package victoria-metrics) parses the same scrape_configs strictly and has it.
    const dir = mkdtempSync(join(tmpdir(), 'headroom-scrape-'));
    writeFileSync(join(dir, 'prometheus.yml'), text);
    const { stderr } = await promisify(execFile)('vmagent', ['-promscrape.config=prometheus.yml', '-promscrape.config.strictParse', '-dryRun'], { cwd: dir, timeout: 10_000 });
    expect(stderr).toMatch(/all the configs are ok/);
  });
});
