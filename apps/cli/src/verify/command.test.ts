/**
 * verify end to end against a real Prometheus: the test writes three workloads' history as
 * OpenMetrics (4 h 10 min of it: one using 1.5× its planned CPU, one within plan, one at 10%), builds TSDB blocks with
 * `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on them, and checks verdicts,
 * figures and the exit code.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan, sizePlan, type Sizing } from '@headroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile, type VerifyReport } from '@headroom/observe';
import { verifyCommand } from './command.ts';

const PLAN = `# capacity plan under test
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: verify-test, namespace: ml }
spec:
  defaults: { redundancy: none }
  workloads:
    - name: hot        # production uses 1.5x its planned CPU
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: steady     # within plan
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
    - name: idle       # 10% of its planned CPU
      kind: model-serving
      traffic: { peakRequestsPerSecond: 40 }
      serviceTime: 50 ms
      workersPerReplica: 2
      model: { sizeBytes: 100 MiB }
      metrics: { runtime: none }
`;

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const INTERVAL = 60;
const POINTS = 250; // 4 h 10 min at 60 s: the 4 h range lies inside the history

/** CPU (fraction of the planned total) at sample i. */
const cpuShape: Record<string, (i: number) => number> = {
  hot: () => 1.5,
  steady: (i) => (i < POINTS * (2 / 3) ? 0.5 : 0.8),
  idle: () => 0.1,
};
/** Memory (fraction of the planned total) at sample i: a saw tooth, so quantiles differ from the max. */
const memoryShape = (i: number) => 0.3 + 0.04 * (i % 10);

