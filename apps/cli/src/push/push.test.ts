/**
 * `headroom push` against a local emulation of Grafana's HTTP API (fake-grafana.ts): no Grafana can
 * run here. The dashboards are the repository's real generated ones (dashboards/chat-assistant).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { folderUidFor, pushCommand, runPush, sameDashboard } from './command.ts';
import { startFakeGrafana, type FakeGrafana, type FakeGrafanaOptions } from './fake-grafana.ts';

const root = resolve(import.meta.dirname, '../../../..');
const preset = join(root, 'dashboards/chat-assistant');
const TOKEN = 'glsa_editor_token';
const FOLDER_UID = 'headroom-headroom';

let servers: FakeGrafana[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  vi.unstubAllEnvs();
});

async function grafana(options: FakeGrafanaOptions = { tokens: [TOKEN] }): Promise<FakeGrafana> {
  const g = await startFakeGrafana(options);
  servers.push(g);
  return g;
}

/** A copy of a generate --out directory: <dir>/dashboards/*.json (and provisioning.yaml, which push ignores). */
function kit(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-push-'));
  cpSync(preset, join(dir, 'dashboards'), { recursive: true });
  return { dir, files: readdirSync(join(dir, 'dashboards')).filter((f) => f.endsWith('.json')).sort() };
}

const push = (dir: string, g: FakeGrafana, extra: Partial<Parameters<typeof pushCommand>[1]> = {}) =>
  pushCommand(dir, { grafana: g.url, token: TOKEN, dryRun: false, ...extra });

