/**
 * A scrape's past, for backfilling: the Prometheus text a target serves now, repeated as
 * OpenMetrics samples with timestamps (as `promtool tsdb create-blocks-from openmetrics` reads
 * them), each series with the labels a scrape adds (job, instance). For targets whose series are
 * constant, such as the plan exporter, this is exactly the history a long-running scrape would hold.
 */
type Labels = Record<string, string>;

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** OpenMetrics samples (without the closing `# EOF`) of every series in `text` at each step from `from` to `until` (Unix seconds). */
export function constantHistory(text: string, options: { from: number; until: number; stepSeconds: number; labels: Labels }): string {
  const extra = Object.entries(options.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
  const times: number[] = [];
  for (let t = options.from; t <= options.until; t += options.stepSeconds) times.push(Math.round(t * 1000) / 1000);
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line of the text format: ${line}`);
    const [, name, labels, value] = match;
    const series = `${name}{${labels ? `${labels},${extra}` : extra}}`;
    for (const t of times) lines.push(`${series} ${value} ${t}`);
  }
  return lines.join('\n');
}
