/**
 * HTTP basic authentication against the bcrypt hashes of a web-config's `basic_auth_users`, built
 * to stay responsive under a flood of wrong passwords.
 *
 * bcrypt is slow on purpose (about 100 ms at cost 10) and Prometheus scrapes every few seconds,
 * so, as exporter-toolkit does (web/handler.go: a cache of results keyed by user, hash and
 * password, and a mutex so one bcrypt comparison runs at a time), results are cached, keyed by a
 * SHA-256 of user, password and hash (a changed hash or password misses the cache; the password
 * itself is never stored). Successes and failures have separate caches, so a flood of distinct
 * wrong passwords cannot evict the credential Prometheus uses. Comparisons run one at a time on
 * a worker thread (bcrypt-worker.ts), never on the event loop; at most MAX_WAITING_VERIFICATIONS
 * wait for it, and a request beyond that is answered 429 at once instead of queueing. A cached
 * credential never waits. An unknown user is compared against a dummy hash of the same cost, so
 * the response time does not tell which users exist.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BcryptWorker } from './bcrypt-worker.ts';

export interface BasicCredentials {
  user: string;
  password: string;
}

export type AuthOutcome = 'ok' | 'denied' | 'busy';

/** How many results each cache remembers (least recently used evicted first). */
const CACHE_LIMIT = 1024;
/**
 * Uncached verifications allowed to wait for the bcrypt worker (besides the one it runs). At cost
 * 10 that is at most about a second of waiting; more would only grow the queue under a flood.
 */
export const MAX_WAITING_VERIFICATIONS = 8;
const DEFAULT_COST = 10;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses `Basic base64(user:password)`. The scheme is case-insensitive; the base64 must be
 * canonical (padded); the password is everything after the first ':' (it may contain ':').
 * Undefined when the header is absent or malformed.
 */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^[ \t]*basic[ \t]+([A-Za-z0-9+/]*={0,2})[ \t]*$/i.exec(header);
  const encoded = match?.[1];
  if (!encoded || encoded.length % 4 !== 0) return undefined;
  let decoded: string;
  try {
    decoded = strictUtf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function cacheKey(user: string, password: string, hash: string): string {
  // JSON keeps the three parts unambiguous (no "ab"+"c" = "a"+"bc").
  return createHash('sha256').update(JSON.stringify([user, password, hash])).digest('base64');
}

function costOf(hash: string | undefined): number {
  const cost = hash === undefined ? NaN : Number(/^\$2[aby]?\$(\d\d)\$/.exec(hash)?.[1]);
  return Number.isInteger(cost) && cost >= 4 && cost <= 31 ? cost : DEFAULT_COST;
}

/** A set that forgets its least recently used keys beyond `limit`. */
class LruSet {
  private readonly keys = new Set<string>();
  constructor(private readonly limit: number) {}
  has(key: string): boolean {
    if (!this.keys.has(key)) return false;
    this.keys.delete(key); // refresh its place in the LRU order
    this.keys.add(key);
    return true;
  }
  add(key: string): void {
    this.keys.add(key);
    if (this.keys.size > this.limit) this.keys.delete(this.keys.values().next().value!);
  }
}

/** Checks Authorization headers against one web-config's users; `close` stops its worker. */
export class BasicAuthVerifier {
  private readonly verified = new LruSet(CACHE_LIMIT);
  private readonly refused = new LruSet(CACHE_LIMIT);
  private readonly worker = new BcryptWorker();
  /** Verifications waiting for or running on the worker, by cache key (the same credential is verified once). */
  private readonly inFlight = new Map<string, Promise<boolean>>();

  /** user → bcrypt hash; with no users, authentication is off and every request passes (exporter-toolkit's semantics). */
  constructor(private readonly users: Record<string, string>) {}

  /**
   * 'ok' when the header carries the password of a configured user, 'denied' when it does not,
   * 'busy' when the credential is not cached and MAX_WAITING_VERIFICATIONS already wait.
   */
  async check(header: string | undefined): Promise<AuthOutcome> {
    const names = Object.keys(this.users);
    if (names.length === 0) return 'ok';
    const credentials = parseBasicAuth(header);
    if (!credentials) return 'denied';
    const { user, password } = credentials;
    const known = Object.hasOwn(this.users, user) && typeof this.users[user] === 'string';
    const hash = known ? this.users[user]! : undefined;
    // Unknown users share one cache entry shape: their "hash" is the empty string.
    const key = cacheKey(user, password, hash ?? '');
    if (this.verified.has(key)) return 'ok';
    if (this.refused.has(key)) return 'denied';
    let verifying = this.inFlight.get(key);
    if (verifying === undefined) {
      if (this.inFlight.size > MAX_WAITING_VERIFICATIONS) return 'busy';
      verifying = this.worker.compare(password, hash, costOf(hash ?? this.users[names[0]!]));
      this.inFlight.set(key, verifying);
      verifying.then(
        (match) => { (match ? this.verified : this.refused).add(key); },
        () => undefined, // not cached: the next request verifies again
      ).finally(() => this.inFlight.delete(key));
    }
    return (await verifying) ? 'ok' : 'denied';
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}

/** Answers 401 with a basic-auth challenge. */
export function unauthorized(res: ServerResponse): void {
  const body = 'Unauthorized\n';
  res.writeHead(401, {
    'WWW-Authenticate': 'Basic realm="headroom"',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Answers 429 when too many unverified credentials wait for bcrypt: the client may retry shortly. */
export function tooManyVerifications(res: ServerResponse): void {
  const body = 'Too many credentials waiting for verification; retry shortly\n';
  res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * How long a connection that failed authentication is not read from after its answer (the
 * 429's Retry-After). The answer itself goes out at once; a client hammering one keep-alive
 * connection with wrong passwords gets one answer per second instead of thousands, so a flood
 * cannot keep the event loop busy parsing requests.
 */
export const FAILED_AUTH_PAUSE_MS = 1000;

/** Stops reading `res`'s connection for `ms` once the response has gone out. */
export function pauseConnectionAfter(res: ServerResponse, ms: number = FAILED_AUTH_PAUSE_MS): void {
  const socket = res.socket;
  if (!socket) return;
  res.once('finish', () => {
    // After Node's own handling of the finished response, which resumes a keep-alive socket.
    setImmediate(() => {
      if (socket.destroyed) return;
      socket.pause();
      setTimeout(() => { if (!socket.destroyed) socket.resume(); }, ms).unref();
    });
  });
}
