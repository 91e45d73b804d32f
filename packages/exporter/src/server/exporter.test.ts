import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExporterError, startExporter, type RunningExporter } from './exporter.ts';

const examplePlan = join(import.meta.dirname, '../../../../../shared/examples/plan.yaml');
const started: RunningExporter[] = [];
afterEach(async () => { await Promise.all(started.splice(0).map((e) => e.close())); });

function planCopy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'exporter-')), 'plan.yaml');
  copyFileSync(examplePlan, file);
  return file;
}

async function start(planFile = planCopy(), logs: string[] = []) {
  const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', watchIntervalMs: 50, log: (m) => logs.push(m) });
  started.push(exporter);
  return { exporter, planFile, logs };
}

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) { if (await check()) return true; await new Promise((r) => setTimeout(r, 25)); }
  return false;
};

describe('plan exporter', () => {
  it('publishes the plan as headroom_plan_* gauges in the Prometheus text format', async () => {
    const { exporter } = await start();
    const res = await fetch(`${exporter.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await res.text();
    expect(body).toMatch(/^# HELP headroom_plan_replicas .+$/m);
    expect(body).toContain('headroom_plan_replicas{plan="chat-assistant",namespace="ml-prod",workload="chat-llm",kind="llm-inference",bound="peak"} 3');
    expect(body).toMatch(/headroom_plan_info\{plan="chat-assistant",namespace="ml-prod",version="headroom\/v1",hash="[0-9a-f]{16}"\} 1/);
    expect(body).toContain('headroom_plan_latency_slo_seconds{plan="chat-assistant",namespace="ml-prod",workload="ranker",kind="model-serving",slo="latency_p95"} 0.15');
  });

  it('answers OpenMetrics when the scraper asks for it', async () => {
    const { exporter } = await start();
    const res = await fetch(`${exporter.url}/metrics`, { headers: { accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect((await res.text()).trimEnd()).toMatch(/# EOF$/);
  });

  it('passes promtool check metrics', async () => {
    const { exporter } = await start();
    const body = await (await fetch(`${exporter.url}/metrics`)).text();
    const child = execFile('promtool', ['check', 'metrics']);
    const output = new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (d) => { text += d; });
      child.stderr!.on('data', (d) => { text += d; });
      child.on('close', (code) => resolve(`${code}:${text}`));
    });
    child.stdin!.end(body);
    expect(await output).toBe('0:');
  });

  it('serves /healthz, /plan, and refuses unknown paths and methods', async () => {
    const { exporter } = await start();
    expect(await (await fetch(`${exporter.url}/healthz`)).text()).toBe('ok\n');
    const plan = (await (await fetch(`${exporter.url}/plan`)).json()) as { plan: { metadata: { name: string } }; sizing: { workloads: unknown[] } };
    expect(plan.plan.metadata.name).toBe('chat-assistant');
    expect(plan.sizing.workloads).toHaveLength(5);
    expect((await fetch(`${exporter.url}/nope`)).status).toBe(404);
    expect((await fetch(`${exporter.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('reloads a changed plan file, and keeps serving the old plan when the new one is bad', async () => {
    const { exporter, planFile, logs } = await start();
    const scrape = async () => (await fetch(`${exporter.url}/metrics`)).text();
    writeFileSync(planFile, (await import('node:fs')).readFileSync(examplePlan, 'utf8').replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: 800'));
    expect(await until(async () => (await scrape()).includes('workload="ranker",kind="model-serving"} 800'))).toBe(true);
    writeFileSync(planFile, 'apiVersion: headroom/v1\nkind: CapacityPlan\nmetadata: { name: broken }\nspec: { workloads: [] }\n');
    expect(await until(async () => logs.some((l) => l.includes('keeping the previous plan')))).toBe(true);
    expect(logs.find((l) => l.includes('keeping the previous plan'))).toMatch(/spec\.workloads: a plan needs at least one workload/);
    expect(await scrape()).toContain('workload="ranker",kind="model-serving"} 800');
    expect(await scrape()).toMatch(/headroom_exporter_plan_reloads_total\{result="failure"\} [1-9]/);
  });

  it('never serves a scrape without the plan while reloading', async () => {
    const { exporter, planFile } = await start();
    const text = (await import('node:fs')).readFileSync(examplePlan, 'utf8');
    let scrapes = 0;
    let stop = false;
    const scraper = (async () => {
      while (!stop) {
        const body = await (await fetch(`${exporter.url}/metrics`)).text();
        expect(body).toContain('headroom_plan_info{');
        expect(body.match(/^headroom_plan_replicas\{/gm)).toHaveLength(15);
        scrapes++;
      }
    })();
    for (let i = 0; i < 10; i++) {
      writeFileSync(planFile, text.replace('peakRequestsPerSecond: 20', `peakRequestsPerSecond: ${21 + i}`));
      await exporter.reload();
    }
    stop = true;
    await scraper;
    expect(scrapes).toBeGreaterThan(0);
  });

  it('says clearly when the port is in use or the plan unreadable', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    await expect(startExporter({ planFile: planCopy(), port, host: '127.0.0.1' })).rejects.toThrow(new ExporterError(`port ${port} on 127.0.0.1 is already in use; pick another with --port`));
    blocker.close();
    await expect(startExporter({ planFile: '/nonexistent/plan.yaml', port: 0, host: '127.0.0.1' })).rejects.toThrow(/\/nonexistent\/plan\.yaml: cannot read the plan \(ENOENT\)/);
  });
});

describe('plan exporter behind TLS and basic auth (web-config)', () => {
  it('serves HTTPS, asks for credentials on /metrics and /plan, and leaves /healthz open', async () => {
    const { execFileSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const https = await import('node:https');
    const bcrypt = (await import('bcryptjs')).default;
    const { loadWebConfig } = await import('./web-config.ts');
    const dir = mkdtempSync(join(tmpdir(), 'exporter-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'web.yml'), `tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  prometheus: ${bcrypt.hashSync('s3cret', 4)}\n`);
    const exporter = await startExporter({ planFile: planCopy(), port: 0, host: '127.0.0.1', webConfig: await loadWebConfig(join(dir, 'web.yml')), log: () => {} });
    started.push(exporter);
    expect(exporter.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(join(dir, 'cert.pem'));
    const get = (path: string, auth?: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      https.get(`${exporter.url}${path}`, { ca, ...(auth ? { auth } : {}) }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      }).on('error', reject);
    });
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/plan', 'prometheus:wrong')).status).toBe(401);
    const ok = await get('/metrics', 'prometheus:s3cret');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('headroom_plan_info{');
  });
});
