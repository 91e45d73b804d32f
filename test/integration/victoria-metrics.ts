/**
 * A scale-out metrics engine for integration tests and benchmarks: Debian's VictoriaMetrics 1.79
 * (package victoria-metrics, installed by .ci/run) run on loopback as child processes, each in its
 * own temporary folder: the single-node `victoria-metrics` store, `vmagent` (scrapes targets and
 * remote-writes them with its own external labels, as one cluster's agent would) and `vmalert`
 * (evaluates rule files against the store, writes recording rules and alert state back to it,
 * notifies Alertmanagers). Flags as `-help` of the 1.79 binaries documents them.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { freePort, type InstantSample, type ScrapeJob } from './prometheus.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

export const VICTORIA_METRICS_BIN = '/usr/bin/victoria-metrics';
export const VMAGENT_BIN = '/usr/bin/vmagent';
export const VMALERT_BIN = '/usr/bin/vmalert';

export async function requireVictoriaMetrics(): Promise<void> {
  for (const path of [VICTORIA_METRICS_BIN, VMAGENT_BIN, VMALERT_BIN]) {
    try {
      await access(path, constants.X_OK);
    } catch {
      throw new Error(`${path} not found: this test runs a real VictoriaMetrics; install the Debian package victoria-metrics (.ci/run does)`);
    }
  }
}

const run = promisify(execFile);

/**
 * `vmalert -dryRun`: parses the rule files as vmalert loads them, every expression with MetricsQL's
 * parser and every annotation and label template, then exits. Resolves with its error output when
 * it refuses them, undefined when it accepts them.
 */
export async function vmalertDryRun(ruleFiles: readonly string[]): Promise<string | undefined> {
  await requireVictoriaMetrics();
  try {
    await run(VMALERT_BIN, ['-dryRun', '-loggerLevel=ERROR', ...ruleFiles.map((file) => `-rule=${file}`)], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    const e = error as Error & { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

interface Launched { url: string; server: ServerProcess }

/** Starts `bin` in a fresh temporary folder on a free loopback port, retrying if the port is taken before it binds. */
async function launchOnFreePort(name: string, bin: string, args: (dir: string, listen: string) => string[], prepare?: (dir: string) => Promise<void>, readyTimeoutMs = 20_000): Promise<Launched> {
  await requireVictoriaMetrics();
  for (let attempt = 1; ; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), `headroom-${name.toLowerCase()}-`));
    try {
      await prepare?.(dir);
      const listen = `127.0.0.1:${await freePort()}`;
      const url = `http://${listen}`;
      // Every VictoriaMetrics binary answers Prometheus' /-/ready once its HTTP server runs.
      const server = await startServerProcess(name, bin, args(dir, listen), { dir, url, readyTimeoutMs, pollMs: 50 });
      return { url, server };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (attempt < 3 && /address already in use/i.test((error as Error).message)) continue;
      throw error;
    }
  }
}

async function api<T>(base: string, path: string, what: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: { status?: string; data?: T; error?: string };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${what} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  if (!response.ok || body.status !== 'success') throw new Error(`${what} ${path}: HTTP ${response.status} ${body.error ?? text.slice(0, 500)}`);
  return body.data as T;
}

export interface RunningVictoriaMetrics {
  /** Base URL: Prometheus' query API under /api/v1, remote write at /api/v1/write. */
  url: string;
  remoteWriteUrl: string;
  /** An instant query through the Prometheus API (MetricsQL, a superset of PromQL). */
  query(expr: string): Promise<InstantSample[]>;
  /** The values of `label` on the series `match` selects, as Grafana's label_values(match, label) asks for them. */
  labelValues(label: string, match: string): Promise<string[]>;
  /** Writes samples in Prometheus' text format with timestamps in milliseconds (`/api/v1/import/prometheus`). */
  importSamples(lines: readonly string[]): Promise<void>;
  logs(): string;
  stop(): Promise<void>;
}

export interface VictoriaMetricsOptions {
  /**
   * Ask the store to make buffered samples searchable this often (`/internal/force_flush`, meant
   * for tests by VictoriaMetrics' troubleshooting docs). Left alone, 1.79 buffers fresh samples for
   * about a second and a new series' index entries for up to about 9 s (measured here), and each
   * recording rule a rule reads adds that delay once.
   */
  forceFlushEveryMs?: number;
}

export async function startVictoriaMetrics(options: VictoriaMetricsOptions = {}): Promise<RunningVictoriaMetrics> {
  const { url, server } = await launchOnFreePort('VictoriaMetrics', VICTORIA_METRICS_BIN, (dir, listen) => [
    `-storageDataPath=${join(dir, 'data')}`,
    `-httpListenAddr=${listen}`,
    // By default the last 30 s of data are hidden from queries (samples may still be arriving) and
    // responses are cached; a test that checks what was just written needs neither.
    '-search.latencyOffset=0s',
    '-search.disableCache',
    '-loggerLevel=WARN',
  ]);
  let flushing: Promise<unknown> | undefined;
  const flusher = options.forceFlushEveryMs === undefined ? undefined : setInterval(() => {
    flushing ??= fetch(`${url}/internal/force_flush`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined).finally(() => { flushing = undefined; });
  }, options.forceFlushEveryMs);
  return {
    url,
    remoteWriteUrl: `${url}/api/v1/write`,
    query: async (expr) => (await api<{ result: InstantSample[] }>(url, `/api/v1/query?query=${encodeURIComponent(expr)}`, 'VictoriaMetrics')).result,
    labelValues: (label, match) => api<string[]>(url, `/api/v1/label/${encodeURIComponent(label)}/values?match[]=${encodeURIComponent(match)}`, 'VictoriaMetrics'),
    importSamples: async (lines) => {
      const response = await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: `${lines.join('\n')}\n`, signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`VictoriaMetrics import: HTTP ${response.status} ${await response.text()}`);
    },
    logs: server.logs,
    stop: async () => {
      clearInterval(flusher);
      await flushing;
      await server.stop();
    },
  };
}

