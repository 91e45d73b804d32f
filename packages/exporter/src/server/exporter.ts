/**
 * The plan exporter: /metrics (Prometheus text, or OpenMetrics when the scraper asks for it),
 * /healthz, /plan. The plan file is re-read when it changes (stat polling, which also sees the
 * symlink swap of a Kubernetes ConfigMap update) or on `reload()` (SIGHUP in the CLI). A plan that
 * fails to load for any reason leaves the previous one serving, is logged with why, and sets
 * headroom_exporter_plan_last_reload_successful to 0; nothing in the plan file stops the process.
 * /metrics is served from bodies rendered once per reload attempt (metrics-cache.ts).
 */
import { stat } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ModelConfigReader, PlanLimits } from '@headroom/model';
import { calendarMonthIndex, loadPlanFile, samplesAt, type LoadedPlan } from '../plan-source.ts';
import { BasicAuthVerifier, pauseConnectionAfter, tooManyVerifications, unauthorized } from './basic-auth.ts';
import { MetricsCache, type ExporterState } from './metrics-cache.ts';
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
  /** Connection limits; defaults in CONNECTION_LIMITS. */
  limits?: Partial<ConnectionLimits>;
  /** Plan limits beyond the model's defaults (docs/plan.md, "Limits"), as `headroom serve --max-*` gives them. */
  planLimits?: Partial<PlanLimits>;
  /**
   * A reader of the config.json files a plan's `model: { config }` names, made fresh for each load
   * so an edited config.json is read again on reload (`headroom serve`: files beside the plan).
   */
  modelConfigReader?: (planFile: string) => ModelConfigReader;
  /** Where /metrics bodies are rendered (default: a new cache); tests pass one whose render fails. */
  metrics?: MetricsCache;
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

export interface ConnectionLimits {
  /** Time a client has to send its complete request headers (Node's headersTimeout), and a new connection its first byte. */
  headersTimeoutMs: number;
  /** Time a client has to send its complete request (Node's requestTimeout); requests here carry no body. */
  requestTimeoutMs: number;
  /** Largest request header block accepted; beyond it Node answers 431. */
  maxHeaderBytes: number;
  /** Open connections at most; more are closed on arrival. */
  maxConnections: number;
}

/**
 * A scrape is one small GET, so a client that takes seconds over its headers is stuck or hostile.
 * Node's defaults (60 s headers, 300 s request, 16 KiB headers, checked every 30 s) let idle and
 * slow-header connections pile up. 8 KiB of headers is nginx's per-line default
 * (large_client_header_buffers 4 8k); Prometheus sends well under 1 KiB.
 */
export const CONNECTION_LIMITS: ConnectionLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, maxHeaderBytes: 8 * 1024, maxConnections: 1024 };

