/**
 * `pnpm headroom` in the repository: runs the built CLI (apps/cli/dist, plain JavaScript, as the
 * packed tarball ships it), first rebuilding it when any file it is built from is newer than the
 * build. Compiling TypeScript on every run (tsx) cost about 2.5 s of a 3 s run; checking the
 * sources' modification times costs milliseconds, and a rebuild (about a second) happens once per
 * change. Concurrent runs build once: the first takes a lock, the others wait for its build.
 * Silent unless the build fails, so `pnpm -s headroom size --json` prints only the JSON.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { acquireBuildLock, LOCK_HELD_ENV } from './build-lock.mjs';

const cliDir = dirname(fileURLToPath(import.meta.url));
const root = join(cliDir, '../..');
const entry = join(cliDir, 'dist/headroom.mjs');
/** What the build reads: the CLI and the workspace packages it bundles, the build itself, the lockfile. */
const SOURCES = ['apps/cli/src', 'apps/cli/build.ts', 'apps/cli/package.json', 'packages/model/src', 'packages/observe/src', 'packages/exporter/src', 'pnpm-lock.yaml'];

/** The newest modification time under `path` (tests excluded: they are not built), or 0. */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.includes('.test.') || entry.name === '__golden__') continue;
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

function stale() {
  let built;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newest(join(root, source)) > built);
}

function build() {
  const tsx = import.meta.resolve('tsx');
  const result = spawnSync(process.execPath, ['--import', tsx, join(cliDir, 'build.ts')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, [LOCK_HELD_ENV]: '1' } });
  if (result.status !== 0) {
    process.stderr.write(`headroom: building apps/cli/dist failed:\n${result.stdout}${result.stderr}`);
    process.exit(70);
  }
}

if (stale()) {
  const release = acquireBuildLock();
  try {
    if (stale()) build(); // another process may have built it while this one waited
  } finally {
    release();
  }
}
await import(pathToFileURL(entry).href);