export interface VmagentOptions {
  jobs: readonly ScrapeJob[];
  scrapeInterval: string;
  remoteWriteUrl: string;
  /** Labels added to every series sent (`-remoteWrite.label`): the cluster's external label. */
  labels: Record<string, string>;
  /** How often buffered samples are sent (`-remoteWrite.flushInterval`, default 1s). */
  flushInterval?: string;
}

export interface RunningVmagent {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

export async function startVmagent(options: VmagentOptions): Promise<RunningVmagent> {
  const config = {
    global: { scrape_interval: options.scrapeInterval, scrape_timeout: options.scrapeInterval },
    scrape_configs: options.jobs.map((j) => ({
      job_name: j.job, honor_labels: j.honorLabels, static_configs: [{ targets: [j.target] }],
      ...(j.keepMetrics !== undefined ? { metric_relabel_configs: [{ source_labels: ['__name__'], regex: j.keepMetrics, action: 'keep' }] } : {}),
    })),
  };
  const { url, server } = await launchOnFreePort('vmagent', VMAGENT_BIN, (dir, listen) => [
    `-promscrape.config=${join(dir, 'scrape.yml')}`,
    `-remoteWrite.url=${options.remoteWriteUrl}`,
    ...Object.entries(options.labels).map(([name, value]) => `-remoteWrite.label=${name}=${value}`),
    `-remoteWrite.tmpDataPath=${join(dir, 'remote-write')}`,
    `-remoteWrite.flushInterval=${options.flushInterval ?? '1s'}`,
    `-httpListenAddr=${listen}`,
    '-loggerLevel=WARN',
  ], (dir) => writeFile(join(dir, 'scrape.yml'), stringify(config)));
  return { url, logs: server.logs, stop: server.stop };
}

export interface VmalertOptions {
  ruleFiles: readonly string[];
  /** The store the rules query, write recording rules and alert state to, and restore state from. */
  victoriaMetrics: RunningVictoriaMetrics;
  evaluationInterval: string;
  /** Alertmanager host:port targets; none: alerts are evaluated but not sent. */
  alertmanagers?: readonly string[];
  /** How often recording-rule results are written (`-remoteWrite.flushInterval`, default 5s). */
  flushInterval?: string;
  /** How long loading the rules may take before it serves (default 20 s; tens of thousands of rules take longer). */
  readyTimeoutMs?: number;
}

/** An alert as vmalert's /api/v1/alerts lists it (1.79). */
export interface VmalertAlert { name: string; labels: Record<string, string>; annotations: Record<string, string>; state: 'pending' | 'firing' | 'inactive'; value: string; activeAt: string }

export interface RunningVmalert {
  url: string;
  alerts(): Promise<VmalertAlert[]>;
  /** vmalert's own metrics (Prometheus text). */
  metrics(): Promise<string>;
  logs(): string;
  stop(): Promise<void>;
}

export async function startVmalert(options: VmalertOptions): Promise<RunningVmalert> {
  const vm = options.victoriaMetrics.url;
  // vmalert has no flag to leave notifications out: a blackhole notifier (1.79 has no -notifier.blackhole) is an unused port.
  const notifiers = options.alertmanagers?.length ? options.alertmanagers.map((t) => `http://${t}`) : [`http://127.0.0.1:${await freePort()}`];
  const { url, server } = await launchOnFreePort('vmalert', VMALERT_BIN, (_dir, listen) => [
    ...options.ruleFiles.map((file) => `-rule=${file}`),
    `-datasource.url=${vm}`,
    `-remoteWrite.url=${vm}`,
    `-remoteRead.url=${vm}`,
    ...notifiers.map((n) => `-notifier.url=${n}`),
    `-evaluationInterval=${options.evaluationInterval}`,
    `-remoteWrite.flushInterval=${options.flushInterval ?? '5s'}`,
    `-httpListenAddr=${listen}`,
    '-loggerLevel=WARN',
  ], undefined, options.readyTimeoutMs);
  return {
    url,
    // vmalert answers `"alerts": null` when none is active.
    alerts: async () => (await api<{ alerts: VmalertAlert[] | null }>(url, '/api/v1/alerts', 'vmalert')).alerts ?? [],
    metrics: async () => (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text(),
    logs: server.logs,
    stop: server.stop,
  };
}