export async function startExporter(options: ExporterOptions): Promise<RunningExporter> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const initialSignature = await signature(options.planFile);
  const load = () => loadPlanFile(options.planFile, options.planLimits, options.modelConfigReader?.(options.planFile));
  const first = await load();
  if (!first.ok) throw new ExporterError(first.message);
  let current = first.loaded;

  let state: ExporterState = {
    plan: current.plan.metadata.name,
    samples: current.samples,
    reloads: { success: 0, failure: 0 },
    lastSuccessSeconds: Date.now() / 1000,
    lastReloadSuccessful: true,
  };
  const metrics = options.metrics ?? new MetricsCache();
  await metrics.update(state);

  /** Publishes a failed attempt: the serving plan stays, the failure is counted and logged. */
  const keepPrevious = async (why: string): Promise<false> => {
    state = { ...state, reloads: { ...state.reloads, failure: state.reloads.failure + 1 }, lastReloadSuccessful: false };
    await metrics.update(state);
    log(`headroom serve: keeping the previous plan: ${why}`);
    return false;
  };

  let reloading: Promise<boolean> | undefined;
  /** Never rejects: whatever goes wrong, the serving plan stays and the failure is published. */
  const attemptReload = async (): Promise<boolean> => {
    const next = await load();
    if (!next.ok) return keepPrevious(next.message);
    const candidate: ExporterState = {
      plan: next.loaded.plan.metadata.name,
      samples: next.loaded.samples,
      reloads: { ...state.reloads, success: state.reloads.success + 1 },
      lastSuccessSeconds: Date.now() / 1000,
      lastReloadSuccessful: true,
    };
    // Render before taking the plan: /plan, / and /metrics switch together or not at all.
    try {
      await metrics.update(candidate);
    } catch (error) {
      return keepPrevious(`${options.planFile}: rendering its metrics failed: ${(error as Error).message}`);
    }
    current = next.loaded;
    state = candidate;
    log(`headroom serve: loaded plan ${current.plan.metadata.name} (${current.sizing.plan.hash}) from ${options.planFile}`);
    return true;
  };
  /** A reload asked for while one runs: one more attempt after it, shared by every such caller. */
  let queued: Promise<boolean> | undefined;
  const reload = (): Promise<boolean> => {
    if (reloading) {
      // The running attempt may have read the file before the change this caller wants seen.
      queued ??= reloading.then(() => {
        queued = undefined;
        return reload();
      });
      return queued;
    }
    reloading = attemptReload()
      .catch((error: unknown) => {
        log(`headroom serve: keeping the previous plan: reload failed: ${(error as Error).message}`);
        return false;
      })
      .finally(() => { reloading = undefined; });
    return reloading;
  };

  const auth = options.webConfig ? new BasicAuthVerifier(options.webConfig.basicAuthUsers) : undefined;
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(options.webConfig?.http.headers ?? {})) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://exporter').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    // Liveness probes carry no credentials, and the answer reveals nothing.
    if (path === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (auth) {
      const outcome = await auth.check(req.headers.authorization);
      if (outcome !== 'ok') {
        pauseConnectionAfter(res);
        return outcome === 'busy' ? tooManyVerifications(res) : unauthorized(res);
      }
    }
    if (path === '/metrics') return sendMetrics(req, res, metrics);
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
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxHeaderSize: limits.maxHeaderBytes,
    // Node checks both timeouts on this interval (default 30 s); check often enough to honour them.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 2)),
  };
  const tls = options.webConfig?.tls;
  let server: Server;
  if (tls) {
    const https = createHttpsServer({ ...httpsOptions(options.webConfig!), ...serverOptions }, listener);
    // Node cannot express RequireAnyClientCert / VerifyClientCertIfGiven as options; checked per connection.
    enforceClientAuth(https, options.webConfig!, log);
    server = https;
  } else server = createHttpServer(serverOptions, listener);
  // Longer than Prometheus's idle keep-alive, so a scraper never reuses a connection being closed.
  server.keepAliveTimeout = 65_000;
  server.maxConnections = limits.maxConnections;
  // headersTimeout runs only once a request has begun: a connection that never sends a byte would
  // stay open for good. Close it when nothing arrives within the same time.
  server.on('connection', (socket: Socket) => {
    const silent = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    silent.unref();
    socket.once('data', () => clearTimeout(silent));
    socket.once('close', () => clearTimeout(silent));
  });
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  // Poll the file's identity (the stat taken just before each read is the baseline), so a change
  // made between loading and watching is never missed, and a ConfigMap symlink swap is seen.
  let seen = initialSignature;
  let checking = false;
  // The forecast series are this calendar month's: when the month turns, publish the new month's.
  let month = calendarMonthIndex(new Date());
  const refreshForecast = async () => {
    const now = new Date();
    if (calendarMonthIndex(now) === month) return;
    month = calendarMonthIndex(now);
    if (current.plan.spec.growth?.start === undefined) return;
    current = { ...current, samples: samplesAt(current.plan, current.sizing, now) };
    state = { ...state, samples: current.samples };
    await metrics.update(state);
  };
  const poll = setInterval(() => {
    if (checking) return;
    checking = true;
    void refreshForecast()
      .catch((error: unknown) => log(`headroom serve: forecast series not refreshed: ${(error as Error).message}`))
      .then(() => signature(options.planFile))
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
      await auth?.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
    },
  };
}

/** The cached /metrics body: OpenMetrics when the scraper asks for it, gzip when it accepts it. */
function sendMetrics(req: IncomingMessage, res: ServerResponse, metrics: MetricsCache): void {
  const rendered = metrics.body((req.headers.accept ?? '').includes(OPENMETRICS) ? 'openmetrics' : 'text');
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const body = gzip ? rendered.gzipped : rendered.body;
  res.writeHead(200, {
    'Content-Type': rendered.contentType,
    'Content-Length': body.length,
    Vary: 'Accept, Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Whether Accept-Encoding lists gzip (or *) without q=0 (RFC 9110, section 12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
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
