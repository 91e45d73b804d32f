import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlanFile } from '../plan-source.ts';
import { acceptsGzip, CONNECTION_LIMITS, ExporterError, startExporter, type RunningExporter } from './exporter.ts';
import { MetricsCache, type ExporterState } from './metrics-cache.ts';

/** A real cache whose next render can be made to reject, as prom-client's would on a value it refuses. */
class FailingMetricsCache extends MetricsCache {
  failNextRender = false;
  override update(state: ExporterState): Promise<void> {
    if (!this.failNextRender) return super.update(state);
    this.failNextRender = false;
    return Promise.reject(new Error('render refused'));
  }
}

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

function promtoolCheckMetrics(body: string): Promise<string> {
  const child = execFile('promtool', ['check', 'metrics']);
  const output = new Promise<string>((resolve) => {
    let text = '';
    child.stdout!.on('data', (d) => { text += d; });
    child.stderr!.on('data', (d) => { text += d; });
    child.on('close', (code) => resolve(`${code}:${text}`));
  });
  child.stdin!.end(body);
  return output;
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

  it('keeps the counter\'s _total in the text format after an OpenMetrics scrape (promtool check metrics before and after)', async () => {
    const { exporter } = await start();
    const before = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(await promtoolCheckMetrics(before)).toBe('0:');
    // prom-client renames a counter in place for its OpenMetrics registry; a counter shared with the
    // text registry used to lose _total in the text format for every later scrape.
    const om = await (await fetch(`${exporter.url}/metrics`, { headers: { accept: 'application/openmetrics-text;version=1.0.0' } })).text();
    expect(om).toContain('# TYPE headroom_exporter_plan_reloads counter\n');
    expect(om).toContain('headroom_exporter_plan_reloads_total{result="failure"} 0\n');
    expect(om.endsWith('# EOF\n')).toBe(true);
    const after = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(after).toBe(before);
    expect(after).toContain('# TYPE headroom_exporter_plan_reloads_total counter\n');
    expect(await promtoolCheckMetrics(after)).toBe('0:');
  });

  it('serves the same body gzip-encoded when the scraper accepts it', async () => {
    const { exporter } = await start();
    const plain = await (await fetch(`${exporter.url}/metrics`, { headers: { 'accept-encoding': 'identity' } })).text();
    const zipped = await fetch(`${exporter.url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.text()).toBe(plain); // fetch decodes it
    expect(acceptsGzip('gzip;q=0, identity')).toBe(false);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
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

  it('survives any plan edit that fails to load, publishes the failure, and recovers on the next good plan', async () => {
    // Explicit reloads only (no polling in between), so the failure count is exact.
    const planFile = planCopy();
    const logs: string[] = [];
    const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', watchIntervalMs: 3_600_000, log: (m) => logs.push(m) });
    started.push(exporter);
    const scrape = async () => (await fetch(`${exporter.url}/metrics`)).text();
    const good = readFileSync(examplePlan, 'utf8');
    const hostile: Record<string, string> = {
      'more than 100 aliases': `${good}x-anchor: &a [1]\n${Array.from({ length: 150 }, (_, i) => `x${i}: *a`).join('\n')}\n`,
      'an undefined alias': good.replace('name: chat-assistant', 'name: *nowhere'),
      'a recursive alias': `${good}x: &loop [*loop]\n`,
      'nesting 5,000 levels deep': `${good}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      'a block mapping nested 3,000 levels deep': `${good}${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}x${i}:`).join('\n')} 1\n`,
      'bytes that are not a plan': '\u0000\u0001\u0002',
      'an invalid plan': good.replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: lots'),
    };
    let failures = 0;
    for (const [what, text] of Object.entries(hostile)) {
      const before = logs.length;
      writeFileSync(planFile, text);
      expect(await exporter.reload(), what).toBe(false);
      failures++;
      const logged = logs.slice(before).find((l) => l.includes('keeping the previous plan'));
      expect(logged, what).toContain(planFile);
      const body = await scrape();
      expect(body, what).toContain('headroom_plan_info{plan="chat-assistant"');
      expect(body, what).toContain('headroom_exporter_plan_last_reload_successful{plan="chat-assistant"} 0');
      expect(body, what).toContain(`headroom_exporter_plan_reloads_total{result="failure"} ${failures}`);
      expect((await fetch(`${exporter.url}/healthz`)).status, what).toBe(200);
    }
    writeFileSync(planFile, good);
    expect(await exporter.reload()).toBe(true);
    expect(await scrape()).toContain('headroom_exporter_plan_last_reload_successful{plan="chat-assistant"} 1');
  });

  it('refuses a plan file beyond the plan-size limit, naming it, without reading it whole', async () => {
    const { planFile } = await start();
    writeFileSync(planFile, `# ${'x'.repeat(2048)}\n`);
    const result = await loadPlanFile(planFile, { planBytes: 1024 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/the plan exceeds a limit: at least 1025 bytes, over the limit of 1024 \(planBytes\)/);
  });

  it('takes the plan limits it is given, as serve\'s --max-* flags pass them', async () => {
    const { planFile } = await start();
    const result = await loadPlanFile(planFile, { workloads: 1 });
    expect(!result.ok && result.message).toMatch(/over the limit of 1 \(workloads\)/);
    expect((await loadPlanFile(planFile)).ok).toBe(true);
  });

  it('refuses a short plan whose sizing multiplies out to billions of replicas, as the CLI does', async () => {
    const { planFile } = await start();
    writeFileSync(planFile, `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: hog, namespace: ml }
spec:
  workloads:
    - { name: hog, kind: model-serving, traffic: { peakRequestsPerSecond: 1e7 }, serviceTime: 3600 s, model: { sizeBytes: 1 GiB } }
`);
    const result = await loadPlanFile(planFile);
    expect(!result.ok && result.message).toMatch(/the plan is not plausible:\n {2}.*"hog" would need 77,142,857,145 replicas/);
  });

  it('closes connections that are slow to send their headers or send nothing, and refuses oversized headers', async () => {
    const planFile = planCopy();
    const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', log: () => {}, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    started.push(exporter);
    const { port } = new URL(exporter.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('GET /metrics HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    const closedAfterMs = await new Promise<number>((resolve) => {
      const opened = Date.now();
      socket.on('close', () => resolve(Date.now() - opened));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(30_000); // Node's default would hold it for 60 s or more
    // A connection that never sends a byte is closed too (Node's own timeouts never start for it).
    const silent = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => silent.on('close', () => resolve()));
    const big = await fetch(`${exporter.url}/healthz`, { headers: { 'x-padding': 'x'.repeat(CONNECTION_LIMITS.maxHeaderBytes) } });
    expect(big.status).toBe(431);
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

  it('keeps /plan, / and /metrics on the previous plan together when rendering the new plan\'s metrics fails', async () => {
    const planFile = planCopy();
    const logs: string[] = [];
    const metrics = new FailingMetricsCache();
    const exporter = await startExporter({ planFile, port: 0, host: '127.0.0.1', watchIntervalMs: 3_600_000, log: (m) => logs.push(m), metrics });
    started.push(exporter);
    writeFileSync(planFile, readFileSync(examplePlan, 'utf8').replace('name: chat-assistant', 'name: renamed-plan'));
    metrics.failNextRender = true;
    expect(await exporter.reload()).toBe(false);
    expect(logs.at(-1)).toMatch(/keeping the previous plan: .*rendering its metrics failed: render refused/);
    const plan = await (await fetch(`${exporter.url}/plan`)).json() as { plan: { metadata: { name: string } } };
    expect(plan.plan.metadata.name).toBe('chat-assistant');
    expect(await (await fetch(exporter.url)).text()).toContain('Plan chat-assistant');
    const body = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(body).toContain('headroom_plan_info{plan="chat-assistant"');
    expect(body).not.toContain('renamed-plan');
    expect(body).toContain('headroom_exporter_plan_last_reload_successful{plan="chat-assistant"} 0');
    expect(body).toContain('headroom_exporter_plan_reloads_total{result="failure"} 1');
    expect(body).toContain('headroom_exporter_plan_reloads_total{result="success"} 0');
    expect(exporter.current().plan.metadata.name).toBe('chat-assistant');
    // The next attempt renders: everything moves to the new plan at once.
    expect(await exporter.reload()).toBe(true);
    expect((await (await fetch(`${exporter.url}/plan`)).json() as typeof plan).plan.metadata.name).toBe('renamed-plan');
    expect(await (await fetch(`${exporter.url}/metrics`)).text()).toContain('headroom_exporter_plan_last_reload_successful{plan="renamed-plan"} 1');
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
