/** The exporter bundle runs on its own: no node_modules beside it, a real HTTP scrape, clean stop. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { exporterBundle, exporterFiles } from './bundle.ts';

const examplePlan = resolve(import.meta.dirname, '../../../../shared/examples/plan.yaml');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('exporter bundle', () => {
  it('is deterministic, serves the plan from a directory with nothing else in it behind basic auth, reloads on SIGHUP and survives a hostile plan', async () => {
    const bundle = await exporterBundle();
    expect(await exporterBundle()).toBe(bundle);
    const dir = mkdtempSync(join(tmpdir(), 'exporter-bundle-'));
    for (const file of exporterFiles(bundle, readFileSync(examplePlan, 'utf8'), 9464)) writeFileSync(join(dir, file.path.replace('exporter/', '')), file.contents);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/ENTRYPOINT \["node", "\/app\/headroom-exporter\.mjs"\]/);
    writeFileSync(join(dir, 'web.yml'), `basic_auth_users:\n  prometheus: '${bcrypt.hashSync('s3cret', 4)}'\n`);
    const authorization = `Basic ${Buffer.from('prometheus:s3cret').toString('base64')}`;
    const port = await freePort();
    const child = spawn(process.execPath, ['headroom-exporter.mjs', 'serve', 'plan.yaml', '--port', String(port), '--host', '127.0.0.1', '--web-config', 'web.yml'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    try {
      const deadline = Date.now() + 15_000;
      let body = '';
      while (Date.now() < deadline) {
        try { body = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization } })).text(); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
      }
      expect(body, stderr).toContain('headroom_plan_info{plan="chat-assistant"');
      // SIGHUP re-reads the plan now (the file did not change, so only the signal can cause it).
      child.kill('SIGHUP');
      const reloaded = Date.now() + 10_000;
      while (!stderr.includes('loaded plan chat-assistant') && Date.now() < reloaded) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain('loaded plan chat-assistant');
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Basic cHJvbWV0aGV1czp3cm9uZw==' } })).status).toBe(401);
      // An alias bomb in the plan: logged, the old plan keeps serving, the process keeps running.
      writeFileSync(join(dir, 'plan.yaml'), `${readFileSync(examplePlan, 'utf8')}x: &a [1]\n${Array.from({ length: 150 }, (_, i) => `x${i}: *a`).join('\n')}\n`);
      child.kill('SIGHUP');
      const kept = Date.now() + 10_000;
      while (!stderr.includes('keeping the previous plan') && Date.now() < kept) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain('keeping the previous plan');
      const after = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization } })).text();
      expect(after).toContain('headroom_exporter_plan_last_reload_successful{plan="chat-assistant"} 0');
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('headroom serve: stopped');
  });
});
