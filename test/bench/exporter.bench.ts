/**
 * Exporter load benchmark (issues 4, 13, 14). Two parts:
 *
 * 1. Throughput: scrape /metrics of a 1,000-workload plan with 50 concurrent keep-alive clients for
 *    20 s, against the floor of a bare node:http server whose prom-client Registry holds the very
 *    same series and renders them per request (prom-client's own example). The exporter renders
 *    once per reload and serves the cached body; aim: at least 5x the floor. Prints requests,
 *    errors, throughput, p50/p99 latency and the server's memory (RSS and heap from a 1 s timer in
 *    the server process; a saturated server runs its timers late, so expect a sample every 1-2 s).
 * 2. Credential flood: the exporter behind basic auth (a bcrypt hash of cost 10, as
 *    `htpasswd -nBC 10` makes) while 50 clients send wrong passwords back to back, each a new
 *    one so no cache helps them; meanwhile one client probes /healthz and one scrapes /metrics with
 *    the right password (gzip, as Prometheus asks), each every PROBE_PAUSE_MS. The same probes run
 *    first without the flood, as the floor on this machine. Aim: p99 of both under 100 ms.
 *
 * Asserts nothing.
 * Run: `pnpm bench:exporter [--seconds 20] [--clients 50] [--workloads 1000] [--warmup 3] [--part all|throughput|flood]`.
 *
 * Processes: each server under test runs alone in a child process (forked with this file and the
 * tsx loader inherited from this process), and this process is only the load generator. On the
 * 2-core machine that gives the server one core and the clients the other, so receiving and
 * timing 50 streams of multi-megabyte responses never competes with the server's event loop; and a
 * fresh process per target keeps one target's heap and JIT state out of the other's figures.
 * The targets are measured one after the other (exporter, then floor), each after a short warm-up.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prom from 'prom-client';
import { stringify } from 'yaml';
import { exporterFamilies, PlanGauges } from '@headroom/exporter';
import { parsePlan, planSamples, sizePlan } from '@headroom/model';
import { poolSamples } from '@headroom/model';
import bcrypt from 'bcryptjs';
import { syntheticPlan } from './plans.ts';

type Target = 'exporter' | 'floor' | 'exporter-auth';
const TARGETS: readonly Target[] = ['exporter', 'floor'];
/** Basic-auth user and password the flood's valid scraper uses; the flood sends other passwords. */
const USER = 'prometheus';
const PASSWORD = 'correct horse battery staple';
/** bcrypt cost of the web-config hash: htpasswd -B's default, and exporter-toolkit's examples. */
const BCRYPT_COST = 10;
const PROBE_PAUSE_MS = 20;
/** Both targets serve the Prometheus text format for this Accept (the floor has no other). */
const ACCEPT = 'text/plain;version=0.0.4';
const REQUEST_TIMEOUT_MS = 30_000;
/** A bound on the loops besides time: no client issues more than this many requests in a run. */
const MAX_REQUESTS_PER_CLIENT = 200_000;
const CHILD_TIMEOUT_MS = 120_000;
/** The one line that differs between the two bodies: when the exporter loaded its plan. */
const TIMESTAMP_FAMILY = exporterFamilies.lastSuccess.name;

interface MemorySample { atMs: number; rss: number; heapUsed: number }
type ToServer = { type: 'mark' } | { type: 'report' } | { type: 'stop' };
type FromServer =
  | { type: 'ready'; url: string; series: number }
  | { type: 'marked' }
  | { type: 'report'; memory: MemorySample[]; cpuMs: number; wallMs: number };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '50' },
    workloads: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '3' },
    part: { type: 'string', default: 'all' },
  },
});

if (positionals[0] === 'serve') await serve(positionals[1] as Target, positionals[2]!, positionals[3]);
else await main();

// ---------------------------------------------------------------------------------------------
// Server side (child process)

