/**
 * The exporter/ part of the kit: the plan exporter as one JavaScript file with no runtime
 * dependencies (bundled and minified by esbuild from bin.ts), the plan, and a Dockerfile, so it
 * runs as its own container. Build-time tooling (Node only): the CLI calls it for `generate`, the
 * web build for the calculator's zip. @headroom/observe stays free of it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export { exporterFiles } from './bundle-files.ts';

const ENTRY = fileURLToPath(new URL('./bin.ts', import.meta.url));
const BUNDLE = 'headroom-exporter.mjs';

export async function exporterBundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    write: false,
    // prom-client and bcryptjs are CommonJS and call require() for Node built-ins.
    banner: { js: "import { createRequire as __headroomRequire } from 'node:module'; const require = __headroomRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
