/**
 * A small Prometheus HTTP API client for verify: range and instant queries (POST /api/v1/query_range
 * and /api/v1/query, form encoded so long PromQL is no problem), bearer token, basic auth and extra headers, a timeout per
 * attempt, and retries with exponential backoff for what may pass (network errors, timeouts, 429,
 * 5xx). Every failure is a CliError naming the workload and the query.
 *
 * Credentials stay with the server they were given for: a user and password in the URL become
 * basic auth and never appear in a message, and a redirect to another origin is followed without
 * the token, the basic auth or any --header (fetch itself drops only Authorization).
 */
import { CliError } from '../errors.ts';
import { redactUrlCredentials } from '../terminal.ts';

export interface PrometheusOptions {
  url: string;
  token?: string;
  /** "user:password" */
  basic?: string;
  headers?: Record<string, string>;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 2. */
  retries?: number;
  /** First backoff; doubles each retry. Default 250 ms. */
  backoffMs?: number;
}

export interface RangeSeries {
  metric: Record<string, string>;
  values: [number, number][];
}

export interface InstantSample {
  metric: Record<string, string>;
  value: number;
}

export interface QueryRange {
  start: number;
  end: number;
  step: number;
}

/** Parses repeated `--header "Name: value"` options. */
export function parseHeaders(headers: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of headers) {
    const colon = header.indexOf(':');
    const name = header.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new CliError(`--header "${header}": expected "Name: value"`, 2);
    out[name] = header.slice(colon + 1).trim();
  }
  return out;
}

class Retryable extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Redirects followed at most, as browsers and curl --max-redirs default to about. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class PrometheusClient {
  private readonly endpoint: URL;
  private readonly instantEndpoint: URL;
  /** Sent to the --prometheus origin only. */
  private readonly headers: Record<string, string>;
  /** Sent after a redirect to another origin: no credentials, no --header. */
  private readonly plainHeaders = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };

  constructor(private readonly options: PrometheusOptions) {
    let base: URL;
    const shown = redactUrlCredentials(options.url);
    try {
      base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    } catch {
      throw new CliError(`--prometheus "${shown}" is not a URL (expected e.g. http://prometheus:9090)`, 2);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new CliError(`--prometheus "${shown}": only http and https URLs are supported`, 2);
    const urlCredentials = base.username || base.password ? `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}` : undefined;
    base.username = '';
    base.password = '';
    this.endpoint = new URL('api/v1/query_range', base);
    this.instantEndpoint = new URL('api/v1/query', base);
    this.headers = { ...this.plainHeaders, ...options.headers };
    const basic = options.basic ?? (options.token === undefined ? urlCredentials : undefined);
    if (options.token !== undefined) this.headers.authorization = `Bearer ${options.token}`;
    if (basic !== undefined) {
      if (!basic.includes(':')) throw new CliError('--basic expects "user:password"', 2);
      this.headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
  }

  /** The server, for messages: origin and path without credentials. */
  get server(): string {
    return `${this.endpoint.origin}${this.endpoint.pathname.replace(/api\/v1\/query_range$/, '')}`;
  }

  async queryRange(query: string, range: QueryRange, workload: string): Promise<RangeSeries[]> {
    const body = new URLSearchParams({ query, start: String(range.start), end: String(range.end), step: String(range.step) }).toString();
    const result = await this.withRetries(this.endpoint, body, 'matrix', `workload "${workload}"`, query);
    return (result as { metric: Record<string, string>; values: [number, string][] }[])
      .map((series) => ({ metric: series.metric, values: series.values.map(([t, v]) => [Number(t), Number(v)] as [number, number]) }));
  }

  /** An instant query now; `about` names what it is for in errors. */
  async query(query: string, about: string): Promise<InstantSample[]> {
    const body = new URLSearchParams({ query }).toString();
    const result = await this.withRetries(this.instantEndpoint, body, 'vector', about, query);
    return (result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
  }

  private async withRetries(endpoint: URL, body: string, resultType: 'matrix' | 'vector', about: string, query: string): Promise<unknown[]> {
    const fail = (what: string): never => {
      throw new CliError(`${about}: ${what}\n  query: ${query}`);
    };
    const retries = this.options.retries ?? 2;
    let lastProblem = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep((this.options.backoffMs ?? 250) * 2 ** (attempt - 1));
      try {
        return await this.attempt(endpoint, body, resultType, fail);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        lastProblem = error.message;
      }
    }
    return fail(`${lastProblem} (${retries + 1} attempt${retries === 0 ? '' : 's'})`);
  }

  private async attempt(endpoint: URL, body: string, resultType: 'matrix' | 'vector', fail: (what: string) => never): Promise<unknown[]> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFollowing(endpoint, body, AbortSignal.timeout(timeoutMs), fail);
      text = await response.text();
    } catch (error) {
      if (error instanceof CliError) throw error;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new Retryable(`Prometheus at ${this.server} did not answer within ${timeoutMs / 1000} s`);
      throw new Retryable(`cannot reach Prometheus at ${this.server}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
    }
    let json: { status?: string; errorType?: string; error?: string; data?: { resultType?: string; result?: unknown[] } } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status === 401 || response.status === 403) {
      fail(`Prometheus at ${this.server} answered HTTP ${response.status} ${response.status === 401 ? 'Unauthorized' : 'Forbidden'}: check --token, --basic or --header`);
    }
    if (json?.status === 'error') {
      const problem = `Prometheus rejected the query (${json.errorType ?? 'error'}: ${json.error ?? 'no message'})`;
      // bad_data (400) and execution (422) will fail again; timeout, canceled and unavailable may pass.
      if (response.status >= 500 || response.status === 429) throw new Retryable(problem);
      fail(problem);
    }
    if (response.status === 429 || response.status >= 500) throw new Retryable(`Prometheus at ${this.server} answered HTTP ${response.status}`);
    if (!response.ok) fail(`Prometheus at ${this.server} answered HTTP ${response.status}${response.status === 404 ? ' (is the URL the Prometheus server, with its path prefix?)' : ''}`);
    if (!json || json.status !== 'success' || json.data?.resultType !== resultType || !Array.isArray(json.data.result)) {
      fail(`Prometheus at ${this.server} sent an answer that is not a ${resultType === 'matrix' ? 'query_range' : 'query'} result: ${text.slice(0, 120)}`);
    }
    return json!.data!.result!;
  }

  /**
   * POSTs the query and follows redirects by hand: to the same origin with every header, to
   * another origin with none of the credentials. 301/302/303 turn the POST into a GET with the
   * form in the query string (as fetch does, which would lose the form); 307/308 repeat the POST.
   */
  private async fetchFollowing(endpoint: URL, body: string, signal: AbortSignal, fail: (what: string) => never): Promise<Response> {
    let url = endpoint;
    let method = 'POST';
    for (let redirects = 0; ; redirects++) {
      const sameOrigin = url.origin === this.endpoint.origin;
      const headers = sameOrigin ? this.headers : this.plainHeaders;
      const response = await fetch(url, { method, headers, signal, redirect: 'manual', ...(method === 'POST' ? { body } : {}) });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
      await response.body?.cancel();
      if (redirects === MAX_REDIRECTS) fail(`Prometheus at ${this.server} redirected more than ${MAX_REDIRECTS} times`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') fail(`Prometheus at ${this.server} redirected to a ${next.protocol} URL`);
      next.username = '';
      next.password = '';
      if (response.status !== 307 && response.status !== 308 && method === 'POST') {
        method = 'GET';
        next.search = body;
      }
      url = next;
    }
  }
}
