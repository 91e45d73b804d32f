import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { build, defineConfig, runnerImport, type InlineConfig, type Plugin } from 'vite';
import { EXPORTER_ASSET } from './src/kit/exporter-asset.ts';

/**
 * The plan exporter bundle for the kit's zip, built by the same exporterBundle() call as
 * `headroom generate` (esbuild, Node only): emitted as a static file beside the page at build
 * time, and built fresh on request by the dev server. The module is TypeScript in a workspace
 * package, which Node 20 cannot import and the config bundler leaves external, so it is loaded
 * through Vite's module runner when needed.
 */
async function exporterBundle(): Promise<string> {
  const { module } = await runnerImport<typeof import('@headroom/exporter/bundle')>('@headroom/exporter/bundle', { configFile: false, logLevel: 'warn' });
  return module.exporterBundle();
}

function exporterBundleAsset(): Plugin {
  return {
    name: 'headroom-exporter-bundle',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // Any folder: the page's (the app) or embed.ts's source folder (an embed in dev).
        if (!req.url?.split('?')[0]?.endsWith(`/${EXPORTER_ASSET}`)) return next();
        exporterBundle().then(
          (bundle) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.end(bundle);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: EXPORTER_ASSET, source: await exporterBundle() });
    },
  };
}

/**
 * The embed renders with Preact's React-compatible layer instead of React DOM: the element keeps its
 * renderer private inside its shadow root, and React DOM alone (~65 KB gzip) would take nearly half
 * of embed.js's 150 KB budget, where preact/compat costs ~5 KB. The app keeps React; the same
 * components run on both, and the embed's Chromium tests exercise them under Preact.
 */
const preactCompat = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];

/**
 * embed.js, the <headroom-calculator> module, as its own build: one file holding everything the
 * element needs before charts load (charts and the kit stay lazy chunks in embed-assets/), under a
 * fixed name so hosts can link it. Built after the pages, into the same folder; the pages load it
 * with <script vite-ignore>, and the dev server maps /embed.js to its source.
 */
function embedConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: import.meta.dirname,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: preactCompat },
    // The plan worker (src/state/plan.worker.ts) is an ES module worker, emitted beside the chunks.
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: { embed: resolve(import.meta.dirname, 'src/embed/embed.ts') },
        output: { entryFileNames: 'embed.js', chunkFileNames: 'embed-assets/[name]-[hash].js' },
      },
    },
  };
}

function embedModule(): Plugin {
  let outDir = '';
  return {
    name: 'headroom-embed-module',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/embed.js') return next();
        res.writeHead(302, { Location: '/src/embed/embed.ts' }).end();
      });
    },
    async closeBundle() {
      await build(embedConfig(outDir));
    },
  };
}

/**
 * A Content-Security-Policy for the built pages, as a <meta> tag (the pages are static files, served
 * by hosts whose headers we do not control; `frame-ancestors` cannot be set this way, and the embed
 * page must be framable anyway). Scripts only from the page's own origin, no plugins, no <base>
 * hijack; inline styles stay allowed (the charts and the shadow root's sheet). The embed page may
 * fetch a plan from the embedding page's origin (frame.ts checks which), so its connect-src is open.
 * Build only: the dev server injects inline scripts (React refresh) that the policy would block.
 * Not on embedding.html, whose inline scripts show what a host page writes.
 */
const BASE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'headroom-content-security-policy',
    apply: 'build',
    transformIndexHtml(html, context) {
      // The embedding example shows hosts' own inline scripts; it is a demonstration, not the app.
      if (context.filename.endsWith('embedding.html')) return html;
      const connect = context.filename.endsWith('embed.html') ? 'connect-src *' : "connect-src 'self'";
      return { html, tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: `${BASE_CSP}; ${connect}` }, injectTo: 'head-prepend' }] };
    },
  };
}

/** Modules of @headroom/model that are data and small helpers, free of zod (see the chunk group below). */
const MODEL_DATA = /packages\/model\/src\/(units|catalog\/(gpus|instance-types|model-presets|assumptions|names|types)|presets\/[\w-]+|schema\/(limits|text-checks))\.ts$/;

/**
 * The calculator: static files in dist/, served by `vite preview` (root `pnpm start`). Pages: the
 * app (index.html), the iframe embed (embed.html) and the embedding example (embedding.html); then
 * embed.js (embedModule).
 */
export default defineConfig({
  plugins: [react(), exporterBundleAsset(), embedModule(), contentSecurityPolicy()],
  base: './',
  // The plan worker (src/state/plan.worker.ts): an ES module worker, its own chunk, not initial JS.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: 'index.html',
        frame: 'embed.html',
        example: 'embedding.html',
      },
      // The model's catalogs, presets and units (plain data, no zod) in a chunk of their own: the
      // page needs them at once (the form's menus, the default plan), while the schema and the
      // sizing they share a module graph with load later (the form, the in-thread fallback).
      // Without this group the bundler puts them in one shared chunk with zod and every kind.
      output: { codeSplitting: { groups: [{ name: 'model-data', test: MODEL_DATA }] } },
    },
    // Recharts and the kit generators are large lazy chunks; the gzip budgets are tracked in docs/benchmarks.md.
    chunkSizeWarningLimit: 2000,
  },
  preview: { host: '127.0.0.1' },
});