async function serve(target: Target, planFile: string, webConfigFile?: string): Promise<void> {
  const send = (message: FromServer) => process.send!(message);
  let url: string;
  let series: number;
  let close: () => Promise<void>;
  if (target === 'exporter' || target === 'exporter-auth') {
    const { loadWebConfig, startExporter } = await import('@headroom/exporter');
    const webConfig = webConfigFile === undefined ? undefined : await loadWebConfig(webConfigFile);
    const running = await startExporter({ planFile, port: 0, host: '127.0.0.1', log: () => {}, ...(webConfig ? { webConfig } : {}) });
    url = `${running.url}/metrics`;
    series = running.current().samples.length;
    close = running.close;
  } else {
    const floor = await startFloor(planFile);
    url = floor.url;
    series = floor.series;
    close = floor.close;
  }

  // Memory every second, and the process's CPU time over the measured window.
  let memory: MemorySample[] = [];
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  const take = () => {
    const m = process.memoryUsage();
    memory.push({ atMs: performance.now(), rss: m.rss, heapUsed: m.heapUsed });
  };
  const sampler = setInterval(take, 1000);
  process.on('message', (message: ToServer) => {
    if (message.type === 'mark') {
      memory = [];
      take();
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
      send({ type: 'marked' });
    } else if (message.type === 'report') {
      take();
      const cpu = process.cpuUsage(cpuStart);
      send({ type: 'report', memory, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wallStart });
    } else {
      clearInterval(sampler);
      void close().finally(() => process.disconnect());
    }
  });
  send({ type: 'ready', url, series });
}

