/**
 * The exporter bundle the kit's zip ships as exporter/headroom-exporter.mjs. The browser cannot
 * run esbuild, so vite.config.ts builds the bundle at build time (exporterBundle(), the same call
 * `headroom generate` makes) and emits it at this path beside the page; the dev server serves it
 * fresh. The kit panel fetches it only when a zip is made.
 */
export const EXPORTER_ASSET = 'exporter/headroom-exporter.mjs';

/**
 * Fetches the bundle built beside the calculator. `buildBase` is the URL of the build's folder: the
 * page's for the app (index.html sits there), embed.js's own for an embed, whose host page can be
 * anywhere.
 */
export async function fetchExporterBundle(buildBase: string = document.baseURI): Promise<string> {
  const response = await fetch(new URL(EXPORTER_ASSET, buildBase));
  if (!response.ok) throw new Error(`could not load the exporter bundle (${EXPORTER_ASSET}: HTTP ${response.status})`);
  return response.text();
}
