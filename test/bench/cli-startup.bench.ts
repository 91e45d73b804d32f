/**
 * CLI start-up benchmark (issue 17): whole processes, wall time, side by side. Each round runs,
 * in turn: `node -e 0` (the floor), the installed binary (`npm pack` of apps/cli installed into an
 * empty folder, `node_modules/.bin/headroom size plan.yaml`), the repository's launcher alone
 * (`node apps/cli/launch.mjs size plan.yaml`), `pnpm -s headroom size plan.yaml` from the
 * repository root, `pnpm --version` (pnpm's own start-up) and `pnpm -s exec node -e 0` (pnpm
 * starting a process in the workspace, the least a `pnpm <script>` can cost). Rounds interleave the commands so a
 * busy machine slows them alike. Prints median and p90 per command and the ratios the targets
 * name: installed binary at most 3x `node -e 0`; `pnpm -s headroom size` at most pnpm's start-up
 * plus that. Asserts nothing.
 * Run: `pnpm bench:cli [--rounds 15]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const examplePlan = resolve(root, '../shared/examples/plan.yaml');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, not ${values.rounds}`);

const work = mkdtempSync(join(tmpdir(), 'headroom-startup-'));
try {
  // npm's own variables from `pnpm bench:cli` would make npm warn; the install needs no network.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const npmEnv = { ...env, npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const tarball = execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: join(root, 'apps/cli'), env: npmEnv, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const app = join(work, 'app');
  mkdirSync(app);
  execFileSync('npm', ['install', join(work, tarball)], { cwd: app, env: npmEnv, stdio: 'ignore' });
  writeFileSync(join(app, 'plan.yaml'), readFileSync(examplePlan));

  const commands: { name: string; file: string; args: string[]; cwd: string }[] = [
    { name: 'node -e 0', file: process.execPath, args: ['-e', '0'], cwd: app },
    { name: 'installed: headroom size', file: join(app, 'node_modules/.bin/headroom'), args: ['size', 'plan.yaml'], cwd: app },
    { name: 'repo: node apps/cli/launch.mjs size', file: process.execPath, args: ['apps/cli/launch.mjs', 'size', examplePlan], cwd: root },
    { name: 'repo: pnpm -s headroom size', file: 'pnpm', args: ['-s', 'headroom', 'size', examplePlan], cwd: root },
    { name: 'pnpm --version', file: 'pnpm', args: ['--version'], cwd: root },
    { name: 'pnpm -s exec node -e 0', file: 'pnpm', args: ['-s', 'exec', 'node', '-e', '0'], cwd: root },
  ];
  // One untimed run each: builds apps/cli/dist if the sources changed, warms the file cache.
  for (const command of commands) execFileSync(command.file, command.args, { cwd: command.cwd, env, stdio: 'ignore' });

  const samples = new Map(commands.map((command) => [command.name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const command of commands) {
      const start = performance.now();
      execFileSync(command.file, command.args, { cwd: command.cwd, env, stdio: 'ignore' });
      samples.get(command.name)!.push(performance.now() - start);
    }
  }

  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const median = (name: string) => at([...samples.get(name)!].sort((a, b) => a - b), 0.5);
  console.log(`node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}); ${rounds} interleaved rounds; wall time per process`);
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const command of commands) {
    const sorted = [...samples.get(command.name)!].sort((a, b) => a - b);
    console.log(`${command.name.padEnd(width)}  median ${at(sorted, 0.5).toFixed(0).padStart(5)} ms  p90 ${at(sorted, 0.9).toFixed(0).padStart(5)} ms  min ${sorted[0]!.toFixed(0).padStart(5)} ms`);
  }
  const node = median('node -e 0');
  const installed = median('installed: headroom size');
  const pnpmStart = median('pnpm --version');
  const repo = median('repo: pnpm -s headroom size');
  console.log(`installed binary / node -e 0: ${(installed / node).toFixed(2)}x (target: at most 3x)`);
  console.log(`pnpm -s headroom size: ${repo.toFixed(0)} ms against pnpm's start-up + 3x node -e 0 = ${(pnpmStart + 3 * node).toFixed(0)} ms (target: at most that)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
