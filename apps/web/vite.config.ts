import react from '@vitejs/plugin-react';
import { defineConfig, runnerImport, type Plugin } from 'vite';
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

/** The calculator SPA: static files in dist/, served by `vite preview` (root `pnpm start`). */
export default defineConfig({
  plugins: [react(), exporterBundleAsset()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // mathjs (in @headroom/model) makes the model chunk large; the 200 KB gzip budget is tracked in docs/benchmarks.md.
    chunkSizeWarningLimit: 2000,
  },
  preview: { host: '127.0.0.1' },
});
