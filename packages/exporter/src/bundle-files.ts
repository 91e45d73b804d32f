/**
 * The exporter/ files of the kit from a built bundle: the bundle itself, the plan, and a
 * Dockerfile. Pure and browser-safe (no esbuild, no Node built-ins), so the calculator builds the
 * same files for its zip; bundle.ts re-exports it for the CLI.
 */
const BUNDLE = 'headroom-exporter.mjs';

export function exporterFiles(bundle: string, planText: string, port: number): { path: string; contents: string }[] {
  const dockerfile = `# The Headroom plan exporter: one bundled script, no dependencies (the same file as
# dist/${BUNDLE} in the packed headroom CLI, npm pack in apps/cli). Build and run:
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
