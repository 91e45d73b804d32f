/**
 * A small client for the parts of Grafana's HTTP API that `headroom push` uses (the classic,
 * documented `/api/...` endpoints, served by Grafana 8 to 12):
 *
 *   GET  /api/folders/:uid          a folder, or 404
 *   GET  /api/folders               every folder the caller can see (used only after a 409)
 *   POST /api/folders               {uid, title} → the folder; 409 when the uid or title is taken
 *   GET  /api/dashboards/uid/:uid   {dashboard, meta}, or 404
 *   POST /api/dashboards/db         {dashboard, folderUid, overwrite, message} → {id, uid, url, status, version}
 *
 * Authentication is `Authorization: Bearer <service account token>` or `Authorization: Basic ...`.
 * Every request has a timeout; a connection error, a timeout or a 5xx is retried once.
 */
import { CliError } from '../errors.ts';

export type GrafanaAuth =
  | { kind: 'bearer'; token: string; source: '--token' | 'GRAFANA_TOKEN' }
  | { kind: 'basic'; user: string; password: string }
  | { kind: 'none' };

export interface GrafanaClientOptions {
  auth: GrafanaAuth;
  /** Per attempt. */
  timeoutMs?: number;
  /** Pause before the one retry. */
  retryDelayMs?: number;
}

export interface GrafanaFolder { uid: string; title: string; id?: number; url?: string; version?: number }
export interface GrafanaDashboardGet { dashboard: Record<string, unknown>; meta: { folderUid?: string; folderTitle?: string; version?: number; url?: string; provisioned?: boolean } }
export interface GrafanaSaveResponse { id?: number; uid: string; url?: string; status?: string; version?: number }
export interface GrafanaSavePayload { dashboard: Record<string, unknown>; folderUid: string; overwrite: true; message: string }

/** A response with a status the caller did not expect: the command turns it into a CliError with context. */
export class GrafanaHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** Grafana's `message` (or the start of the body when it is not JSON). */
    readonly grafanaMessage: string,
    /** Grafana's `status` field, e.g. "version-mismatch", "name-exists", "plugin-dashboard". */
    readonly grafanaStatus: string | undefined,
  ) {
    super(`${method} ${path}: HTTP ${status}${grafanaMessage ? `: ${grafanaMessage}` : ''}`);
    this.name = 'GrafanaHttpError';
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 500;

/** Parses and checks --grafana: http(s), no credentials in it, no query; a sub-path (Grafana behind /grafana/) is kept. */
export function parseGrafanaUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--grafana "${raw}" is not a URL; expected e.g. http://grafana.example:3000`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--grafana "${raw}" must be an http:// or https:// URL`, 2);
  if (url.username || url.password) throw new CliError(`--grafana "${url.host}": put credentials in --basic user:pass or --token, not in the URL`, 2);
  if (url.search || url.hash) throw new CliError(`--grafana "${raw}" must not have a query or fragment; give Grafana's root URL`, 2);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/';
  return url;
}

/** How the credentials are described in messages (never the secret itself). */
export function describeAuth(auth: GrafanaAuth): string {
  switch (auth.kind) {
    case 'bearer': return auth.source === '--token' ? 'the bearer token from --token' : 'the bearer token from GRAFANA_TOKEN';
    case 'basic': return `basic auth as user "${auth.user}" (--basic)`;
    case 'none': return 'no credentials (neither --token, GRAFANA_TOKEN nor --basic was given)';
  }
}

interface Response { status: number; body: unknown; text: string }

export class GrafanaClient {
  readonly base: URL;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;

  constructor(base: URL, private readonly options: GrafanaClientOptions) {
    this.base = base;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  }

  get auth(): GrafanaAuth { return this.options.auth; }

  /** The base URL as the user would write it, without the trailing slash. */
  get display(): string { return this.base.href.replace(/\/$/, ''); }

  /** Grafana's url fields are paths from the server root ("/d/uid/slug", already including any sub-path). */
  absolute(path: string | undefined): string | undefined {
    return path === undefined || path === '' ? undefined : new URL(path, this.base.origin).href;
  }