/** The floor: a bare node:http server and one prom-client Registry with the plan's series. */
async function startFloor(planFile: string): Promise<{ url: string; series: number; close: () => Promise<void> }> {
  const parsed = parsePlan(await readFile(planFile, 'utf8'), planFile);
  if (!parsed.ok) throw parsed.error;
  const sizing = sizePlan(parsed.plan);
  const samples = [...planSamples(parsed.plan, sizing), ...poolSamples(parsed.plan, sizing)];

  const registry = new prom.Registry();
  // The exporter's own plan gauges (workload and node-pool families) on a plain registry...
  new PlanGauges([registry]).update(samples);
  // ...and the exporter's own families, so both bodies are the same but for one timestamp.
  const own = exporterFamilies;
  const reloads = new prom.Counter({ ...own.reloads, labelNames: ['result'], registers: [registry] });
  reloads.inc({ result: 'success' }, 0);
  reloads.inc({ result: 'failure' }, 0);
  new prom.Gauge({ ...own.lastSuccess, registers: [registry] }).set(Date.now() / 1000);
  new prom.Gauge({ ...own.lastReloadSuccessful, labelNames: ['plan'], registers: [registry] }).set({ plan: parsed.plan.metadata.name }, 1);

  // What prom-client's own example does: no routing beyond /metrics, no negotiation.
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.statusCode = 404;
      res.end();
      return;
    }
    registry.metrics().then(
      (body) => {
        res.setHeader('Content-Type', registry.contentType);
        res.end(body);
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    series: samples.length,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeIdleConnections();
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Load generator and report (parent process)

interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  errorKinds: Map<string, number>;
  bytes: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** Requests completed by each client: a wide spread means the server starves some connections. */
  perClient: number[];
}

interface Measured {
  target: Target;
  series: number;
  body: string;
  load: LoadResult;
  memory: MemorySample[];
  cpuPercent: number;
}

async function main(): Promise<void> {
  const seconds = positiveNumber(values.seconds, 'seconds');
  const clients = Math.round(positiveNumber(values.clients, 'clients'));
  const workloads = Math.round(positiveNumber(values.workloads, 'workloads'));
  const warmup = Number(values.warmup);
  if (!Number.isFinite(warmup) || warmup < 0) throw new Error(`--warmup must be a number of seconds, not ${values.warmup}`);
  const part = values.part;
  if (part !== 'all' && part !== 'throughput' && part !== 'flood') throw new Error(`--part must be all, throughput or flood, not ${part}`);
  console.log(`node ${process.version}, ${process.arch}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`);
  console.log(`plan of ${workloads} workloads; ${clients} keep-alive clients, ${seconds} s per target after a ${warmup} s warm-up; Accept: ${ACCEPT}`);

  const dir = await mkdtemp(join(tmpdir(), 'headroom-exporter-bench-'));
  const children = new Set<ChildProcess>();
  const results: Measured[] = [];
  try {
    const planFile = join(dir, 'plan.yaml');
    await writeFile(planFile, stringify(syntheticPlan(workloads)));
    if (part !== 'flood') {
      for (const target of TARGETS) results.push(await measure(target, planFile, { seconds, clients, warmup }, children));
      report(results);
    }
    if (part === 'throughput') return;
    const webConfig = join(dir, 'web.yml');
    await writeFile(webConfig, `basic_auth_users:\n  ${USER}: '${bcrypt.hashSync(PASSWORD, BCRYPT_COST)}'\n`);
    reportFlood(await measureFlood(planFile, webConfig, { seconds, clients }, children), clients);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Credential flood

interface Probe { latenciesMs: number[]; statuses: Map<string, number> }
interface FloodPhase { flood: Probe; healthz: Probe; scrape: Probe; elapsedMs: number }
interface FloodResult { quiet: FloodPhase; loud: FloodPhase; fresh: FloodPhase; cpuPercent: number }

async function measureFlood(planFile: string, webConfig: string, run: { seconds: number; clients: number }, children: Set<ChildProcess>): Promise<FloodResult> {
  const { child, ready, stop } = await startServer(['exporter-auth', planFile, webConfig], children);
  const base = ready.url.replace(/\/metrics$/, '');
  process.stdout.write(`\ncredential flood: exporter with basic auth (bcrypt cost ${BCRYPT_COST}) at ${base}; `);
  const valid = { Authorization: basic(USER, PASSWORD), Accept: ACCEPT, 'Accept-Encoding': 'gzip' };
  // Prometheus has scraped before the flood starts, so its credential is verified and cached.
  const first = await scrape(new Agent(), `${base}/metrics`, valid);
  if (first.status !== 200) console.log(`first valid scrape answered ${first.status}`);
  child.send({ type: 'mark' } satisfies ToServer);
  await next(child, 'marked');
  process.stdout.write('measuring... ');

  // The same probes without the flood first: on a shared machine, their latency then is the floor
  // the flood's figures compare with.
  const quiet = await floodPhase(base, valid, 0, run.seconds, 'keep-alive');
  const loud = await floodPhase(base, valid, run.clients, run.seconds, 'keep-alive');
  // The same flood with a new connection for every request: the pause a failed connection gets
  // then holds back no one, so only the verification bound (429s) protects the event loop.
  const fresh = await floodPhase(base, valid, run.clients, run.seconds, 'new');
  const usage = await stop();
  console.log('done');
  return { quiet, loud, fresh, cpuPercent: (100 * usage.cpuMs) / usage.wallMs };
}

async function floodPhase(base: string, valid: Record<string, string>, clients: number, seconds: number, connections: 'keep-alive' | 'new'): Promise<FloodPhase> {
  const deadline = performance.now() + seconds * 1000;
  const probe = (): Probe => ({ latenciesMs: [], statuses: new Map() });
  const result = { flood: probe(), healthz: probe(), scrape: probe() };
  const loop = async (into: Probe, agent: Agent, url: string, headers: () => Record<string, string>, pauseMs: number) => {
    for (let i = 0; i < MAX_REQUESTS_PER_CLIENT && performance.now() < deadline; i++) {
      const start = performance.now();
      const outcome = await scrape(agent, url, headers());
      into.latenciesMs.push(performance.now() - start);
      const key = outcome.error ?? String(outcome.status);
      into.statuses.set(key, (into.statuses.get(key) ?? 0) + 1);
      if (pauseMs > 0) await sleep(pauseMs);
    }
  };
  const floodAgent = new Agent({ keepAlive: connections === 'keep-alive', maxSockets: Math.max(1, clients) });
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 2 });
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: clients }, () => loop(result.flood, floodAgent, `${base}/metrics`, () => ({ Authorization: basic(USER, randomBytes(12).toString('base64')) }), 0)),
    loop(result.healthz, probeAgent, `${base}/healthz`, () => ({}), PROBE_PAUSE_MS),
    loop(result.scrape, probeAgent, `${base}/metrics`, () => valid, PROBE_PAUSE_MS),
  ]);
  const elapsedMs = performance.now() - started;
  floodAgent.destroy();
  probeAgent.destroy();
  return { ...result, elapsedMs };
}

