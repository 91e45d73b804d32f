/**
 * Grafana interpolates `$name`, `${name}` and `[[name]]` in every query before it reaches
 * Prometheus, and has no escape for a literal `$` (Grafana docs, "Variable syntax"). A pod regex
 * from the plan may hold either (`chat-.*$`, `price\$`, `[[a]]`), so dashboards carry it rewritten
 * into an RE2 pattern that matches the same pod names without those sequences: an anchor `$`
 * becomes `\z` (the same on a pod name, which holds no line break, and Prometheus anchors the
 * whole regex anyway), a literal `$` or `[` becomes `\x24` or `\x5b`, and `\Q...\E` quoting is
 * spelled out with escapes. Alert rules are not interpolated and keep the regex as written.
 */
import type { WorkloadContext } from '../workloads.ts';

const LITERAL_ESCAPES: Record<string, string> = { $: '\\x24', '[': '\\x5b' };

/** A literal character as an RE2 escape-safe piece. */
function literal(c: string): string {
  return LITERAL_ESCAPES[c] ?? (/[.*+?^{}()|\]\\]/.test(c) ? `\\${c}` : c);
}

/** `regex` without `$` or `[[`, matching the same pod names (for a regex the plan accepted as RE2). */
export function grafanaSafeRegex(regex: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '\\') {
      const next = regex[i + 1];
      if (next === 'Q') {
        const end = regex.indexOf('\\E', i + 2);
        const quoted = regex.slice(i + 2, end === -1 ? regex.length : end);
        out += [...quoted].map(literal).join('');
        i = end === -1 ? regex.length : end + 1;
        continue;
      }
      out += next === '$' || next === '[' ? LITERAL_ESCAPES[next] : `\\${next ?? ''}`;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      // A POSIX class [:name:] inside a class stays: "[[:" is no Grafana variable.
      if (c === '[' && regex[i + 1] === ':') {
        const close = regex.indexOf(':]', i + 2);
        out += regex.slice(i, close + 2);
        i = close + 1;
        continue;
      }
      out += c === '$' || c === '[' ? LITERAL_ESCAPES[c] : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (regex[i + 1] === '^') { out += '^'; i++; }
      // A "]" right after "[" or "[^" is a member, not the end.
      if (regex[i + 1] === ']') { out += ']'; i++; }
      continue;
    }
    out += c === '$' ? '\\z' : c;
  }
  return out;
}

/** The workload's context with its pod regex safe from Grafana's interpolation. */
export function withGrafanaSafeRegex(context: WorkloadContext): WorkloadContext {
  const { podRegex } = context.target;
  // Without match.pod, pods are found by owner and no regex reaches the dashboards.
  return podRegex === undefined ? context : { ...context, target: { ...context.target, podRegex: grafanaSafeRegex(podRegex) } };
}
