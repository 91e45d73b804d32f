/**
 * The exporter bundle the kit's zip ships as exporter/headroom-exporter.mjs. The browser cannot
 * run esbuild, so vite.config.ts builds the bundle at build time (exporterBundle(), the same call
 * `headroom generate` makes) and emits it at this path beside the page; the dev server serves it
 * fresh. The kit panel fetches it only when a zip is made.
 */
export const EXPORTER_ASSET = 'exporter/headroom-exporter.mjs';

/** Fetches the bundle built with the page (relative to the page, as the build uses base './'). */
export async function fetchExporterBundle(): Promise<string> {
  const response = await fetch(new URL(EXPORTER_ASSET, document.baseURI));
  if (!response.ok) throw new Error(`could not load the exporter bundle (${EXPORTER_ASSET}: HTTP ${response.status})`);
  return response.text();
}
