/**
 * The plan exporter: /metrics (Prometheus text, or OpenMetrics when the scraper asks for it),
 * /healthz, /plan. The plan file is re-read when it changes (stat polling, which also sees the
 * symlink swap of a Kubernetes ConfigMap update) or on `reload()` (SIGHUP in the CLI); a plan that
 * fails to load leaves the previous one serving and is logged.
 */
import { stat } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import { PlanGauges } from '../plan-gauges.ts';
import { loadPlanFile, type LoadedPlan } from '../plan-source.ts';
import { checkBasicAuth, unauthorized } from './basic-auth.ts';
import { enforceClientAuth, httpsOptions } from './tls.ts';
import type { LoadedWebConfig } from './web-config.ts';

export class ExporterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExporterError';
  }
}

export interface ExporterOptions {
  planFile: string;
  port: number;
  host: string;
  /** TLS, basic auth and response headers, from a web-config file in exporter-toolkit's format. */
  webConfig?: LoadedWebConfig;
  /** How often to check the plan file for changes, in milliseconds. */
  watchIntervalMs?: number;
  log?: (message: string) => void;
}

export interface RunningExporter {
  url: string;
  /** Re-reads the plan file now; resolves true when the new plan was taken. */
  reload(): Promise<boolean>;
  current(): LoadedPlan;
  close(): Promise<void>;
}

const OPENMETRICS = 'application/openmetrics-text';

export async function startExporter(options: ExporterOptions): Promise<RunningExporter> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const initialSignature = await signature(options.planFile);
  const first = await loadPlanFile(options.planFile);
  if (!first.ok) throw new ExporterError(first.message);
  let current = first.loaded;

  const text = new Registry();
  const openMetrics = new Registry<OpenMetricsContentType>();
  openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const registers = [text, openMetrics];
  const gauges = new PlanGauges(registers);
  const reloads = new Counter({ name: 'headroom_exporter_plan_reloads_total', help: 'Plan reloads attempted, by result.', labelNames: ['result'], registers });
  const lastSuccess = new Gauge({ name: 'headroom_exporter_plan_last_reload_success_timestamp_seconds', help: 'Unix time the serving plan was loaded.', registers });
  reloads.inc({ result: 'success' }, 0);
  reloads.inc({ result: 'failure' }, 0);
  gauges.update(current.samples);
  lastSuccess.set(Date.now() / 1000);

  let reloading: Promise<boolean> | undefined;
  const reload = (): Promise<boolean> => {
    reloading ??= (async () => {
      const next = await loadPlanFile(options.planFile);
      if (!next.ok) {
        reloads.inc({ result: 'failure' });
        log(`headroom serve: keeping the previous plan: ${next.message}`);
        return false;
      }
      current = next.loaded;
      gauges.update(current.samples);
      reloads.inc({ result: 'success' });
      lastSuccess.set(Date.now() / 1000);
      log(`headroom serve: loaded plan ${current.plan.metadata.name} (${current.sizing.plan.hash}) from ${options.planFile}`);
      return true;
    })().finally(() => { reloading = undefined; });
    return reloading;
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(options.webConfig?.http.headers ?? {})) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://exporter').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    // Liveness probes carry no credentials, and the answer reveals nothing.
    if (path === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (options.webConfig && !checkBasicAuth(req.headers.authorization, options.webConfig.basicAuthUsers)) return unauthorized(res);
    if (path === '/metrics') {
      const registry = (req.headers.accept ?? '').includes(OPENMETRICS) ? openMetrics : text;
      return send(res, 200, registry.contentType, await registry.metrics());
    }
    if (path === '/plan') return send(res, 200, 'application/json', `${JSON.stringify({ plan: current.plan, sizing: current.sizing })}\n`);
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', `<html><body><h1>Headroom plan exporter</h1><p>Plan ${escapeHtml(current.plan.metadata.name)}: <a href="metrics">metrics</a>, <a href="plan">plan</a>, <a href="healthz">health</a>.</p></body></html>\n`);
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch((error: unknown) => {
      log(`headroom serve: ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  };
  const tls = options.webConfig?.tls;
  let server: Server;
  if (tls) {
    const https = createHttpsServer(httpsOptions(options.webConfig!), listener);
    // Node cannot express RequireAnyClientCert / VerifyClientCertIfGiven as options; checked per connection.
    enforceClientAuth(https, options.webConfig!, log);
    server = https;
  } else server = createHttpServer(listener);
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  // Poll the file's identity (the stat taken just before each read is the baseline), so a change
  // made between loading and watching is never missed, and a ConfigMap symlink swap is seen.
  let seen = initialSignature;
  let checking = false;
  const poll = setInterval(() => {
    if (checking) return;
    checking = true;
    void signature(options.planFile)
      .then(async (now) => {
        if (now === seen) return;
        seen = now;
        await reload();
      })
      .finally(() => { checking = false; });
  }, options.watchIntervalMs ?? 1000);
  poll.unref();

  return {
    url,
    reload,
    current: () => current,
    close: async () => {
      clearInterval(poll);
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ExporterError(`port ${port} on ${host} is already in use; pick another with --port`));
      else if (error.code === 'EACCES') reject(new ExporterError(`not allowed to listen on port ${port} on ${host}; ports below 1024 need privileges`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ExporterError(`cannot listen on ${host}: no such local address`));
      else reject(new ExporterError(`cannot listen on ${host}:${port}: ${error.message}`));
    });
    server.listen(port, host, () => resolve());
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** What identifies a version of the plan file: inode, size and modification time ("" when unreadable). */
async function signature(file: string): Promise<string> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}