  async getFolder(uid: string): Promise<GrafanaFolder | null> {
    const res = await this.request('GET', `api/folders/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    return this.expectObject(res, 'GET', `/api/folders/${uid}`) as unknown as GrafanaFolder;
  }

  async listFolders(): Promise<GrafanaFolder[]> {
    const res = await this.request('GET', 'api/folders?limit=1000');
    this.expectOk(res, 'GET', '/api/folders');
    if (!Array.isArray(res.body)) throw this.notGrafana('GET', '/api/folders', res);
    return res.body as GrafanaFolder[];
  }

  /** The created folder, or `conflict` with Grafana's message when the uid or the title is already taken (409). */
  async createFolder(uid: string, title: string): Promise<GrafanaFolder | { conflict: string }> {
    const res = await this.request('POST', 'api/folders', { uid, title });
    if (res.status === 409) return { conflict: messageOf(res) };
    return this.expectObject(res, 'POST', '/api/folders') as unknown as GrafanaFolder;
  }

  async getDashboard(uid: string): Promise<GrafanaDashboardGet | null> {
    const res = await this.request('GET', `api/dashboards/uid/${encodeURIComponent(uid)}`);
    if (res.status === 404) return null;
    const body = this.expectObject(res, 'GET', `/api/dashboards/uid/${uid}`);
    if (!isObject(body.dashboard)) throw this.notGrafana('GET', `/api/dashboards/uid/${uid}`, res);
    return { dashboard: body.dashboard, meta: isObject(body.meta) ? body.meta : {} };
  }

  async saveDashboard(payload: GrafanaSavePayload): Promise<GrafanaSaveResponse> {
    const res = await this.request('POST', 'api/dashboards/db', payload);
    const body = this.expectObject(res, 'POST', '/api/dashboards/db');
    if (typeof body.uid !== 'string') throw this.notGrafana('POST', '/api/dashboards/db', res);
    return body as unknown as GrafanaSaveResponse;
  }

  private expectOk(res: Response, method: string, path: string): void {
    if (res.status < 200 || res.status > 299) {
      const body = isObject(res.body) ? res.body : {};
      throw new GrafanaHttpError(method, path, res.status, messageOf(res), typeof body.status === 'string' ? body.status : undefined);
    }
  }

  private expectObject(res: Response, method: string, path: string): Record<string, unknown> {
    this.expectOk(res, method, path);
    if (!isObject(res.body)) throw this.notGrafana(method, path, res);
    return res.body;
  }

  private notGrafana(method: string, path: string, res: Response): CliError {
    const start = res.text.trim().slice(0, 80).replace(/\s+/g, ' ');
    return new CliError(`${this.display} answered ${method} ${path} with HTTP ${res.status} and ${start ? `"${start}"` : 'an empty body'}, not Grafana's JSON; is --grafana Grafana's root URL?`);
  }

  /** One request, retried once on a connection error, a timeout or a 5xx. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'headroom-push' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const auth = this.options.auth;
    if (auth.kind === 'bearer') headers.authorization = `Bearer ${auth.token}`;
    if (auth.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    const shown = `${method} /${path.split('?')[0]}`;
    let lastFailure = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt === 2) await new Promise((r) => setTimeout(r, this.retryDelayMs));
      let res: globalThis.Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        lastFailure = networkFailure(error, this.timeoutMs);
        continue;
      }
      let text: string;
      try {
        text = await res.text();
      } catch (error) {
        lastFailure = networkFailure(error, this.timeoutMs);
        continue;
      }
      if (res.status >= 500 && attempt === 1) {
        lastFailure = `HTTP ${res.status}`;
        continue;
      }
      if (res.status >= 300 && res.status < 400) {
        throw new CliError(`${this.display} answered ${shown} with a redirect (HTTP ${res.status}) to ${res.headers.get('location') ?? '?'}; give the URL Grafana is served at (with its sub-path, if any)`);
      }
      let parsed: unknown;
      try { parsed = text === '' ? undefined : JSON.parse(text); } catch { parsed = undefined; }
      return { status: res.status, body: parsed, text };
    }
    throw new CliError(`cannot reach Grafana at ${this.display}: ${shown} failed twice (${lastFailure})`);
  }
}

function networkFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e.cause;
  if (cause?.code && cause.message && !cause.message.includes(cause.code)) return `${cause.code}: ${cause.message}`;
  return cause?.message ?? cause?.code ?? e.message ?? String(error);
}

function messageOf(res: Response): string {
  if (isObject(res.body) && typeof res.body.message === 'string') return res.body.message;
  return res.text.trim().slice(0, 200);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
