/**
 * Starts the plan worker (plan.worker.ts, bundled by Vite as its own chunk, loaded only when a
 * calculator starts). A worker must come from the page's origin: when embed.js is served from
 * another origin (a CDN), the worker is started from a same-origin blob module that imports it
 * (which needs the same CORS headers embed.js needs anyway). Undefined when no worker can run here;
 * the evaluator then sizes in the page's thread.
 */
import planWorkerUrl from './plan.worker.ts?worker&url';
import type { PlanWorkerPort } from './worker-evaluator.ts';

export function startPlanWorker(): PlanWorkerPort | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const url = new URL(planWorkerUrl, import.meta.url).href;
  try {
    return new Worker(url, { type: 'module', name: 'headroom-plan' });
  } catch {
    try {
      const loader = URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
      return new Worker(loader, { type: 'module', name: 'headroom-plan' });
    } catch {
      return undefined;
    }
  }
}
