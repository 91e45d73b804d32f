/**
 * The calculator's production build for the browser tests: build `apps/web` once (the same
 * `vite build` as `pnpm start`, into a private folder so a concurrent `pnpm start` or build of
 * apps/web/dist cannot empty it mid-test), then serve it from a tiny static server on a free port
 * on 127.0.0.1 (what `vite preview` serves, without a second process to start and stop).
 *
 * `HEADROOM_E2E_DIST=apps/web/dist` (any folder holding a build) serves that build instead of building.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The build the tests serve: HEADROOM_E2E_DIST when given, else a fresh build in .tmp/ (gitignored). */
export const WEB_DIST = process.env.HEADROOM_E2E_DIST ? resolve(ROOT, process.env.HEADROOM_E2E_DIST) : join(ROOT, '.tmp/e2e-web-dist');

const run = promisify(execFile);

/**
 * Builds the calculator into `dist` (WEB_DIST by default; each test file passes its own folder, as
 * test files run in parallel), unless HEADROOM_E2E_DIST names an existing build.
 */
export async function buildWeb(dist: string = WEB_DIST): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  if (process.env.HEADROOM_E2E_DIST) {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`HEADROOM_E2E_DIST=${process.env.HEADROOM_E2E_DIST}: no index.html in ${WEB_DIST}`);
    return { built: false, ms: 0 };
  }
  // Vitest sets NODE_ENV=test; passed on, it would make Vite bundle React's development build.
  const { NODE_ENV: _testEnv, ...env } = process.env;
  await run('pnpm', ['--filter', '@headroom/web', 'build', '--outDir', dist, '--emptyOutDir'], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the web build wrote no ${join(dist, 'index.html')}`);
  return { built: true, ms: performance.now() - started };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 on a free port; `/` is index.html. `pages` adds HTML pages by path
 * (host pages a test writes, kept out of the build folder). Resolves once it answers.
 */
export async function serveStatic(dir: string = WEB_DIST, pages: Record<string, string> = {}): Promise<StaticServer> {
  const rootDir = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        const page = pages[pathname];
        if (page !== undefined) {
          res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-store' }).end(page);
          return;
        }
        const file = normalize(join(rootDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
        if (file !== rootDir && !file.startsWith(rootDir + sep)) {
          res.writeHead(403).end();
          return;
        }
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the static server at ${url} answered ${response.status}`);
  await response.arrayBuffer();
  return {
    url,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
