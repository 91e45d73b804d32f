/**
 * The exporter/ part of the kit: the plan exporter as one JavaScript file with no runtime
 * dependencies (bundled and minified by esbuild from bin.ts), the plan, and a Dockerfile, so it
 * runs as its own container. Build-time tooling (Node only): the CLI calls it for `generate`, the
 * web build for the calculator's zip. @headroom/observe stays free of it.
 *
 * The packed CLI carries the bundle prebuilt beside its own code (apps/cli/build.ts writes
 * dist/headroom-exporter.mjs), so an installed `headroom generate` needs neither esbuild nor the
 * TypeScript sources; only from the source tree (tests, the web build) is it built on demand.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export { exporterFiles } from './bundle-files.ts';

export const EXPORTER_BUNDLE_FILE = 'headroom-exporter.mjs';
const ENTRY = fileURLToPath(new URL('./bin.ts', import.meta.url));

/** esbuild settings for a self-contained ES module run by Node 20: the exporter's and the CLI's. */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  // prom-client and bcryptjs are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __headroomRequire } from 'node:module'; const require = __headroomRequire(import.meta.url);" },
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** The exporter bundle: the prebuilt file beside this code when there is one, else built now. */
export async function exporterBundle(): Promise<string> {
  if (!import.meta.url.endsWith('.ts')) return readFile(join(dirname(fileURLToPath(import.meta.url)), EXPORTER_BUNDLE_FILE), 'utf8');
  return buildExporterBundle();
}

/** Builds the bundle from the TypeScript sources with esbuild (the packed CLI carries a stub of it). */
export async function buildExporterBundle(): Promise<string> {
  const result = await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: [ENTRY], write: false });
  return result.outputFiles[0]!.text;
}
