/**
 * bcrypt comparisons on a worker thread, so the exporter's event loop (/healthz, cached scrapes)
 * never waits for one. bcryptjs is pure JavaScript: at cost 10 a comparison holds its thread for
 * 100 ms or more, and its async API yields only every 100 ms (bcryptjs MAX_EXECUTION_TIME), which
 * is still a 100 ms stall for every request queued behind it.
 *
 * The worker runs this very module: in the source tree (tsx, vitest) and in every esbuild bundle
 * (the exporter bundle, the packed CLI) `import.meta.url` names the file that holds this code, and
 * the top-level branch below turns that file into the worker when it is loaded with WORKER_ROLE.
 * Entry points that bundle this module run their main code only on the main thread.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

const WORKER_ROLE = 'headroom-bcrypt-verifier';

interface CompareRequest { id: number; password: string; hash: string | undefined; cost: number }
interface CompareAnswer { id: number; match: boolean }

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) serveComparisons();

function serveComparisons(): void {
  /** cost → a hash of a random password, compared against for unknown users. */
  const dummyHashes = new Map<number, string>();
  parentPort!.on('message', ({ id, password, hash, cost }: CompareRequest) => {
    let target = hash;
    if (target === undefined) {
      target = dummyHashes.get(cost) ?? bcrypt.hashSync(randomBytes(18).toString('base64'), cost);
      dummyHashes.set(cost, target);
    }
    let match = false;
    try {
      match = bcrypt.compareSync(password, target) && hash !== undefined;
    } catch {
      match = false; // a hash bcryptjs cannot read never matches
    }
    parentPort!.postMessage({ id, match } satisfies CompareAnswer);
  });
}

/**
 * A worker thread running the module at `url`. From the TypeScript source (tests, `pnpm headroom`)
 * it registers tsx's loader first: Node 20 does not apply `--import` in a worker's execArgv.
 */
function workerFrom(url: string, data: unknown): Worker {
  if (!url.endsWith('.ts')) return new Worker(fileURLToPath(url), { workerData: data });
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  return new Worker(`require(${JSON.stringify(tsxApi)}).register(); import(${JSON.stringify(url)});`, { eval: true, workerData: data });
}

/** One worker thread comparing passwords one at a time, in the order asked. */
export class BcryptWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (match: boolean) => void; reject: (error: Error) => void }>();

  /**
   * Whether `password` matches `hash`. With `hash` undefined (an unknown user) it does the same
   * work against a dummy hash of `cost` and resolves false, so timing does not reveal users.
   */
  compare(password: string, hash: string | undefined, cost: number): Promise<boolean> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, password, hash, cost } satisfies CompareRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = workerFrom(import.meta.url, { role: WORKER_ROLE });
    worker.unref();
    worker.on('message', ({ id, match }: CompareAnswer) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      waiting?.resolve(match);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined; // the next comparison starts a new worker
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the bcrypt worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