let dir = '';
let prometheus: ChildProcess | undefined;
let url = '';
let sizing: Sizing;
const planFile = () => join(dir, 'plan.yaml');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function openMetrics(endSeconds: number): string {
  const families = new Map<string, string[]>();
  const add = (metric: string, line: string) => families.set(metric, [...(families.get(metric) ?? []), line]);
  for (const w of sizing.workloads) {
    const pods = Math.max(2, w.replicas.min);
    for (let p = 0; p < pods; p++) {
      const labels = `{namespace="ml",pod="${w.name}-${p}",container="${w.name}"}`;
      let cpuSeconds = 0;
      for (let i = 0; i < POINTS; i++) {
        const t = endSeconds - (POINTS - 1 - i) * INTERVAL;
        if (i > 0) cpuSeconds += (cpuShape[w.name]!(i) * w.total.cpuCores / pods) * INTERVAL;
        add('container_cpu_usage_seconds_total', `container_cpu_usage_seconds_total${labels} ${cpuSeconds} ${t}`);
        add('container_memory_working_set_bytes', `container_memory_working_set_bytes${labels} ${Math.round(memoryShape(i) * w.total.memoryBytes / pods)} ${t}`);
        add('kube_pod_status_ready', `kube_pod_status_ready{namespace="ml",pod="${w.name}-${p}",condition="true"} 1 ${t}`);
      }
    }
  }
  return `${[...families.values()].flat().join('\n')}\n# EOF\n`;
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/-/ready`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('prometheus did not become ready');
}

beforeAll(async () => {
  const parsed = parsePlan(PLAN, 'plan.yaml');
  if (!parsed.ok) throw new Error(parsed.error.message);
  sizing = sizePlan(parsed.plan);
  dir = mkdtempSync(join(tmpdir(), 'headroom-verify-'));
  writeFileSync(planFile(), PLAN);
  const end = Math.floor(Date.now() / 1000) - 120;
  writeFileSync(join(dir, 'history.om'), openMetrics(end));
  const built = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`promtool failed: ${built.stderr}`);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  prometheus = spawn(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--storage.tsdb.retention.time=30d',
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  await waitReady(url, prometheus);
}, 40_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const byName = (report: VerifyReport, name: string) => report.workloads.find((w) => w.workload === name)!;
const check = (report: VerifyReport, workload: string, id: string) => byName(report, workload).checks.find((c) => c.id === id)!;
const planned = (name: string) => sizing.workloads.find((w) => w.name === name)!;

describe('headroom verify against a real Prometheus', () => {
  it('judges each workload as its history was built to show, with exit code 1', async () => {
    const { output, exitCode } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: true });
    const report = JSON.parse(output) as VerifyReport;
    expect(exitCode).toBe(1);
    expect(report.underProvisioned).toEqual(['hot']);
    expect(byName(report, 'hot').verdict).toBe('under-provisioned');
    expect(byName(report, 'steady').verdict).toBe('within-plan');
    expect(byName(report, 'idle').verdict).toBe('over-provisioned');
    expect(check(report, 'hot', 'cpu-usage').verdict).toBe('under-provisioned');
    expect(check(report, 'idle', 'cpu-usage').outcomes.find((o) => o.alert === 'HeadroomCPUOverProvisioned')?.breached).toBe(true);
    // Deployed requests and autoscaler series were not written: no data, not a verdict.
    expect(check(report, 'steady', 'cpu-request').verdict).toBe('no-data');
  });

  it('reports figures computed from the written history', async () => {
    const { output } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: true });
    const report = JSON.parse(output) as VerifyReport;
    for (const name of ['hot', 'steady', 'idle']) {
      const cpu = check(report, name, 'cpu-usage');
      const total = planned(name).total.cpuCores;
      expect(cpu.planned).toBeCloseTo(total, 9);
      const expectedMax = Math.max(...Array.from({ length: POINTS }, (_, i) => cpuShape[name]!(i))) * total;
      expect(cpu.summary!.max).toBeCloseTo(expectedMax, 6);
      expect(cpu.summary!.p95).toBeCloseTo(expectedMax, 6);
      const memory = check(report, name, 'memory-usage');
      const written = Array.from({ length: POINTS }, (_, i) => memoryShape(i) * planned(name).total.memoryBytes).sort((a, b) => a - b);
      expect(memory.summary!.max).toBeCloseTo(written.at(-1)!, -3);
      expect(Math.abs(memory.summary!.p95 / quantile(written, 0.95) - 1)).toBeLessThan(0.02);
      expect(Math.abs(memory.summary!.p50 / quantile(written, 0.5) - 1)).toBeLessThan(0.05);
      expect(memory.verdict).toBe('within-plan');
    }
    const steady = check(report, 'steady', 'cpu-usage');
    expect(steady.summary!.p50).toBeCloseTo(0.5 * planned('steady').total.cpuCores, 6);
    expect(steady.headroomPercent).toBeCloseTo(20, 3);
    const hot = byName(report, 'hot').recommendations.find((r) => r.resource === 'cpu')!;
    expect(hot.recommendedTotal).toBeCloseTo(1.5 * 1.15 * planned('hot').total.cpuCores, 6);
  });

  it('prints a readable table and writes a revised plan that sizes the observed CPU', async () => {
    const out = join(dir, 'revised.yaml');
    const { output, exitCode } = await verifyCommand(planFile(), { prometheus: url, range: '4h', json: false, writePlan: out });
    expect(exitCode).toBe(1);
    expect(output).toMatch(/^hot \(model-serving, ml\): UNDER-PROVISIONED$/m);
    expect(output).toMatch(/^idle \(model-serving, ml\): over-provisioned$/m);
    expect(output).toContain('FAIL: under-provisioned: hot');
    const revisedText = readFileSync(out, 'utf8');
    expect(revisedText).toContain('# capacity plan under test');
    const revised = parsePlan(revisedText, out);
    if (!revised.ok) throw new Error(revised.error.message);
    const resized = sizePlan(revised.plan);
    const cpu = (s: Sizing, name: string) => s.workloads.find((w) => w.name === name)!.total.cpuCores;
    expect(cpu(resized, 'hot') / (1.5 * 1.15 * cpu(sizing, 'hot'))).toBeCloseTo(1, 2);
    expect(cpu(resized, 'idle') / (0.1 * 1.15 * cpu(sizing, 'idle'))).toBeCloseTo(1, 2);
    expect(cpu(resized, 'steady')).toBe(cpu(sizing, 'steady'));
  });
});
