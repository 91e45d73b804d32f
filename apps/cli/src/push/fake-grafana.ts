/**
 * A stand-in for Grafana's HTTP API, for tests: no Grafana server can run where the tests run.
 * It serves the five endpoints `headroom push` uses, checks each request the way Grafana's
 * documentation says Grafana does, answers with the documented status codes and JSON bodies, and
 * keeps state (folders, dashboards, versions) so that repeated pushes can be checked.
 *
 * Checked like Grafana: the Authorization header (Bearer service account token, or Basic user:pass;
 * a missing or wrong one gets 401 {message}); a read-only (Viewer) token gets 403 on writes; POST
 * bodies must be JSON with Content-Type application/json (else 400 "bad request data"); folder uids
 * and dashboard uids at most 40 characters of [A-Za-z0-9_-]; a dashboard needs a title; a folder uid
 * or title already taken gets 409; saving into a folder that does not exist gets 400 "folder not found";
 * a plugin's dashboard gets 412 {status: "plugin-dashboard"}; an `id` that names no dashboard gets 404;
 * without overwrite, a stale version gets 412 {status: "version-mismatch"}. Every save bumps the version.
 *
 * Stricter than Grafana, to pin down what push sends: `dashboard.id` must be null or absent,
 * `folderUid` a non-empty string, `overwrite` true and `message` a string (else 400, message
 * starting "emulator:").
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGrafanaOptions {
  /** Service account tokens with the Editor role. */
  tokens?: string[];
  /** Service account tokens with the Viewer role: reads only. */
  viewerTokens?: string[];
  /** Basic auth users (Editor), user → password. */
  users?: Record<string, string>;
  /** Dashboard uids that belong to a plugin: saving them gets 412 plugin-dashboard. */
  pluginDashboards?: string[];
}

export interface RecordedRequest { method: string; path: string; authorization: string | undefined; contentType: string | undefined; body: unknown }
export interface StoredFolder { id: number; uid: string; title: string; version: number }
export interface StoredDashboard { folderUid: string; model: Record<string, unknown>; version: number; id: number; message: string }

