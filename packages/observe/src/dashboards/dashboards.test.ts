import { planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultKitConfig, type GeneratedFile } from '../config.ts';
import { dashboardFiles } from './index.ts';
import { matcherValues, panelsOf, promqlErrors, rateWindows, sizedPlan, targetsOf, type DashboardJson } from '../test-support.ts';

const generate = (yaml: string, config = defaultKitConfig) => {
  const { plan, sizing } = sizedPlan(yaml);
  return dashboardFiles(plan, sizing, config);
};

const presetFiles = planPresets.map((preset) => ({ preset, files: generate(preset.yaml) }));
const dashboardsOf = (files: GeneratedFile[]) =>
  files.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, model: JSON.parse(f.contents) as DashboardJson, contents: f.contents }));
const allDashboards = presetFiles.flatMap(({ preset, files }) => dashboardsOf(files).map((d) => ({ preset: preset.name, ...d })));

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
/** Legends of the lines a panel compares against: all read from the plan exporter. */
const referenceLegends = /^(planned|SLO \(p\d+\)|deadline|window)$/;

describe('dashboardFiles', () => {
  it.each(presetFiles.map(({ preset, files }) => [preset.name, files] as const))('%s: overview, one per workload in plan order, provisioning', (name, files) => {
    const { plan } = sizedPlan(planPresets.find((p) => p.name === name)!.yaml);
    expect(files.map((f) => f.path)).toEqual([
      `dashboards/${name}-overview.json`,
      ...plan.spec.workloads.map((w) => `dashboards/${name}-${w.name}.json`),
      'dashboards/provisioning.yaml',
    ]);
  });

  it('writes JSON with 2-space indent and a trailing newline', () => {
    for (const { model, contents } of allDashboards) expect(contents).toBe(`${JSON.stringify(model, null, 2)}\n`);
  });

  it('gives every dashboard a unique uid of at most 40 characters of [A-Za-z0-9_-]', () => {
    const uids = allDashboards.map((d) => d.model.uid);
    for (const uid of uids) expect(uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('gives every panel a title, a description saying what good looks like, and a unit', () => {
    for (const { path, model } of allDashboards) {
      for (const panel of panelsOf(model)) {
        expect(panel.title, path).toBeTruthy();
        expect(panel.description, `${path}: ${panel.title}`).toMatch(/Good: /);
        expect(panel.fieldConfig?.defaults?.unit, `${path}: ${panel.title}`).toBeTruthy();
      }
    }
  });

  it('points every panel and target at the ${datasource} variable of type prometheus', () => {
    for (const { path, model, contents } of allDashboards) {
      const variable = model.templating.list.find((v) => v.name === 'datasource');
      expect(variable, path).toMatchObject({ type: 'datasource', query: 'prometheus' });
      for (const panel of panelsOf(model)) {
        expect(panel.datasource, `${path}: ${panel.title}`).toEqual(DATASOURCE);
        expect(panel.targets?.length, `${path}: ${panel.title}`).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) expect(target.datasource).toEqual(DATASOURCE);
      }
      expect(contents).not.toContain('${DS_');
      expect(contents).not.toContain('__inputs');
    }
  });

  it('uses $__rate_interval in every rate (increase() keeps the period its signal counts over, e.g. restarts in 30 minutes)', () => {
    for (const { model } of allDashboards) {
      for (const { expr } of targetsOf(model)) {
        const windows = rateWindows(expr, ['rate', 'irate']);
        expect(windows.length, expr).toBe([...expr.matchAll(/\b(?:rate|irate)\(/g)].length);
        for (const window of windows) expect(window, expr).toBe('$__rate_interval');
      }
    }
  });

  it('writes PromQL that Prometheus parses', () => {
    for (const { path, model } of allDashboards) {
      for (const { expr } of targetsOf(model)) expect(promqlErrors(expr), `${path}: ${expr}`).toEqual([]);
    }
  });

  it('reads every planned value from the exporter\'s headroom_plan_* series', () => {
    let references = 0;
    for (const { model } of allDashboards) {
      for (const target of targetsOf(model)) {
        if (!referenceLegends.test(target.legendFormat ?? '')) continue;
        references++;
        expect(target.expr).toMatch(/^(max|sum)\(.*headroom_plan_[a-z_]+\{cluster=~"\$\{cluster\}", plan="[^"]+", workload=/);
      }
    }
    expect(references).toBeGreaterThan(50);
  });

  it('lays panels out on the grid without overlap, with unique ids', () => {
    for (const { path, model } of allDashboards) {
      const all = model.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
      const ids = all.map((p) => p.id);
      expect(new Set(ids).size, path).toBe(ids.length);
      const boxes = all.map((p) => p.gridPos!);
      for (const [i, a] of boxes.entries()) {
        expect(a.x + a.w).toBeLessThanOrEqual(24);
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${path}: ${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(false);
        }
      }
    }
  });

  it('is deterministic: the same plan gives the same bytes', () => {
    for (const { preset, files } of presetFiles) expect(generate(preset.yaml)).toEqual(files);
  });

  it('provisions the dashboards from files into the configured folder', () => {
    const files = generate(planPresets[0]!.yaml, { ...defaultKitConfig, grafanaFolder: 'Capacity plans' });
    const provisioning = parseYaml(files.find((f) => f.path === 'dashboards/provisioning.yaml')!.contents) as Record<string, unknown>;
    expect(provisioning).toMatchObject({
      apiVersion: 1,
      providers: [{ folder: 'Capacity plans', type: 'file', options: { path: expect.stringMatching(/^\/.+/) } }],
    });
  });
});

describe('dashboard contents by kind', () => {
  const chat = dashboardsOf(presetFiles.find((p) => p.preset.name === 'chat-assistant')!.files);
  const titles = (stem: string) => panelsOf(chat.find((d) => d.path.endsWith(`-${stem}.json`))!.model).map((p) => p.title);

  it('LLM: tokens per second, TTFT and inter-token latency vs SLO, KV cache, queue', () => {
    expect(titles('chat-llm')).toEqual(expect.arrayContaining([
      'Generated tokens per second vs plan', 'Time to first token vs SLO', 'Inter-token latency vs SLO', 'KV cache usage', 'Requests waiting', 'Requests per second vs plan',
    ]));
  });

  it('LLM: reads the renamed inter-token histogram under both names', () => {
    const itl = panelsOf(chat.find((d) => d.path.endsWith('-chat-llm.json'))!.model).find((p) => p.title === 'Inter-token latency vs SLO')!;
    const p95 = itl.targets!.find((t) => t.legendFormat === 'p95')!.expr;
    expect(p95).toContain('vllm:inter_token_latency_seconds_bucket{');
    expect(p95).toContain(' or rate(vllm:time_per_output_token_seconds_bucket{');
    expect(p95).toMatch(/^histogram_quantile\(0\.95, sum by \(le\) \(/);
    expect(itl.targets!.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99', 'SLO (p95)']);
  });

  it('training: throughput vs plan and projected finish vs deadline', () => {
    expect(titles('finetune')).toEqual(expect.arrayContaining(['Training tokens per second vs plan', 'Projected finish vs deadline']));
  });

  it('batch: rate vs required rate and projected finish vs window', () => {
    expect(titles('embed-nightly')).toEqual(expect.arrayContaining(['Items per second vs plan', 'Projected finish vs window']));
  });

  it('pipeline: run duration vs window', () => {
    expect(titles('features')).toEqual(expect.arrayContaining(['Last run duration vs plan']));
  });

  it('serving: latency percentiles vs SLO', () => {
    expect(titles('ranker')).toEqual(expect.arrayContaining(['Request latency vs SLO', 'Requests per second vs plan']));
  });

  it('overview: a row per workload with headroom, CPU, memory, GPUs, GPU memory, replicas, traffic, latency and storage', () => {
    const overview = chat.find((d) => d.path.endsWith('-overview.json'))!.model;
    const rows = overview.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['Plan', 'Node pools', 'chat-llm (llm-inference)', 'ranker (model-serving)', 'finetune (training)', 'embed-nightly (batch-inference)', 'features (data-pipeline)']);
    const all = panelsOf(overview).map((p) => p.title);
    expect(all).toEqual(expect.arrayContaining([
      'Headroom: CPU used', 'CPU used (cores) vs plan', 'GPUs vs plan', 'GPU memory used vs plan',
      'Ready replicas vs plan', 'Requests per second vs plan', 'Time to first token vs SLO', 'Storage used vs plan',
    ]));
    const stat = panelsOf(overview).find((p) => p.title === 'Headroom: CPU used')!;
    expect(stat.type).toBe('stat');
    expect(stat.fieldConfig?.defaults?.unit).toBe('percentunit');
    expect(stat.fieldConfig?.defaults?.thresholds?.steps).toEqual([{ value: null, color: 'red' }, { value: 0, color: 'yellow' }, { value: 0.2, color: 'green' }]);
  });

  it('shows cores as a plain number labelled cores', () => {
    const overview = chat.find((d) => d.path.endsWith('-overview.json'))!.model;
    const cpu = panelsOf(overview).find((p) => p.title === 'CPU used (cores) vs plan')!;
    expect(cpu.fieldConfig?.defaults?.unit).toBe('short');
    expect(JSON.stringify(cpu.fieldConfig)).toContain('"axisLabel":"cores"');
  });
});

describe('escaping', () => {
  const podRegex = String.raw`chat-(a|b)\d-["']?.*`;
  const yaml = `
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: escapes, namespace: ml }
spec:
  workloads:
    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b, precision: fp8 }
      traffic: { peakRequestsPerSecond: 6, inputTokens: 1000, outputTokens: 200, maxContextTokens: 8192 }
      slo: { timeToFirstToken: 1.5 s, interTokenLatency: 60 ms }
      accelerator: { gpu: L4-24GB }
      match: { pod: ${JSON.stringify(podRegex)} }
`;
  const dashboards = dashboardsOf(generate(yaml));

  it('selects the workload\'s pods through the recorded pods (where the regex lives), never by name, in valid PromQL', () => {
    let checked = 0;
    for (const { model } of dashboards) {
      for (const { expr } of targetsOf(model)) {
        expect(promqlErrors(expr), expr).toEqual([]);
        for (const window of rateWindows(expr, ['rate'])) expect(window).toBe('$__rate_interval');
        expect(matcherValues(expr, 'pod')).toEqual([]);
        if (expr.includes('namespace_workload_pod:headroom_pod_workload:info{')) checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(podRegex).toContain('"');
  });

  it('offers the clusters the plan is published in as a variable', () => {
    const workload = dashboards.find((d) => d.path.endsWith('-chat.json'))!.model;
    const cluster = workload.templating.list.find((v) => v.name === 'cluster')!;
    expect(cluster.query).toBe('label_values(headroom_plan_info{plan="escapes"}, cluster)');
  });
});

describe('large plans', () => {
  const workloads = Array.from({ length: 9 }, (_, i) => `
    - name: pipeline-${i}
      kind: data-pipeline
      input: { bytesPerRun: 10 GB, runsPerDay: 4 }
      window: 1 h
      throughputPerCore: 40 MB/s
      retention: 7 d`).join('');
  const files = generate(`
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: a-plan-with-a-rather-long-name-for-uids }
spec:
  workloads:${workloads}
`);

  it('collapses the overview\'s workload rows, keeping their panels', () => {
    const overview = JSON.parse(files[0]!.contents) as DashboardJson;
    const rows = overview.panels.filter((p) => p.type === 'row');
    expect(rows.map((r) => (r as { collapsed?: boolean }).collapsed)).toEqual([false, false, ...Array(9).fill(true)]);
    for (const row of rows.slice(2)) expect(row.panels!.length).toBeGreaterThan(0);
  });

  it('shortens long uids with a hash, keeping them distinct', () => {
    const uids = files.filter((f) => f.path.endsWith('.json')).map((f) => (JSON.parse(f.contents) as DashboardJson).uid);
    for (const uid of uids) expect(uid).toMatch(/^a-plan-with-a-rather-long-name-[0-9a-f]{8}$/);
    expect(new Set(uids).size).toBe(uids.length);
  });
});
