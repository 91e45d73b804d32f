/**
 * `headroom push <dir> --grafana <url> [--token T | --basic user:pass] [--folder NAME] [--dry-run]`:
 * uploads the dashboards `headroom generate --out <dir>` wrote (`<dir>/dashboards/*.json`) into one
 * Grafana folder, through Grafana's HTTP API, overwriting by uid.
 *
 * - The folder's uid is derived from its name (`headroom-<slug>`, at most 40 characters), so every
 *   push finds the same folder: GET /api/folders/:uid, and POST /api/folders only on a 404.
 * - Each dashboard is first read back (GET /api/dashboards/uid/:uid); when Grafana already holds the
 *   same JSON (ignoring the `id` and `version` Grafana sets) in the same folder, it is reported
 *   unchanged and not written, so a repeated push writes nothing and Grafana's version history
 *   does not grow. Otherwise POST /api/dashboards/db with `id: null`, `overwrite: true`, the folder's
 *   uid and the message "headroom push".
 * - --dry-run makes the same reads and reports what would happen; it writes nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.ts';
import {
  describeAuth, GrafanaClient, GrafanaHttpError, isObject, parseGrafanaUrl,
  type GrafanaAuth, type GrafanaDashboardGet, type GrafanaFolder,
} from './client.ts';

export interface PushOptions { grafana?: string; token?: string; basic?: string; folder?: string; dryRun: boolean }

/** Knobs the tests turn; the command uses the defaults. */
export interface PushInternals { env?: Record<string, string | undefined>; timeoutMs?: number; retryDelayMs?: number }

export const DEFAULT_FOLDER = 'Headroom';
export const PUSH_MESSAGE = 'headroom push';
const UID = /^[A-Za-z0-9_-]{1,40}$/;

export async function pushCommand(dir: string | undefined, options: PushOptions): Promise<string> {
  return runPush(dir, options);
}

export interface LocalDashboard { file: string; uid: string; title: string; model: Record<string, unknown> }

type Outcome = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update';

