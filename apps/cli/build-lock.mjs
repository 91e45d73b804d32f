/**
 * One build of apps/cli/dist at a time in a checkout: `pnpm headroom` (launch.mjs) and `npm pack`
 * (build.ts) both take this lock, a directory holding the builder's pid. A lock left by a process
 * that died is taken over. HEADROOM_BUILD_LOCK_HELD tells a build started by the lock's holder
 * that it already has it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lock = join(dirname(fileURLToPath(import.meta.url)), 'dist.lock');
const WAIT_MS = 120_000;
export const LOCK_HELD_ENV = 'HEADROOM_BUILD_LOCK_HELD';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock, waiting while another live process holds it; returns its release. */
export function acquireBuildLock() {
  if (process.env[LOCK_HELD_ENV] === '1') return () => {};
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) rmSync(lock, { recursive: true, force: true });
    else sleep(50);
  }
  throw new Error(`waited ${WAIT_MS / 1000} s for another build of apps/cli/dist (remove ${lock} if none runs)`);
}
