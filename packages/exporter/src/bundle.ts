/**
 * The exporter/ part of the kit: the plan exporter as one JavaScript file with no runtime
 * dependencies (bundled and minified by esbuild from bin.ts), the plan, and a Dockerfile, so it
 * runs as its own container. Build-time tooling (Node only): the CLI calls it for `generate`, the
 * web build for the calculator's zip. @headroom/observe stays free of it.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

export function exporterFiles(bundle: string, planText: string, port: number): { path: string; contents: string }[] {
  const dockerfile = `# The Headroom plan exporter: one bundled script, no dependencies. Build and run:
#   docker build -t headroom-exporter . && docker run -p ${port}:${port} headroom-exporter
# Kubernetes (kubernetes/exporter.yaml) mounts the plan at /etc/headroom/plan.yaml instead.
FROM node:20-alpine
WORKDIR /app
COPY ${BUNDLE} plan.yaml ./
USER node
EXPOSE ${port}
ENTRYPOINT ["node", "/app/${BUNDLE}"]
CMD ["serve", "/app/plan.yaml", "--port", "${port}"]
`;
  return [
    { path: `exporter/${BUNDLE}`, contents: bundle },
    { path: 'exporter/plan.yaml', contents: planText },
    { path: 'exporter/Dockerfile', contents: dockerfile },
  ];
}
