import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The calculator SPA: static files in dist/, served by `vite preview` (root `pnpm start`). */
export default defineConfig({
  plugins: [react()],
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
