/**
 * A real Prometheus for integration tests: the Debian package's server (2.42 in CI, installed by
 * .ci/run), run as a child process on loopback with its own temporary config and TSDB, optional
 * history backfilled with promtool before it starts, and a small client for the HTTP API.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startServerProcess } from './server-process.ts';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

export interface ScrapeJob {
  job: string;
  /** host:port */
  target: string;
  /** Keep the target's own namespace/pod labels instead of renaming them exported_*. */
  honorLabels: boolean;
  /** Keep only the metrics whose name matches this regex (metric_relabel_configs, action keep). */
  keepMetrics?: string;
}

export interface PrometheusOptions {
  jobs: readonly ScrapeJob[];
  /** Rule files loaded at start; more can be loaded later with `loadRules`. */
  ruleFiles?: readonly string[];
  scrapeInterval: string;
  evaluationInterval: string;
  /** OpenMetrics text (with timestamps) written into the TSDB with promtool before the server starts. */
  backfill?: string;
  readyTimeoutMs?: number;
  /** Alertmanagers (host:port) the server sends its alerts to. */
  alertmanagers?: readonly string[];
  /** Labels added to every series and alert leaving the server (a cluster name, say). */
  externalLabels?: Record<string, string>;
  /** How often firing alerts are sent again (`--rules.alert.resend-delay`, default 1m). */
  alertResendDelay?: string;
}

export interface InstantSample { metric: Record<string, string>; value: [number, string] }
export interface ActiveAlert { labels: Record<string, string>; annotations: Record<string, string>; state: 'pending' | 'firing' | 'inactive'; activeAt: string; value: string }

export interface RunningPrometheus {
  url: string;
  query(expr: string): Promise<InstantSample[]>;
  alerts(): Promise<ActiveAlert[]>;
  /** URLs of the Alertmanagers the server has discovered and sends to. */
  alertmanagers(): Promise<string[]>;
  /** Points the config at these rule files and reloads it (SIGHUP); resolves once their groups are loaded. */
  loadRules(files: readonly string[]): Promise<void>;
  /** The server's recent log lines, for failure messages. */
  logs(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time; removes its directory. Idempotent. */
  stop(): Promise<void>;
}

const run = promisify(execFile);

async function requireBinary(path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new Error(`${path} not found: this test runs a real Prometheus; install the Debian package prometheus (.ci/run does: apt-get install prometheus)`);
  }
}

/** A port that was free a moment ago (bound to port 0 and released); a clash is retried by the caller. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  await requireBinary(PROMETHEUS_BIN);
  const dir = await mkdtemp(join(tmpdir(), 'headroom-prometheus-'));
  try {
    const data = join(dir, 'data');
    await mkdir(data);
    if (options.backfill !== undefined) {
      await requireBinary(PROMTOOL_BIN);
      const file = join(dir, 'backfill.om');
      await writeFile(file, options.backfill);
      try {
        await run(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, data], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
      } catch (error) {
        const e = error as Error & { stdout?: string; stderr?: string };
        throw new Error(`promtool could not backfill the history: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      }
      await rm(file);
    }
    const config = join(dir, 'prometheus.yml');
    const writeConfig = (ruleFiles: readonly string[]) => writeFile(config, stringify({
      global: {
        scrape_interval: options.scrapeInterval, scrape_timeout: options.scrapeInterval, evaluation_interval: options.evaluationInterval,
        ...(options.externalLabels ? { external_labels: options.externalLabels } : {}),
      },
      ...(options.alertmanagers ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [...options.alertmanagers] }] }] } } : {}),
      rule_files: [...ruleFiles],
      scrape_configs: options.jobs.map((j) => ({
        job_name: j.job, honor_labels: j.honorLabels, static_configs: [{ targets: [j.target] }],
        ...(j.keepMetrics !== undefined ? { metric_relabel_configs: [{ source_labels: ['__name__'], regex: j.keepMetrics, action: 'keep' }] } : {}),
      })),
    }));
    await writeConfig(options.ruleFiles ?? []);
    // The port is free when chosen but could be taken before Prometheus binds it: try again then.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        return await launch(dir, config, data, port, options.readyTimeoutMs ?? 30_000, writeConfig, options.alertResendDelay);
      } catch (error) {
        if (attempt < 3 && /address already in use/i.test((error as Error).message)) continue;
        throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(dir: string, config: string, data: string, port: number, readyTimeoutMs: number, writeConfig: (ruleFiles: readonly string[]) => Promise<void>, alertResendDelay?: string): Promise<RunningPrometheus> {
  const url = `http://127.0.0.1:${port}`;
  const { child, logs, stop } = await startServerProcess('Prometheus', PROMETHEUS_BIN, [
    `--config.file=${config}`,
    `--storage.tsdb.path=${data}`,
    `--web.listen-address=127.0.0.1:${port}`,
    ...(alertResendDelay ? [`--rules.alert.resend-delay=${alertResendDelay}`] : []),
  ], { dir, url, readyTimeoutMs, pollMs: 100 });
  // If the port was taken, this server may be another process: our child would have exited.
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (child.exitCode !== null) throw new Error(`Prometheus exited right after start:\n${logs()}`);

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (!response.ok || body.status !== 'success') throw new Error(`Prometheus ${path}: HTTP ${response.status} ${body.error ?? ''}`);
    return body.data;
  };
  const query = async (expr: string) => (await api<{ resultType: string; result: InstantSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result;
  const loadRules = async (files: readonly string[]) => {
    await writeConfig(files);
    child.kill('SIGHUP');
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { groups } = await api<{ groups: { file: string }[] }>('/api/v1/rules');
      if (files.every((file) => groups.some((g) => g.file === file))) return;
      // Prometheus's own /metrics says whether the last reload failed (it does not scrape itself here).
      const own = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      if (/^prometheus_config_last_reload_successful 0$/m.test(own)) throw new Error(`Prometheus could not load ${files.join(', ')}:\n${logs()}`);
      if (Date.now() > deadline) throw new Error(`Prometheus did not load ${files.join(', ')} within 15 s:\n${logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    url,
    query,
    loadRules,
    alerts: async () => (await api<{ alerts: ActiveAlert[] }>('/api/v1/alerts')).alerts,
    alertmanagers: async () => (await api<{ activeAlertmanagers: { url: string }[] }>('/api/v1/alertmanagers')).activeAlertmanagers.map((a) => a.url),
    logs,
    stop,
  };
}