function reportFlood(result: FloodResult, clients: number): void {
  const phases = [['no flood', result.quiet], [`${clients} flood clients`, result.loud], [`${clients} flood clients, new connection each`, result.fresh]] as const;
  const rows = phases.flatMap(([phase, r]) => ([['wrong passwords', r.flood], ['GET /healthz', r.healthz], ['valid scrape', r.scrape]] as const)
    .filter(([, p]) => p.latenciesMs.length > 0).map(([name, p]) => {
    const sorted = [...p.latenciesMs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    return {
      phase,
      'requests': name,
      count: String(sorted.length),
      'req/s': (sorted.length / (r.elapsedMs / 1000)).toFixed(1),
      answers: [...p.statuses].map(([status, n]) => `${status} ×${n}`).join(', '),
      'p50 ms': at(0.5).toFixed(1),
      'p99 ms': at(0.99).toFixed(1),
      'max ms': (sorted.at(-1) ?? NaN).toFixed(1),
    };
  }));
  const columns = ['phase', 'requests', 'count', 'req/s', 'answers', 'p50 ms', 'p99 ms', 'max ms'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => row[c].length)));
  console.log(columns.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  for (const row of rows) console.log(columns.map((c, i) => (i <= 1 || c === 'answers' ? row[c].padEnd(widths[i]!) : row[c].padStart(widths[i]!))).join('  '));
  console.log(`server CPU over the three phases ${result.cpuPercent.toFixed(0)}% (main thread and the bcrypt worker); aim: /healthz and valid scrape p99 under 100 ms`);
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function measure(target: Target, planFile: string, run: { seconds: number; clients: number; warmup: number }, children: Set<ChildProcess>): Promise<Measured> {
  const { child, ready, stop } = await startServer([target, planFile], children);
  process.stdout.write(`${target}: ${ready.series} series at ${ready.url}; `);

  const probe = await scrapeBody(ready.url);
  if (probe.status !== 200) console.log(`probe answered ${probe.status}`);
  if (run.warmup > 0) await load(ready.url, run.clients, run.warmup);
  child.send({ type: 'mark' } satisfies ToServer);
  await next(child, 'marked');
  process.stdout.write('measuring... ');
  const result = await load(ready.url, run.clients, run.seconds);
  const usage = await stop();
  console.log('done');
  return { target, series: ready.series, body: probe.body, load: result, memory: usage.memory, cpuPercent: (100 * usage.cpuMs) / usage.wallMs };
}

/** `clients` loops, each issuing GET back to back until the time is up (or its count bound). */
async function load(url: string, clients: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const result: LoadResult = { requests: 0, ok: 0, errors: 0, errorKinds: new Map(), bytes: 0, elapsedMs: 0, latenciesMs: [], perClient: Array.from({ length: clients }, () => 0) };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (index: number) => {
    for (let i = 0; i < MAX_REQUESTS_PER_CLIENT && performance.now() < deadline; i++) {
      result.perClient[index]!++;
      const start = performance.now();
      const outcome = await scrape(agent, url);
      result.latenciesMs.push(performance.now() - start);
      result.requests++;
      result.bytes += outcome.bytes;
      if (outcome.status === 200 && !outcome.error) result.ok++;
      else {
        result.errors++;
        const kind = outcome.error ?? `HTTP ${outcome.status}`;
        result.errorKinds.set(kind, (result.errorKinds.get(kind) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

/** One GET; never rejects: a socket error, a timeout or a cut-off body is reported as `error`. */
function scrape(agent: Agent, url: string, headers: Record<string, string> = { Accept: ACCEPT }): Promise<{ status: number; bytes: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: res.statusCode ?? 0, bytes, error: error.code ?? error.message }));
      res.on('close', () => { if (!res.complete) resolve({ status: res.statusCode ?? 0, bytes, error: 'response cut off' }); });
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, bytes: 0, error: error.code ?? error.message }));
    req.end();
  });
}

