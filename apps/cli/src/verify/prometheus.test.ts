/** The Prometheus client against tiny real HTTP servers on 127.0.0.1: auth, errors, timeouts, retries. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { verifyCommand } from './command.ts';
import { parseHeaders, PrometheusClient } from './prometheus.ts';

interface Seen { headers: IncomingMessage['headers']; body: string; path: string }
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body, path: req.url ?? '' });
      handler(req, res, seen);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const matrix = (values: [number, string][]) => ({ status: 'success', data: { resultType: 'matrix', result: values.length ? [{ metric: {}, values }] : [] } });
const range = { start: 1000, end: 2000, step: 10 };
const QUERY = 'sum(rate(container_cpu_usage_seconds_total{namespace="ml"}[5m]))';

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('PrometheusClient', () => {
  it('posts the range query with bearer token and extra headers, and parses the matrix', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, matrix([[1000, '1.5'], [1010, '2']])));
    const client = new PrometheusClient({ url: `${url}/prom`, token: 's3cret', headers: parseHeaders(['X-Scope-OrgID: team-a']) });
    const series = await client.queryRange(QUERY, range, 'ranker');
    expect(series).toEqual([{ metric: {}, values: [[1000, 1.5], [1010, 2]] }]);
    expect(seen[0]!.path).toBe('/prom/api/v1/query_range');
    expect(seen[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(seen[0]!.headers['x-scope-orgid']).toBe('team-a');
    const form = new URLSearchParams(seen[0]!.body);
    expect(form.get('query')).toBe(QUERY);
    expect([form.get('start'), form.get('end'), form.get('step')]).toEqual(['1000', '2000', '10']);
  });

  it('sends basic auth', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, matrix([])));
    await new PrometheusClient({ url, basic: 'alice:pa:ss' }).queryRange(QUERY, range, 'ranker');
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('alice:pa:ss').toString('base64')}`);
  });

  it('takes credentials from the URL as basic auth, and never shows them', async () => {
    const { url, seen } = await serve((_req, res) => { res.writeHead(401); res.end(); });
    const withPassword = url.replace('http://', 'http://alice:hunter2@');
    const error = await failure(new PrometheusClient({ url: withPassword, retries: 0 }).queryRange(QUERY, range, 'ranker'));
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('alice:hunter2').toString('base64')}`);
    expect(error.message).toContain(`Prometheus at ${url}/ answered HTTP 401`);
    expect(error.message).not.toContain('hunter2');
    const unreachable = await failure(new PrometheusClient({ url: 'http://bob:s3cret@127.0.0.1:1', retries: 0 }).queryRange(QUERY, range, 'ranker'));
    expect(unreachable.message).not.toContain('s3cret');
    expect(() => new PrometheusClient({ url: 'ftp://carol:pw123@host/' })).toThrow(/--prometheus "ftp:\/\/carol:\*\*\*@host\/"/);
  });

  it('follows a redirect to another origin without the token, basic auth or --header', async () => {
    const other = await serve((_req, res) => json(res, 200, matrix([[1000, '1']])));
    // localhost and 127.0.0.1 on different ports: two origins.
    const otherUrl = other.url.replace('127.0.0.1', 'localhost');
    const first = await serve((_req, res) => { res.writeHead(307, { location: `${otherUrl}/api/v1/query_range` }); res.end(); });
    const client = new PrometheusClient({ url: first.url, token: 's3cret', headers: parseHeaders(['X-Scope-OrgID: team-a', 'Cookie: session=abc']) });
    expect(await client.queryRange(QUERY, range, 'ranker')).toEqual([{ metric: {}, values: [[1000, 1]] }]);
    expect(first.seen[0]!.headers.authorization).toBe('Bearer s3cret');
    const forwarded = other.seen[0]!.headers;
    expect([forwarded.authorization, forwarded['x-scope-orgid'], forwarded.cookie]).toEqual([undefined, undefined, undefined]);
    expect(new URLSearchParams(other.seen[0]!.body).get('query')).toBe(QUERY);
  });

  it('keeps the headers on a same-origin redirect, and turns a 302 into a GET carrying the query', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.url === '/old/api/v1/query_range') { res.writeHead(302, { location: '/new/api/v1/query_range' }); res.end(); return; }
      json(res, 200, matrix([]));
    });
    await new PrometheusClient({ url: `${url}/old`, headers: parseHeaders(['X-Scope-OrgID: team-a']) }).queryRange(QUERY, range, 'ranker');
    expect(seen[1]!.headers['x-scope-orgid']).toBe('team-a');
    expect(new URL(seen[1]!.path, url).searchParams.get('query')).toBe(QUERY);
  });

  it('stops after five redirects', async () => {
    const { url } = await serve((_req, res) => { res.writeHead(308, { location: '/api/v1/query_range' }); res.end(); });
    expect((await failure(new PrometheusClient({ url, retries: 0 }).queryRange(QUERY, range, 'ranker'))).message).toContain('redirected more than 5 times');
  });

  it('names the workload and query on 401 and does not retry it', async () => {
    const { url, seen } = await serve((_req, res) => { res.writeHead(401); res.end('Unauthorized'); });
    const error = await failure(new PrometheusClient({ url, retries: 3, backoffMs: 1 }).queryRange(QUERY, range, 'ranker'));
    expect(error.message).toContain('workload "ranker"');
    expect(error.message).toContain('HTTP 401 Unauthorized');
    expect(error.message).toContain(`query: ${QUERY}`);
    expect(seen).toHaveLength(1);
  });

  it('reports 403 as forbidden', async () => {
    const { url } = await serve((_req, res) => { res.writeHead(403); res.end(); });
    expect((await failure(new PrometheusClient({ url }).queryRange(QUERY, range, 'ranker'))).message).toContain('HTTP 403 Forbidden');
  });

  it('passes on Prometheus\' own error JSON for a bad query', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected "}"' }));
    const error = await failure(new PrometheusClient({ url, backoffMs: 1 }).queryRange('sum(}', range, 'chat-llm'));
    expect(error.message).toBe('workload "chat-llm": Prometheus rejected the query (bad_data: 1:5: parse error: unexpected "}")\n  query: sum(}');
    expect(seen).toHaveLength(1);
  });

  it('says when the server cannot be reached, after retrying', async () => {
    const { url } = await serve(() => undefined);
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    const error = await failure(new PrometheusClient({ url, retries: 1, backoffMs: 1 }).queryRange(QUERY, range, 'ranker'));
    expect(error.message).toMatch(/^workload "ranker": cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+\/: ECONNREFUSED \(2 attempts\)\n {2}query: /);
  });

  it('times out each attempt and retries with backoff', async () => {
    const { url, seen } = await serve(() => undefined); // never answers
    const started = Date.now();
    const error = await failure(new PrometheusClient({ url, timeoutMs: 150, retries: 2, backoffMs: 50 }).queryRange(QUERY, range, 'ranker'));
    expect(error.message).toContain('did not answer within 0.15 s (3 attempts)');
    expect(seen).toHaveLength(3);
    // Three timeouts plus backoffs of 50 and 100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 + 150 - 20);
  });

  it('retries a 503 and succeeds when the server recovers', async () => {
    const { url, seen } = await serve((_req, res, all) => (all.length < 2
      ? json(res, 503, { status: 'error', errorType: 'unavailable', error: 'busy' })
      : json(res, 200, matrix([[1000, '3']]))));
    const series = await new PrometheusClient({ url, backoffMs: 1 }).queryRange(QUERY, range, 'ranker');
    expect(series[0]!.values).toEqual([[1000, 3]]);
    expect(seen).toHaveLength(2);
  });

  it('rejects malformed options', () => {
    expect(() => parseHeaders(['no-colon'])).toThrow(/expected "Name: value"/);
    expect(() => new PrometheusClient({ url: 'not a url' })).toThrow(/is not a URL/);
    expect(() => new PrometheusClient({ url: 'http://x', basic: 'nopassword' })).toThrow(/user:password/);
  });
});

describe('verifyCommand errors', () => {
  it('fails clearly when no query returns data, naming a workload and its query', async () => {
    const { url } = await serve((req, res) => json(res, 200, req.url?.endsWith('/api/v1/query') ? { status: 'success', data: { resultType: 'vector', result: [] } } : matrix([])));
    const error = await failure(verifyCommand(undefined, { preset: 'chat-assistant', prometheus: url, range: '1h', json: false }));
    expect(error.message).toMatch(/^no data: none of the \d+ queries returned samples over the last 1h/);
    expect(error.message).toMatch(/workload "[a-z-]+", query: \S+/);
  });

  it('requires --prometheus and a valid --range', async () => {
    expect((await failure(verifyCommand(undefined, { preset: 'chat-assistant', json: false }))).exitCode).toBe(2);
    expect((await failure(verifyCommand(undefined, { preset: 'chat-assistant', prometheus: 'http://127.0.0.1:1', range: 'a week', json: false }))).message).toContain('--range "a week"');
  });
});
