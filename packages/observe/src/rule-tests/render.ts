/** Alert annotations as Prometheus renders them, so the generated tests can expect them exactly. */
import { humanize } from '../rules/humanize.ts';

/** The description exactly as Prometheus renders it (humanize on the observed and planned values). */
export function renderDescription(template: string, labels: Record<string, string>, observed: number, planned: number | undefined): string {
  return template
    .replace(/\{\{ with printf .*? \| query \}\}\{\{ \. \| first \| value \| humanize \}\}\{\{ end \}\}/, planned === undefined ? '' : humanize(planned))
    .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')
    .replaceAll('{{ $value | humanize }}', humanize(observed))
    .replaceAll('{{ $value | humanizePercentage }}', `${humanize(observed * 100).replace(/[kMGTPEZYmunpfazy]$/, '')}%`);
}