export interface FakeGrafana {
  url: string;
  requests: RecordedRequest[];
  folders: Map<string, StoredFolder>;
  dashboards: Map<string, StoredDashboard>;
  /** The next `count` requests get `status` (default 503) before anything else is checked. */
  failNext(count: number, status?: number): void;
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

const UID = /^[A-Za-z0-9_-]*$/;

export async function startFakeGrafana(options: FakeGrafanaOptions = {}): Promise<FakeGrafana> {
  const tokens = new Set(options.tokens ?? []);
  const viewerTokens = new Set(options.viewerTokens ?? []);
  const users = options.users ?? {};
  const plugin = new Set(options.pluginDashboards ?? []);
  const requests: RecordedRequest[] = [];
  const folders = new Map<string, StoredFolder>();
  const dashboards = new Map<string, StoredDashboard>();
  let nextId = 1;
  let failures = { count: 0, status: 503 };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  /** 'editor' | 'viewer', or answers 401 itself and returns undefined. */
  const authenticate = (req: IncomingMessage, res: ServerResponse): 'editor' | 'viewer' | undefined => {
    const header = req.headers.authorization;
    if (header === undefined) { send(res, 401, { message: 'Unauthorized' }); return undefined; }
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme === 'Bearer') {
      if (tokens.has(value)) return 'editor';
      if (viewerTokens.has(value)) return 'viewer';
      send(res, 401, { message: 'Invalid API key' });
      return undefined;
    }
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = decoded.slice(0, colon);
      if (colon > 0 && Object.hasOwn(users, user) && users[user] === decoded.slice(colon + 1)) return 'editor';
      send(res, 401, { message: 'Invalid username or password' });
      return undefined;
    }
    send(res, 401, { message: 'Unauthorized' });
    return undefined;
  };

  const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const uidProblem = (uid: string) => uid.length > 40 ? 'uid too long, max 40 characters' : !UID.test(uid) ? 'uid contains illegal characters' : undefined;

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let body: unknown;
    try { body = raw === '' ? undefined : JSON.parse(raw); } catch { body = raw; }
    requests.push({ method, path: `${path}${url.search}`, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    if (failures.count > 0) {
      failures.count--;
      send(res, failures.status, { message: 'Service unavailable' });
      return;
    }
    const role = authenticate(req, res);
    if (!role) return;
    if (method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 400, { message: 'bad request data' });
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(res, 400, { message: 'bad request data' });
      if (role === 'viewer') {
        return send(res, 403, { accessErrorId: 'ACE0000000001', message: `You'll need additional permissions to perform this action. Permissions needed: ${path.startsWith('/api/folders') ? 'folders:create' : 'dashboards:create'}`, title: 'Access denied' });
      }
    }
    const b = body as Record<string, unknown>;

    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/api/folders') {
      return send(res, 200, [...folders.values()].map((f) => ({ id: f.id, uid: f.uid, title: f.title })));
    }
    if (method === 'GET' && (m = path.match(/^\/api\/folders\/([^/]+)$/))) {
      const f = folders.get(decodeURIComponent(m[1]!));
      if (!f) return send(res, 404, { message: 'folder not found', status: 'not-found' });
      return send(res, 200, { ...f, url: `/dashboards/f/${f.uid}/${slug(f.title)}`, hasAcl: false, canSave: true, canEdit: true, canAdmin: true });
    }
    if (method === 'POST' && path === '/api/folders') {
      if (typeof b.title !== 'string' || b.title.trim() === '') return send(res, 400, { message: 'folder title cannot be empty' });
      const uid = typeof b.uid === 'string' && b.uid !== '' ? b.uid : `gen${nextId}`;
      const problem = uidProblem(uid);
      if (problem) return send(res, 400, { message: problem });
      if (folders.has(uid)) return send(res, 409, { message: 'a folder with the same uid already exists' });
      if ([...folders.values()].some((f) => f.title === b.title)) return send(res, 409, { message: 'a folder or dashboard in the general folder with the same name already exists' });
      const f: StoredFolder = { id: nextId++, uid, title: b.title, version: 1 };
      folders.set(uid, f);
      return send(res, 200, { ...f, url: `/dashboards/f/${uid}/${slug(f.title)}`, hasAcl: false, canSave: true, canEdit: true, canAdmin: true });
    }
    if (method === 'GET' && (m = path.match(/^\/api\/dashboards\/uid\/([^/]+)$/))) {
      const d = dashboards.get(decodeURIComponent(m[1]!));
      if (!d) return send(res, 404, { message: 'Dashboard not found' });
      const title = String(d.model.title);
      const folder = folders.get(d.folderUid);
      return send(res, 200, {
        dashboard: d.model,
        meta: {
          type: 'db', canSave: true, canEdit: true, canAdmin: true, canStar: true, slug: slug(title), url: `/d/${d.model.uid}/${slug(title)}`,
          version: d.version, provisioned: false, folderId: folder?.id ?? 0, folderUid: d.folderUid, folderTitle: folder?.title ?? 'General', folderUrl: folder ? `/dashboards/f/${folder.uid}/${slug(folder.title)}` : '',
        },
      });
    }
    if (method === 'POST' && path === '/api/dashboards/db') {
      const dash = b.dashboard;
      if (typeof dash !== 'object' || dash === null || Array.isArray(dash)) return send(res, 400, { message: 'bad request data' });
      const model = dash as Record<string, unknown>;
      if (typeof model.title !== 'string' || model.title.trim() === '') return send(res, 400, { message: 'Dashboard title cannot be empty', status: 'empty-name' });
      if (typeof model.uid !== 'string' || model.uid === '') return send(res, 400, { message: 'emulator: headroom push must send the dashboard uid' });
      const problem = uidProblem(model.uid);
      if (problem) return send(res, 400, { message: problem });
      if (model.id !== undefined && model.id !== null) {
        if (![...dashboards.values()].some((d) => d.id === model.id)) return send(res, 404, { message: 'Dashboard not found', status: 'not-found' });
        return send(res, 400, { message: 'emulator: headroom push must send dashboard.id null (upsert by uid)' });
      }
      if (typeof b.folderUid !== 'string' || b.folderUid === '') return send(res, 400, { message: 'emulator: headroom push must send folderUid' });
      if (!folders.has(b.folderUid)) return send(res, 400, { message: 'folder not found' });
      if (typeof b.message !== 'string') return send(res, 400, { message: 'emulator: headroom push must send a message' });
      if (plugin.has(model.uid)) return send(res, 412, { message: 'The dashboard belongs to plugin Example App.', status: 'plugin-dashboard' });
      const existing = dashboards.get(model.uid);
      if (b.overwrite !== true) {
        if (existing && model.version !== existing.version) return send(res, 412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
        return send(res, 400, { message: 'emulator: headroom push must send overwrite: true' });
      }
      const version = (existing?.version ?? 0) + 1;
      const id = existing?.id ?? nextId++;
      // Grafana stores the model as sent, with the id, uid and version it assigns.
      dashboards.set(model.uid, { folderUid: b.folderUid, model: { ...model, id, uid: model.uid, version }, version, id, message: b.message });
      return send(res, 200, { id, uid: model.uid, url: `/d/${model.uid}/${slug(model.title)}`, status: 'success', version, slug: slug(model.title) });
    }
    send(res, 404, { message: 'Not found' });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    folders,
    dashboards,
    failNext(count, status = 503) { failures = { count, status }; },
    writes: () => requests.filter((r) => r.method !== 'GET'),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