/** One GET without keep-alive, keeping the body (to check both targets serve the same series). */
function scrapeBody(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { Accept: ACCEPT } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Forks this file as `serve <args>`; `stop` collects the server's usage report and ends it. */
async function startServer(args: readonly string[], children: Set<ChildProcess>) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await next(child, 'ready');
  const stop = async () => {
    child.send({ type: 'report' } satisfies ToServer);
    const usage = await next(child, 'report');
    child.send({ type: 'stop' } satisfies ToServer);
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    children.delete(child);
    return usage;
  };
  return { child, ready, stop };
}

/** The next message of `type` from the child; rejects if the child exits or takes too long. */
function next<T extends FromServer['type']>(child: ChildProcess, type: T): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`server process sent no '${type}' within ${CHILD_TIMEOUT_MS} ms`)), CHILD_TIMEOUT_MS);
    const onMessage = (message: FromServer) => { if (message.type === type) finish(undefined, message as Extract<FromServer, { type: T }>); };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`server process exited (${signal ?? code}) before '${type}'`));
    const finish = (error?: Error, message?: Extract<FromServer, { type: T }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function report(results: Measured[]): void {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const rows = results.map((r) => {
    const sorted = [...r.load.latenciesMs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    const rss = r.memory.map((m) => m.rss);
    const heap = r.memory.map((m) => m.heapUsed);
    const seconds = r.load.elapsedMs / 1000;
    return {
      target: r.target,
      requests: String(r.load.requests),
      errors: String(r.load.errors),
      'req/s': (r.load.ok / seconds).toFixed(1),
      'MB/s': mb(r.load.bytes / seconds),
      'p50 ms': at(0.5).toFixed(1),
      'p99 ms': at(0.99).toFixed(1),
      'max ms': (sorted.at(-1) ?? NaN).toFixed(1),
      'per client': `${Math.min(...r.load.perClient)}-${Math.max(...r.load.perClient)}`,
      'RSS start/max/end MB': `${mb(rss[0]!)} / ${mb(Math.max(...rss))} / ${mb(rss.at(-1)!)}`,
      'heap start/max/end MB': `${mb(heap[0]!)} / ${mb(Math.max(...heap))} / ${mb(heap.at(-1)!)}`,
      'server CPU': `${r.cpuPercent.toFixed(0)}%`,
      throughput: r.load.ok / seconds,
    };
  });
  const columns = ['target', 'requests', 'errors', 'req/s', 'MB/s', 'p50 ms', 'p99 ms', 'max ms', 'per client', 'RSS start/max/end MB', 'heap start/max/end MB', 'server CPU'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => row[c].length)));
  console.log('');
  console.log(columns.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  for (const row of rows) console.log(columns.map((c, i) => (i === 0 ? row[c].padEnd(widths[i]!) : row[c].padStart(widths[i]!))).join('  '));

  for (const r of results) console.log(`${r.target} RSS samples, MB: ${r.memory.map((m) => Math.round(m.rss / 1024 / 1024)).join(' ')}`);
  for (const r of results) {
    const kinds = [...r.load.errorKinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    if (kinds) console.log(`${r.target} errors: ${kinds}`);
  }
  const exporter = results.find((r) => r.target === 'exporter');
  const floor = results.find((r) => r.target === 'floor');
  if (exporter && floor) {
    const withoutTimestamp = (body: string) => body.split('\n').filter((line) => !line.startsWith(`${TIMESTAMP_FAMILY} `)).join('\n');
    const same = withoutTimestamp(exporter.body) === withoutTimestamp(floor.body);
    console.log(`bodies: exporter ${exporter.body.length} bytes, floor ${floor.body.length} bytes, ${exporter.series} plan series each; identical but for the reload timestamp: ${same ? 'yes' : 'NO'}`);
    const throughput = (target: Target) => rows.find((row) => row.target === target)!.throughput;
    const ratio = throughput('exporter') / throughput('floor');
    console.log(`throughput exporter / floor: ${ratio.toFixed(2)}x (aim: at least 5x)`);
  }
}

function positiveNumber(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not ${text}`);
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
}
