/**
 * A real Alertmanager for integration tests (Debian's prometheus-alertmanager, 0.25 in CI,
 * installed by .ci/run) run on loopback with its own configuration and storage, clustering off,
 * plus a webhook receiver (a Node HTTP server) that records every notification it is sent, by
 * path: a receiver's webhook_configs url http://…/<name> lands under <name>.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { freePort } from './prometheus.ts';
import { startServerProcess } from './server-process.ts';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const AMTOOL_BIN = '/usr/bin/amtool';

const run = promisify(execFile);

export async function requireAlertmanager(path: string = ALERTMANAGER_BIN): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new Error(`${path} not found: this test runs a real Alertmanager; install the Debian package prometheus-alertmanager (.ci/run does)`);
  }
}

/** amtool with the given arguments; resolves with its output and exit code (it exits non-zero on a failed check). */
export async function amtool(args: readonly string[]): Promise<{ code: number; output: string }> {
  await requireAlertmanager(AMTOOL_BIN);
  try {
    const { stdout, stderr } = await run(AMTOOL_BIN, [...args], { timeout: 10_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as Error & { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** One alert of a webhook notification (Alertmanager's webhook payload, version 4). */
export interface NotifiedAlert { status: string; labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string }
export interface Notification { receiver: string; status: string; groupLabels: Record<string, string>; alerts: NotifiedAlert[] }

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Notifications received so far, by the path they were posted to (without the leading "/"). */
  received(): Map<string, Notification[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received = new Map<string, Notification[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').slice(1);
      const list = received.get(path) ?? [];
      list.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notification);
      received.set(path, list);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An alert as Alertmanager's API v2 lists it. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  fingerprint: string;
  receivers: { name: string }[];
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

export interface RunningAlertmanager {
  /** host:port, as a Prometheus alerting target. */
  target: string;
  /** Every alert it holds, inhibited and silenced ones included. */
  alerts(): Promise<AlertmanagerAlert[]>;
  logs(): string;
  stop(): Promise<void>;
}

export async function startAlertmanager(config: object): Promise<RunningAlertmanager> {
  await requireAlertmanager();
  const dir = await mkdtemp(join(tmpdir(), 'headroom-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  await writeFile(configFile, stringify(config));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(dir, configFile, port);
    } catch (error) {
      if (attempt < 3 && /address already in use/i.test((error as Error).message)) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

async function launch(dir: string, configFile: string, port: number): Promise<RunningAlertmanager> {
  const target = `127.0.0.1:${port}`;
  const { logs, stop } = await startServerProcess('Alertmanager', ALERTMANAGER_BIN, [
    `--config.file=${configFile}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=${target}`,
    // An empty address turns gossip clustering off, so nothing else is bound.
    '--cluster.listen-address=',
  ], { dir, url: `http://${target}`, readyTimeoutMs: 15_000, pollMs: 50 });
  return {
    target,
    alerts: async () => {
      const response = await fetch(`http://${target}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`Alertmanager /api/v2/alerts: HTTP ${response.status}`);
      return (await response.json()) as AlertmanagerAlert[];
    },
    logs,
    stop,
  };
}
