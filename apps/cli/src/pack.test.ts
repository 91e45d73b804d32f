/**
 * The installable CLI (DESIGN.md, CLI contract): `npm pack` in apps/cli gives a tarball that
 * installs into an empty folder with no network and an empty npm cache (it has no dependencies:
 * everything is bundled), and whose `headroom` runs with plain Node: no tsx, no TypeScript, no
 * workspace. Packed once; the installed binary is then run as a user would.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildExporterBundle } from '@headroom/exporter/bundle';
import { parsePlan, sizePlan } from '@headroom/model';
import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cliDir = resolve(import.meta.dirname, '..');
const examplePlan = resolve(cliDir, '../../../shared/examples/plan.yaml');
const work = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
const app = join(work, 'app');
// Only this Node on the PATH first, and npm told to stay offline with a cache of its own.
const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))); // pnpm's own settings
const env = { ...inherited, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

let tarball = '';

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: cliDir, env, timeout: 60_000 });
  tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
  mkdirSync(app);
  writeFileSync(join(app, 'plan.yaml'), readFileSync(examplePlan));
  await run('npm', ['install', tarball], { cwd: app, env, timeout: 60_000 });
}, 60_000);

describe('the packed CLI', () => {
  it('is named headroom-cli-<version>.tgz and installs nothing but itself, as JavaScript', () => {
    expect(tarball).toMatch(/headroom-cli-\d+\.\d+\.\d+\.tgz$/);
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@headroom']);
    const files = readdirSync(join(app, 'node_modules/@headroom/cli'), { recursive: true }).map(String);
    expect(files.filter((file) => /\.(ts|tsx)$/.test(file))).toEqual([]);
    expect(files).toContain(join('dist', 'headroom.mjs'));
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/@headroom/cli/package.json'), 'utf8')) as { dependencies?: object };
    expect(manifest.dependencies).toBeUndefined();
  });

  it('runs as npx headroom size with plain Node, and sizes as the model does', async () => {
    const { stdout, stderr } = await run('npx', ['--no', 'headroom', 'size', 'plan.yaml', '--json'], { cwd: app, env, timeout: 60_000 });
    expect(stderr).toBe('');
    const parsed = parsePlan(readFileSync(examplePlan, 'utf8'), 'plan.yaml');
    if (!parsed.ok) throw parsed.error;
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(sizePlan(parsed.plan))));
  });

  it('generates a kit whose exporter bundle is the one the tarball ships, and names a bad plan without a stack trace', async () => {
    const bin = join(app, 'node_modules/.bin/headroom');
    await run(bin, ['generate', 'plan.yaml', '--out', 'kit'], { cwd: app, env, timeout: 60_000 });
    const shipped = readFileSync(join(app, 'node_modules/@headroom/cli/dist/headroom-exporter.mjs'), 'utf8');
    expect(readFileSync(join(app, 'kit/exporter/headroom-exporter.mjs'), 'utf8')).toBe(shipped);
    // The same bytes the sources build (what the calculator's zip and `pnpm headroom` carry).
    expect(shipped).toBe(await buildExporterBundle());
    expect(readFileSync(join(app, 'kit/exporter/Dockerfile'), 'utf8')).toMatch(/^FROM node:20-alpine$/m);
    expect(readdirSync(join(app, 'kit/alerts')).some((file) => file.endsWith('.rules.yaml'))).toBe(true);

    writeFileSync(join(app, 'bad.yaml'), readFileSync(examplePlan, 'utf8').replace('peakRequestsPerSecond: 400', 'peakRequestsPerSecond: -5'));
    const failed = await run(bin, ['size', 'bad.yaml'], { cwd: app, env }).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/bad\.yaml:\d+(:\d+)?: spec\.workloads\[1\]\.traffic\.peakRequestsPerSecond/);
    expect(failed?.stderr).not.toMatch(/^\s{4}at /m);
  });

  it('serves the plan behind basic auth (bcrypt on its worker thread, loaded from the packed chunks)', async () => {
    writeFileSync(join(app, 'web.yml'), `basic_auth_users:\n  prometheus: '${bcrypt.hashSync('s3cret', 4)}'\n`);
    const port = await freePort();
    const child = spawn(join(app, 'node_modules/.bin/headroom'), ['serve', 'plan.yaml', '--port', String(port), '--host', '127.0.0.1', '--web-config', 'web.yml'], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    try {
      const url = `http://127.0.0.1:${port}/metrics`;
      const get = (password: string) => fetch(url, { headers: { authorization: `Basic ${Buffer.from(`prometheus:${password}`).toString('base64')}` } });
      const deadline = Date.now() + 20_000;
      let status = 0;
      while (Date.now() < deadline && status === 0) status = await get('s3cret').then((r) => r.status, () => 0);
      expect(status, stderr).toBe(200);
      expect((await get('wrong')).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
