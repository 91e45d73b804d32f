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
        if (req.url?.split('?')[0] !== `/${EXPORTER_ASSET}`) return next();
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
 * The calculator: static files in dist/, served by `vite preview` (root `pnpm start`). Pages: the
 * app (index.html), the iframe embed (embed.html) and the embedding example (embedding.html); then
 * embed.js (embedModule).
 */
export default defineConfig({
  plugins: [react(), exporterBundleAsset(), embedModule()],
  base: './',
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
    },
    // mathjs (in @headroom/model) makes the model chunk large; the 200 KB gzip budget is tracked in docs/benchmarks.md.
    chunkSizeWarningLimit: 2000,
  },
  preview: { host: '127.0.0.1' },
});