export async function runPush(dir: string | undefined, options: PushOptions, internals: PushInternals = {}): Promise<string> {
  const env = internals.env ?? process.env;
  if (dir === undefined) throw new CliError('push needs a directory: headroom push <dir> --grafana <url> (the --out of headroom generate)', 2);
  if (options.grafana === undefined || options.grafana.trim() === '') throw new CliError('push needs --grafana <url>, e.g. --grafana http://grafana.example:3000', 2);
  const base = parseGrafanaUrl(options.grafana.trim());
  const auth = authFrom(options, env);
  const folderTitle = (options.folder ?? DEFAULT_FOLDER).trim();
  if (folderTitle === '') throw new CliError('--folder needs a name', 2);
  const { dir: dashboardsDir, dashboards } = loadDashboards(dir);

  const client = new GrafanaClient(base, {
    auth,
    ...(internals.timeoutMs !== undefined ? { timeoutMs: internals.timeoutMs } : {}),
    ...(internals.retryDelayMs !== undefined ? { retryDelayMs: internals.retryDelayMs } : {}),
  });
  const lines: string[] = [];
  const dry = options.dryRun;
  lines.push(`${dry ? 'dry run (nothing is written): ' : ''}pushing ${dashboards.length} dashboard${dashboards.length === 1 ? '' : 's'} from ${dashboardsDir} to ${client.display} with ${describeAuth(auth)}`);

  // The folder.
  let folderUid = folderUidFor(folderTitle);
  const found = await step(client, `reading folder "${folderTitle}" (GET /api/folders/${folderUid})`, [], () => client.getFolder(folderUid));
  if (found) {
    lines.push(`folder "${found.title}" (uid ${found.uid}): exists${found.title !== folderTitle ? ` (its title differs from --folder "${folderTitle}"; left as it is)` : ''}`);
  } else if (dry) {
    lines.push(`folder "${folderTitle}" (uid ${folderUid}): would create`);
  } else {
    const created = await step(client, `creating folder "${folderTitle}" (POST /api/folders)`, [], () => client.createFolder(folderUid, folderTitle));
    if ('conflict' in created) {
      // Taken: by a folder with this title and another uid (e.g. one file provisioning created), or a race.
      const again = await step(client, `reading folder "${folderTitle}"`, [], () => client.getFolder(folderUid));
      const byTitle: GrafanaFolder | undefined = again ?? (await step(client, 'listing folders (GET /api/folders)', [], () => client.listFolders())).find((f) => f.title === folderTitle);
      if (!byTitle) throw new CliError(`Grafana at ${client.display} refused to create folder "${folderTitle}" (uid ${folderUid}): HTTP 409: ${created.conflict}`);
      lines.push(`folder "${byTitle.title}" (uid ${byTitle.uid}): exists${byTitle.uid !== folderUid ? ` (Grafana refused a new folder with uid ${folderUid}: "${created.conflict}"; using the existing folder with this title)` : ''}`);
      folderUid = byTitle.uid;
    } else {
      folderUid = created.uid || folderUid;
      lines.push(`folder "${created.title ?? folderTitle}" (uid ${folderUid}): created`);
    }
  }

  // The dashboards.
  const done: string[] = [];
  const counts = new Map<Outcome, number>();
  const width = Math.max(...dashboards.map((d) => d.uid.length));
  for (const d of dashboards) {
    const what = `dashboard "${d.title}" (uid ${d.uid}, ${d.file})`;
    const existing = await step(client, `reading ${what}`, done, () => client.getDashboard(d.uid));
    const remoteFolder = existing?.meta.folderUid ?? '';
    const same = existing !== null && sameDashboard(d.model, existing.dashboard) && remoteFolder === folderUid;
    let outcome: Outcome;
    let detail: string;
    if (same) {
      outcome = 'unchanged';
      detail = versionOf(existing) !== undefined ? `version ${versionOf(existing)}` : '';
    } else if (dry) {
      outcome = existing ? 'would update' : 'would create';
      detail = existing ? reasonFor(d, existing, folderUid) : '';
    } else {
      const saved = await step(client, `uploading ${what} (POST /api/dashboards/db)`, done, () => client.saveDashboard({
        dashboard: { ...d.model, id: null },
        folderUid,
        overwrite: true,
        message: PUSH_MESSAGE,
      }), d);
      outcome = existing ? 'updated' : 'created';
      const parts = [saved.version !== undefined ? `version ${saved.version}` : '', existing ? reasonFor(d, existing, folderUid) : '', client.absolute(saved.url) ?? ''];
      if (saved.uid !== d.uid) parts.push(`WARNING: Grafana saved it under uid ${saved.uid} (it overwrote a dashboard with the same title in the folder)`);
      detail = parts.filter(Boolean).join('  ');
    }
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    done.push(`${d.uid} ${outcome}`);
    lines.push(`  ${outcome.padEnd(12)} ${d.uid.padEnd(width)}  ${detail}`.trimEnd());
  }
  const order: Outcome[] = dry ? ['would create', 'would update', 'unchanged'] : ['created', 'updated', 'unchanged'];
  lines.push(`${dashboards.length} dashboard${dashboards.length === 1 ? '' : 's'}: ${order.map((o) => `${counts.get(o) ?? 0} ${o}`).join(', ')}${dry ? ' (dry run: nothing was written)' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The credentials: --token, else --basic, else GRAFANA_TOKEN; --token with --basic is an error. */
export function authFrom(options: Pick<PushOptions, 'token' | 'basic'>, env: Record<string, string | undefined>): GrafanaAuth {
  if (options.token !== undefined && options.basic !== undefined) throw new CliError('give either --token or --basic, not both', 2);
  if (options.token !== undefined) {
    if (options.token.trim() === '') throw new CliError('--token is empty', 2);
    return { kind: 'bearer', token: options.token.trim(), source: '--token' };
  }
  if (options.basic !== undefined) {
    const colon = options.basic.indexOf(':');
    if (colon <= 0) throw new CliError('--basic needs user:password', 2);
    return { kind: 'basic', user: options.basic.slice(0, colon), password: options.basic.slice(colon + 1) };
  }
  const fromEnv = env.GRAFANA_TOKEN?.trim();
  if (fromEnv) return { kind: 'bearer', token: fromEnv, source: 'GRAFANA_TOKEN' };
  return { kind: 'none' };
}

/** `headroom-<slug of the name>`, at most 40 characters (Grafana's limit); a hash keeps long or non-Latin names distinct. */
export function folderUidFor(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  if (slug === '') return `headroom-${hash}`;
  if (`headroom-${slug}`.length <= 40) return `headroom-${slug}`;
  return `headroom-${slug.slice(0, 40 - 'headroom-'.length - 9).replace(/-+$/, '')}-${hash}`;
}

/** `<dir>/dashboards/*.json` (what generate writes), or `<dir>/*.json` when <dir> is itself that directory. */
export function loadDashboards(dir: string): { dir: string; dashboards: LocalDashboard[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory; give the --out directory of headroom generate`);
  const nested = join(dir, 'dashboards');
  const useNested = existsSync(nested) && statSync(nested).isDirectory();
  const from = useNested ? nested : dir;
  const files = readdirSync(from).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new CliError(`no dashboards found in ${nested} (expected the *.json files headroom generate --out ${dir} writes)`);
  const dashboards: LocalDashboard[] = [];
  const byUid = new Map<string, string>();
  for (const f of files) {
    const file = join(from, f);
    let model: unknown;
    try {
      model = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isObject(model)) throw new CliError(`${file} is not a dashboard (a JSON object)`);
    if (typeof model.uid !== 'string' || !UID.test(model.uid)) throw new CliError(`${file}: a dashboard needs a "uid" of 1 to 40 letters, digits, "-" or "_" (got ${JSON.stringify(model.uid)})`);
    if (typeof model.title !== 'string' || model.title.trim() === '') throw new CliError(`${file}: a dashboard needs a "title"`);
    const other = byUid.get(model.uid);
    if (other) throw new CliError(`${other} and ${file} have the same uid "${model.uid}"`);
    byUid.set(model.uid, file);
    dashboards.push({ file, uid: model.uid, title: model.title, model });
  }
  return { dir: from, dashboards };
}

/** Equal JSON, ignoring the `id` and `version` Grafana sets on every save (and key order). */
export function sameDashboard(local: Record<string, unknown>, remote: Record<string, unknown>): boolean {
  const strip = (m: Record<string, unknown>) => {
    const { id: _id, version: _version, ...rest } = m;
    return rest;
  };
  return canonical(strip(local)) === canonical(strip(remote));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

function versionOf(existing: GrafanaDashboardGet): number | undefined {
  const v = existing.meta.version ?? existing.dashboard.version;
  return typeof v === 'number' ? v : undefined;
}

function reasonFor(d: LocalDashboard, existing: GrafanaDashboardGet, folderUid: string): string {
  const from = existing.meta.folderUid ?? '';
  const reasons: string[] = [];
  if (!sameDashboard(d.model, existing.dashboard)) reasons.push(`content changed since version ${versionOf(existing) ?? '?'}`);
  if (from !== folderUid) reasons.push(`moved from ${from === '' ? 'the root (General) folder' : `folder ${existing.meta.folderTitle ? `"${existing.meta.folderTitle}" ` : ''}(uid ${from})`}`);
  return reasons.join(', ');
}

/** Runs one API call and turns Grafana's refusals into messages that say what was being done, with which credentials. */
async function step<T>(client: GrafanaClient, what: string, done: string[], call: () => Promise<T>, dashboard?: LocalDashboard): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof GrafanaHttpError)) throw error;
    const progress = done.length > 0 ? ` (before this: ${done.join(', ')})` : '';
    const said = error.grafanaMessage ? `: ${error.grafanaMessage}` : '';
    const auth = client.auth;
    if (error.status === 401) {
      const hint = auth.kind === 'none' ? '; pass --token (a service account token), set GRAFANA_TOKEN, or pass --basic user:pass' : auth.kind === 'basic' ? '; check the user and password' : '; check the token (is it a service account token for this Grafana and organisation, and not expired?)';
      throw new CliError(`Grafana at ${client.display} rejected ${describeAuth(auth)} while ${what}: 401 Unauthorized${said}${hint}${progress}`);
    }
    if (error.status === 403) {
      throw new CliError(`Grafana at ${client.display} denied ${what} to ${describeAuth(auth)}: 403 Forbidden${said}; the service account or user needs the Editor role, or folders:create and dashboards:write on the folder${progress}`);
    }
    if (error.status === 412 && dashboard) {
      throw new CliError(`Grafana refused dashboard "${dashboard.title}" (uid ${dashboard.uid}, ${dashboard.file}): 412 Precondition Failed${error.grafanaStatus ? ` (${error.grafanaStatus})` : ''}${said}${progress}`);
    }
    const provisioned = /provisioned/i.test(error.grafanaMessage) ? '; the dashboard is file-provisioned in Grafana: remove it from the provisioning directory, or keep using provisioning instead of push' : '';
    const hint = error.status >= 500 ? ' (tried twice)' : error.status === 404 ? `; is ${client.display} Grafana's root URL (with its sub-path, if any)?` : provisioned;
    throw new CliError(`Grafana at ${client.display} failed ${what}: HTTP ${error.status}${said}${hint}${progress}`);
  }
}
