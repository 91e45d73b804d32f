/**
 * Bounded label values for the request metrics: HTTP methods outside the standard set become
 * `other`, status codes collapse to their class, and a request the client abandoned before the
 * response was written is `aborted`.
 */

const STANDARD_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export const OTHER = 'other';

/** The `method` label: the upper-case standard method, or `other`. */
export function methodLabel(method: string | undefined): string {
  const upper = method?.toUpperCase();
  return upper !== undefined && STANDARD_METHODS.has(upper) ? upper : OTHER;
}

export type CodeLabel = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'aborted' | 'other';

/** What became of a request: the status code sent, or `aborted` when the client left first. */
export type RequestOutcome = number | 'aborted';

/** The `code` label: the status class (`2xx`), `aborted`, or `other` for a code outside 100–599. */
export function codeLabel(outcome: RequestOutcome): CodeLabel {
  if (outcome === 'aborted') return 'aborted';
  if (!Number.isInteger(outcome) || outcome < 100 || outcome > 599) return 'other';
  return `${Math.floor(outcome / 100)}xx` as CodeLabel;
}
