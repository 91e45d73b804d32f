/**
 * One browser-test file's setup: the production build (built into `dist`), a static server for it
 * on loopback, and headless Chromium. Pages open in fresh contexts (their own storage, so only the
 * URL carries a plan) and every uncaught page error is collected for the tests to assert on.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { buildWeb, serveStatic, type StaticServer } from './server.ts';

type Viewport = { width: number; height: number };

export class BrowserSession {
  readonly pageErrors: string[] = [];
  readonly #contexts: BrowserContext[] = [];

  private constructor(
    readonly server: StaticServer,
    readonly browser: Browser,
    /** What preparing the build took (nothing when HEADROOM_E2E_DIST names one). */
    readonly build: { built: boolean; ms: number },
  ) {}

  /** Builds into `dist` (see buildWeb), serves it with the extra `pages`, launches Chromium. */
  static async start(dist: string, pages: Record<string, string> = {}): Promise<BrowserSession> {
    const build = await buildWeb(dist);
    const server = await serveStatic(dist, pages);
    const browser = await launchChromium();
    return new BrowserSession(server, browser, build);
  }

  /**
   * A page in a fresh context, not yet navigated (to listen before it loads). `bypassCSP` lets a
   * test inject a script of its own (axe-core) past the built pages' Content-Security-Policy.
   */
  async newPage(viewport: Viewport = { width: 1440, height: 900 }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport, deviceScaleFactor: 1, bypassCSP: options.bypassCSP ?? false });
    this.#contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  /** A page in a fresh context at `path` (relative to the server's root). */
  async open(path: string, viewport?: Viewport, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const page = await this.newPage(viewport, options);
    await page.goto(this.server.url + path);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.#contexts) await context.close().catch(() => undefined);
    await this.browser.close();
    await this.server.close();
  }
}

/**
 * One test file's session, started before its tests and closed after them; each test's pages close
 * when it ends (a calculator left open keeps re-rendering on a shared machine). `screens`: a folder
 * the tests write screenshots to, created first. Returns the running session.
 */
export function fileSession(dist: string, options: { setupTimeoutMs: number; screens?: string }): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await BrowserSession.start(dist);
    if (options.screens) mkdirSync(options.screens, { recursive: true });
  }, options.setupTimeoutMs);
  afterAll(() => session?.close(), options.setupTimeoutMs);
  afterEach(async () => {
    for (const context of session?.browser.contexts() ?? []) await context.close();
  });
  return () => {
    if (!session) throw new Error('the browser session has not started');
    return session;
  };
}
