/**
 * The `route` label, bounded. A URL becomes a route by dropping the query string and fragment and
 * replacing identifier segments (numbers, UUIDs, long hex strings) with `:id`. Framework route
 * templates (`/models/:name`) pass through the same table.
 *
 * With `routes` given, the label is the first pattern that matches (`:param` and `*` match one
 * segment) and everything else is `other`. Without it, the first `maxRoutes` distinct routes are
 * kept as seen and later ones are `other`; a new route answered 404 is never admitted, so scanners
 * probing random paths cannot fill the table before real traffic arrives.
 */
import { OTHER, type RequestOutcome } from './labels.ts';

export const DEFAULT_MAX_ROUTES = 50;
/** Longer paths are labelled `other` rather than stored. */
const MAX_ROUTE_LENGTH = 200;

const ID_SEGMENT = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i;

/** The path of a request target (origin-form or absolute-form): no query, no fragment, no empty segments. */
export function pathOf(url: string): string {
  let path = url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  path = path.replace(/[?#].*$/s, '');
  const segments = path.split('/').filter((s) => s !== '');
  return `/${segments.join('/')}`;
}

/** The route of a URL: its path with identifier segments replaced by `:id`. */
export function normaliseRoute(url: string): string {
  return pathOf(url).split('/').map((s) => (ID_SEGMENT.test(s) ? ':id' : s)).join('/');
}

export interface RouteTableOptions {
  /** Known route patterns, e.g. `/v2/models/:model/infer`; when given, other paths are `other`. */
  routes?: readonly string[];
  /** Distinct routes kept when `routes` is not given (default 50); more become `other`. */
  maxRoutes?: number;
}

export interface RouteTable {
  /** The `route` label for a URL or route template, given what the request came to. */
  label(urlOrTemplate: string, outcome?: RequestOutcome): string;
  /** Distinct routes currently labelled by name (not counting `other`). */
  readonly size: number;
}

type Matcher = { pattern: string; segments: readonly (string | null)[] };

function compile(pattern: string): Matcher {
  const segments = pathOf(pattern).split('/').slice(1).map((s) => (s.startsWith(':') || s === '*' ? null : s));
  return { pattern, segments };
}

function matches(m: Matcher, path: string): boolean {
  const parts = path.split('/').slice(1);
  return parts.length === m.segments.length && m.segments.every((s, i) => s === null || s === parts[i]);
}

export function createRouteTable(options: RouteTableOptions = {}): RouteTable {
  const maxRoutes = options.maxRoutes ?? DEFAULT_MAX_ROUTES;
  if (!Number.isInteger(maxRoutes) || maxRoutes < 0) throw new RangeError(`maxRoutes must be a whole number, at least 0; got ${maxRoutes}.`);

  if (options.routes !== undefined) {
    const matchers = options.routes.map(compile);
    return {
      label: (url) => {
        const path = pathOf(url);
        return matchers.find((m) => matches(m, path))?.pattern ?? OTHER;
      },
      size: new Set(options.routes).size,
    };
  }

  const seen = new Set<string>();
  return {
    label: (url, outcome) => {
      const route = normaliseRoute(url);
      if (seen.has(route)) return route;
      if (seen.size >= maxRoutes || outcome === 404 || route.length > MAX_ROUTE_LENGTH) return OTHER;
      seen.add(route);
      return route;
    },
    get size() {
      return seen.size;
    },
  };
}