describe('headroom push', () => {
  it('first push creates the folder and every dashboard, with the documented request shapes', async () => {
    const g = await grafana();
    const { dir, files } = kit();
    const out = await push(dir, g);
    expect(files.length).toBe(6);
    expect(out).toContain(`folder "Headroom" (uid ${FOLDER_UID}): created`);
    expect(out).toContain('6 dashboards: 6 created, 0 updated, 0 unchanged');
    expect(out).toMatch(/created\s+chat-assistant_overview\s+version 1\s+http:\/\/127\.0\.0\.1:\d+\/d\/chat-assistant_overview\//);

    expect(g.folders.get(FOLDER_UID)?.title).toBe('Headroom');
    expect([...g.dashboards.keys()].sort()).toEqual(files.map((f) => JSON.parse(readFileSync(join(dir, 'dashboards', f), 'utf8')).uid).sort());
    for (const d of g.dashboards.values()) {
      expect(d.folderUid).toBe(FOLDER_UID);
      expect(d.version).toBe(1);
      expect(d.message).toBe('headroom push');
    }
    // Every request carries the token; writes are JSON with the documented body.
    expect(g.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const writes = g.writes();
    expect(writes.map((w) => w.path)).toEqual(['/api/folders', ...files.map(() => '/api/dashboards/db')]);
    expect(writes[0]!.body).toEqual({ uid: FOLDER_UID, title: 'Headroom' });
    for (const w of writes) expect(w.contentType).toBe('application/json');
    for (const w of writes.slice(1)) {
      const body = w.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['dashboard', 'folderUid', 'message', 'overwrite']);
      expect(body).toMatchObject({ folderUid: FOLDER_UID, overwrite: true, message: 'headroom push', dashboard: { id: null } });
    }
    // Reads before writes: the folder by uid, then each dashboard by uid before its POST.
    expect(g.requests[0]).toMatchObject({ method: 'GET', path: `/api/folders/${FOLDER_UID}` });
    expect(g.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/dashboards/uid/')).length).toBe(6);
  });

  it('a second push is idempotent: everything unchanged, no writes, versions unchanged', async () => {
    const g = await grafana();
    const { dir } = kit();
    await push(dir, g);
    const before = g.requests.length;
    const out = await push(dir, g);
    expect(out).toContain(`folder "Headroom" (uid ${FOLDER_UID}): exists`);
    expect(out).toContain('6 dashboards: 0 created, 0 updated, 6 unchanged');
    expect(out).toMatch(/unchanged\s+chat-assistant_ranker\s+version 1/);
    const second = g.requests.slice(before);
    expect(second.every((r) => r.method === 'GET')).toBe(true);
    expect(second.length).toBe(7);
    expect([...g.dashboards.values()].every((d) => d.version === 1)).toBe(true);
  });

  it('a changed dashboard is updated (version 2); the others stay unchanged', async () => {
    const g = await grafana();
    const { dir } = kit();
    await push(dir, g);
    const file = join(dir, 'dashboards', 'chat-assistant-ranker.json');
    const model = JSON.parse(readFileSync(file, 'utf8'));
    model.refresh = '5m';
    writeFileSync(file, JSON.stringify(model, null, 2));
    const before = g.requests.length;
    const out = await push(dir, g);
    expect(out).toMatch(/updated\s+chat-assistant_ranker\s+version 2\s+content changed since version 1/);
    expect(out).toContain('6 dashboards: 0 created, 1 updated, 5 unchanged');
    expect(g.requests.slice(before).filter((r) => r.method === 'POST').map((r) => (r.body as { dashboard: { uid: string } }).dashboard.uid)).toEqual(['chat-assistant_ranker']);
    expect(g.dashboards.get('chat-assistant_ranker')).toMatchObject({ version: 2, model: { refresh: '5m', version: 2 } });
    expect(g.dashboards.get('chat-assistant_overview')?.version).toBe(1);
    // And the push after that is quiet again.
    expect(await push(dir, g)).toContain('0 created, 0 updated, 6 unchanged');
  });

  it('a dashboard sitting in another folder is moved into the push folder', async () => {
    const g = await grafana();
    const { dir } = kit();
    await push(dir, g, { folder: 'Old place' });
    const out = await push(dir, g);
    expect(out).toMatch(/updated\s+chat-assistant_overview\s+version 2\s+moved from folder "Old place" \(uid headroom-old-place\)/);
    expect(g.dashboards.get('chat-assistant_overview')?.folderUid).toBe(FOLDER_UID);
  });

  it('--dry-run reads but writes nothing, and says what would happen', async () => {
    const g = await grafana();
    const { dir } = kit();
    const out = await push(dir, g, { dryRun: true });
    expect(out).toMatch(/^dry run \(nothing is written\)/);
    expect(out).toContain(`folder "Headroom" (uid ${FOLDER_UID}): would create`);
    expect(out).toMatch(/would create\s+chat-assistant_overview/);
    expect(out).toContain('6 dashboards: 6 would create, 0 would update, 0 unchanged (dry run: nothing was written)');
    expect(g.writes()).toEqual([]);
    expect(g.folders.size + g.dashboards.size).toBe(0);

    await push(dir, g);
    const file = join(dir, 'dashboards', 'chat-assistant-features.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), description: 'changed' }));
    const before = g.writes().length;
    const again = await push(dir, g, { dryRun: true });
    expect(again).toMatch(/would update\s+chat-assistant_features\s+content changed since version 1/);
    expect(again).toContain('0 would create, 1 would update, 5 unchanged');
    expect(g.writes().length).toBe(before);
    expect(g.dashboards.get('chat-assistant_features')?.version).toBe(1);
  });

  it('basic auth: sends Authorization: Basic, and a wrong password is a 401 naming the user', async () => {
    const g = await grafana({ users: { admin: 's3cret:with-colon' } });
    const { dir } = kit();
    const out = await pushCommand(dir, { grafana: g.url, basic: 'admin:s3cret:with-colon', dryRun: false });
    expect(out).toContain('with basic auth as user "admin" (--basic)');
    expect(out).toContain('6 created');
    expect(g.requests.every((r) => r.authorization === `Basic ${Buffer.from('admin:s3cret:with-colon').toString('base64')}`)).toBe(true);
    await expect(pushCommand(dir, { grafana: g.url, basic: 'admin:wrong', dryRun: false }))
      .rejects.toThrow(/rejected basic auth as user "admin" \(--basic\) while reading folder "Headroom".*401 Unauthorized: Invalid username or password; check the user and password/);
  });

  it('bearer token from GRAFANA_TOKEN when --token is absent', async () => {
    const g = await grafana();
    const { dir } = kit();
    vi.stubEnv('GRAFANA_TOKEN', TOKEN);
    const out = await pushCommand(dir, { grafana: g.url, dryRun: false });
    expect(out).toContain('with the bearer token from GRAFANA_TOKEN');
    expect(g.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('401: a wrong token, and no credentials at all, each give a clear message and write nothing', async () => {
    const g = await grafana();
    const { dir } = kit();
    await expect(pushCommand(dir, { grafana: g.url, token: 'glsa_wrong', dryRun: false }))
      .rejects.toThrow(`Grafana at ${g.url} rejected the bearer token from --token while reading folder "Headroom" (GET /api/folders/${FOLDER_UID}): 401 Unauthorized: Invalid API key; check the token`);
    await expect(runPush(dir, { grafana: g.url, dryRun: false }, { env: {} }))
      .rejects.toThrow(/rejected no credentials \(neither --token, GRAFANA_TOKEN nor --basic was given\).*401 Unauthorized: Unauthorized; pass --token/);
    expect(g.writes()).toEqual([]);
  });

  it('403: a Viewer token can read but not create the folder', async () => {
    const g = await grafana({ viewerTokens: ['glsa_viewer'] });
    const { dir } = kit();
    await expect(pushCommand(dir, { grafana: g.url, token: 'glsa_viewer', dryRun: false }))
      .rejects.toThrow(/denied creating folder "Headroom" \(POST \/api\/folders\) to the bearer token from --token: 403 Forbidden: .*folders:create; the service account or user needs the Editor role/);
  });

  it('412: names the dashboard and its file, and says what was pushed before it', async () => {
    const g = await grafana({ tokens: [TOKEN], pluginDashboards: ['chat-assistant_features'] });
    const { dir } = kit();
    const error = await push(dir, g).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Grafana refused dashboard "Headroom \/ chat-assistant \/ features \(data-pipeline\)" \(uid chat-assistant_features, .*chat-assistant-features\.json\): 412 Precondition Failed \(plugin-dashboard\): The dashboard belongs to plugin Example App\. \(before this: chat-assistant_chat-llm created, chat-assistant_embed-nightly created\)$/);
  });

  it('a folder with the same title but another uid (e.g. made by file provisioning) is reused', async () => {
    const g = await grafana();
    g.folders.set('provisioned1', { id: 99, uid: 'provisioned1', title: 'Headroom', version: 1 });
    const { dir } = kit();
    const out = await push(dir, g);
    expect(out).toContain('folder "Headroom" (uid provisioned1): exists (Grafana refused a new folder with uid headroom-headroom');
    expect([...g.dashboards.values()].every((d) => d.folderUid === 'provisioned1')).toBe(true);
    expect(g.folders.size).toBe(1);
  });

  it('retries once after a 5xx', async () => {
    const g = await grafana();
    const { dir } = kit();
    g.failNext(1, 502);
    const out = await runPush(dir, { grafana: g.url, token: TOKEN, dryRun: false }, { retryDelayMs: 10 });
    expect(out).toContain('6 created');
    g.failNext(2, 503);
    await expect(runPush(dir, { grafana: g.url, token: TOKEN, dryRun: false }, { retryDelayMs: 10 }))
      .rejects.toThrow(`Grafana at ${g.url} failed reading folder "Headroom" (GET /api/folders/${FOLDER_UID}): HTTP 503: Service unavailable (tried twice)`);
    expect(g.requests.slice(-2).map((r) => r.path)).toEqual([`/api/folders/${FOLDER_UID}`, `/api/folders/${FOLDER_UID}`]);
  });

  it('an unreachable server is a clear error', async () => {
    const g = await grafana();
    const url = g.url;
    await g.close();
    servers = [];
    const { dir } = kit();
    await expect(pushCommand(dir, { grafana: url, token: TOKEN, dryRun: false }))
      .rejects.toThrow(`cannot reach Grafana at ${url}: GET /api/folders/${FOLDER_UID} failed twice (connect ECONNREFUSED ${url.replace('http://', '')})`);
  });

  it('a server that never answers times out (twice) with a clear error', async () => {
    const silent: Server = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const { dir } = kit();
      const started = Date.now();
      await expect(runPush(dir, { grafana: url, token: TOKEN, dryRun: false }, { timeoutMs: 200, retryDelayMs: 10 }))
        .rejects.toThrow(`cannot reach Grafana at ${url}: GET /api/folders/${FOLDER_UID} failed twice (no answer within 0.2 s)`);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('something that is not Grafana at the URL is named as such', async () => {
    const html: Server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html><body>Welcome to nginx!</body></html>'); });
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
    try {
      const { dir } = kit();
      await expect(pushCommand(dir, { grafana: url, token: TOKEN, dryRun: false }))
        .rejects.toThrow(/answered GET \/api\/folders\/headroom-headroom with HTTP 200 and "<html><body>Welcome to nginx!.*not Grafana's JSON; is --grafana Grafana's root URL\?/);
    } finally {
      html.closeAllConnections();
      await new Promise<void>((r) => html.close(() => r()));
    }
  });

  it('user errors: no directory, no dashboards, bad JSON, bad URL, missing --grafana, --token with --basic', async () => {
    const g = await grafana();
    const empty = mkdtempSync(join(tmpdir(), 'headroom-push-empty-'));
    mkdirSync(join(empty, 'dashboards'));
    await expect(push(empty, g)).rejects.toThrow(`no dashboards found in ${join(empty, 'dashboards')}`);
    await expect(push(join(empty, 'nope'), g)).rejects.toThrow('is not a directory');
    await expect(pushCommand(undefined, { grafana: g.url, dryRun: false })).rejects.toThrow('push needs a directory');
    const { dir } = kit();
    await expect(pushCommand(dir, { dryRun: false })).rejects.toThrow('push needs --grafana <url>');
    await expect(pushCommand(dir, { grafana: 'grafana:3000x', dryRun: false })).rejects.toThrow(/must be an http:\/\/ or https:\/\/ URL|is not a URL/);
    await expect(pushCommand(dir, { grafana: 'not a url', dryRun: false })).rejects.toThrow('--grafana "not a url" is not a URL');
    await expect(pushCommand(dir, { grafana: 'http://admin:pw@grafana:3000', dryRun: false })).rejects.toThrow('put credentials in --basic');
    await expect(pushCommand(dir, { grafana: g.url, token: 't', basic: 'a:b', dryRun: false })).rejects.toThrow('either --token or --basic, not both');
    await expect(pushCommand(dir, { grafana: g.url, basic: 'nocolon', dryRun: false })).rejects.toThrow('--basic needs user:password');
    writeFileSync(join(dir, 'dashboards', 'broken.json'), '{ nope');
    await expect(push(dir, g)).rejects.toThrow(/broken\.json is not valid JSON/);
    expect(g.requests).toEqual([]);
  });

  it('accepts the dashboards directory itself, and a Grafana served under a sub-path URL', async () => {
    const g = await grafana();
    const { dir } = kit();
    const out = await push(join(dir, 'dashboards'), g);
    expect(out).toContain('6 created');
    // A sub-path is kept in request paths (this emulator serves only /api, so /grafana/api/... is a 404 "Not found").
    const before = g.requests.length;
    await expect(pushCommand(dir, { grafana: `${g.url}/grafana/`, token: TOKEN, dryRun: false }))
      .rejects.toThrow(`Grafana at ${g.url}/grafana failed creating folder "Headroom" (POST /api/folders): HTTP 404: Not found; is ${g.url}/grafana Grafana's root URL`);
    expect(g.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /grafana/api/folders/${FOLDER_UID}`, 'POST /grafana/api/folders']);
  });
});

describe('the Grafana emulator', () => {
  it('rejects what the documented API rejects, so the push tests above mean something', async () => {
    const g = await grafana();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${g.url}${path}`, {
      method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    }).then(async (r) => [r.status, await r.json()] as const);
    const dash = { uid: 'd1', title: 'D1' };
    expect(await post('/api/folders', { uid: 'f1', title: 'F1' }, { authorization: '' })).toEqual([401, { message: 'Unauthorized' }]);
    expect(await post('/api/folders', { uid: 'x'.repeat(41), title: 'F1' })).toEqual([400, { message: 'uid too long, max 40 characters' }]);
    expect((await post('/api/folders', { uid: 'f1', title: 'F1' }))[0]).toBe(200);
    expect((await post('/api/folders', { uid: 'f1', title: 'F2' }))[0]).toBe(409);
    const ok = { dashboard: { ...dash, id: null }, folderUid: 'f1', overwrite: true, message: 'm' };
    expect((await post('/api/dashboards/db', ok, { 'content-type': 'text/plain' }))[0]).toBe(400);
    expect((await post('/api/dashboards/db', '{"dashboard":')) [0]).toBe(400);
    expect(await post('/api/dashboards/db', { ...ok, dashboard: { uid: 'd1' } })).toEqual([400, { message: 'Dashboard title cannot be empty', status: 'empty-name' }]);
    expect(await post('/api/dashboards/db', { ...ok, folderUid: 'nope' })).toEqual([400, { message: 'folder not found' }]);
    expect((await post('/api/dashboards/db', { ...ok, folderUid: undefined }))[0]).toBe(400);
    expect((await post('/api/dashboards/db', { ...ok, dashboard: { ...dash, id: 12345 } }))[0]).toBe(404);
    expect(await post('/api/dashboards/db', ok)).toEqual([200, { id: 2, uid: 'd1', url: '/d/d1/d1', status: 'success', version: 1, slug: 'd1' }]);
    expect(await post('/api/dashboards/db', { ...ok, overwrite: false, dashboard: { ...dash, version: 0 } })).toEqual([412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' }]);
    expect((await post('/api/dashboards/db', { ...ok, dashboard: { ...dash, id: 2 } }))[0]).toBe(400);
    expect((await post('/api/dashboards/db', ok))[1]).toMatchObject({ version: 2 });
    const got = await (await fetch(`${g.url}/api/dashboards/uid/d1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(got).toMatchObject({ dashboard: { uid: 'd1', id: 2, version: 2 }, meta: { folderUid: 'f1', folderTitle: 'F1', version: 2 } });
  });
});

describe('folderUidFor', () => {
  it('is stable, at most 40 characters of Grafana uid characters, and distinct for distinct long names', () => {
    expect(folderUidFor('Headroom')).toBe('headroom-headroom');
    expect(folderUidFor('ML Capacity / Prod')).toBe('headroom-ml-capacity-prod');
    expect(folderUidFor('Équipe données')).toBe('headroom-equipe-donnees');
    const a = folderUidFor('A very long folder name for the production capacity dashboards, team one');
    const b = folderUidFor('A very long folder name for the production capacity dashboards, team two');
    for (const uid of [a, b, folderUidFor('容量'), folderUidFor('x'.repeat(200))]) expect(uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(a).not.toBe(b);
    expect(folderUidFor('容量')).toMatch(/^headroom-[0-9a-f]{8}$/);
  });
});

describe('sameDashboard', () => {
  it('ignores id, version and key order, and nothing else', () => {
    expect(sameDashboard({ uid: 'a', title: 't', panels: [{ x: 1, y: 2 }] }, { version: 3, id: 7, title: 't', uid: 'a', panels: [{ y: 2, x: 1 }] })).toBe(true);
    expect(sameDashboard({ uid: 'a', title: 't' }, { uid: 'a', title: 'u' })).toBe(false);
    expect(sameDashboard({ uid: 'a', panels: [1, 2] }, { uid: 'a', panels: [2, 1] })).toBe(false);
  });
});
