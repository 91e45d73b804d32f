/**
 * A node:http handler that serves a registry in the Prometheus text format: GET and HEAD answer
 * with the registry's content type, other methods 405. Routing is the caller's, e.g.
 * `if (pathOf(req.url) === '/metrics') return serveMetrics(req, res)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What is read from a prom-client Registry (either content type). */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export function metricsHandler(registry: MetricsSource): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(body) });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`Collecting metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );
  };
}
