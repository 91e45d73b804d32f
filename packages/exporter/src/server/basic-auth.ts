/**
 * HTTP basic authentication against the bcrypt hashes of a web-config's `basic_auth_users`.
 *
 * bcrypt is slow on purpose (tens of milliseconds at cost 10) and Prometheus scrapes every few
 * seconds, so, as exporter-toolkit does, successful verifications are cached, keyed by a SHA-256 of
 * user, password and hash (a changed hash or password misses the cache; the password itself is
 * never stored). An unknown user is checked against a dummy hash of the same cost, so the response
 * time does not tell which users exist.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import bcrypt from 'bcryptjs';

export interface BasicCredentials {
  user: string;
  password: string;
}

/** How many successful verifications are remembered (least recently used evicted first). */
const CACHE_LIMIT = 1024;
const verified = new Set<string>();
/** cost → a hash of a random password, for unknown users. */
const dummyHashes = new Map<number, string>();
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

function dummyHash(cost: number): string {
  let hash = dummyHashes.get(cost);
  if (hash === undefined) {
    hash = bcrypt.hashSync(randomBytes(18).toString('base64'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

function compare(password: string, hash: string): boolean {
  try {
    return bcrypt.compareSync(password, hash);
  } catch {
    return false; // a hash bcryptjs cannot read never matches
  }
}

/**
 * True when the Authorization header carries the password of one of `users` (user → bcrypt hash).
 * With no users configured, authentication is off and every request passes (exporter-toolkit's
 * semantics). Synchronous: a cache miss blocks for one bcrypt comparison.
 */
export function checkBasicAuth(header: string | undefined, users: Record<string, string>): boolean {
  const names = Object.keys(users);
  if (names.length === 0) return true;
  const credentials = parseBasicAuth(header);
  if (!credentials) return false;
  const { user, password } = credentials;

  const known = Object.hasOwn(users, user) && typeof users[user] === 'string';
  if (!known) {
    // Same work as for a real user with a wrong password, then refuse.
    compare(password, dummyHash(costOf(users[names[0]!])));
    return false;
  }
  const hash = users[user]!;
  const key = cacheKey(user, password, hash);
  if (verified.has(key)) {
    verified.delete(key); // refresh its place in the LRU order
    verified.add(key);
    return true;
  }
  if (!compare(password, hash)) return false;
  verified.add(key);
  if (verified.size > CACHE_LIMIT) verified.delete(verified.values().next().value!);
  return true;
}

/** Forgets every cached verification (tests; a reload drops stale entries by itself through the hash). */
export function clearBasicAuthCache(): void {
  verified.clear();
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
