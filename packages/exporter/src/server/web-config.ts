/**
 * The web-config file of Prometheus's exporter-toolkit (`--web.config.file`): TLS, extra response
 * headers and bcrypt basic-auth users, in the same YAML format so one file serves any exporter.
 *
 * Parsing is strict, as exporter-toolkit's `yaml.UnmarshalStrict`: an unknown key is an error. Every
 * error is a WebConfigError whose message names the file, the line when known, and the field.
 * Relative cert/key/CA paths resolve against the web-config file's directory (exporter-toolkit's
 * `TLSConfig.SetDirectory`).
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export type ClientAuthType =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

export type TlsVersionName = 'TLS12' | 'TLS13';

export interface TlsServerConfig {
  /** Absolute path (resolved against the web-config's directory); exclusive with `cert`. */
  certFile?: string;
  /** Absolute path; exclusive with `key`. */
  keyFile?: string;
  /** Inline PEM certificate (chain); exclusive with `certFile`. */
  cert?: string;
  /** Inline PEM key; exclusive with `keyFile`. */
  key?: string;
  /** Absolute path of the CA bundle client certificates are verified against; exclusive with `clientCa`. */
  clientCaFile?: string;
  /** Inline PEM CA bundle; exclusive with `clientCaFile`. */
  clientCa?: string;
  clientAuthType: ClientAuthType;
  minVersion: TlsVersionName;
  maxVersion: TlsVersionName;
  /** Go cipher-suite names as written (validated); map them with `opensslCipherName`. Empty: Node's defaults. */
  cipherSuites: string[];
  /** exporter-toolkit's `prefer_server_cipher_suites` (default true): Node's `honorCipherOrder`. */
  preferServerCipherSuites: boolean;
  /** Go curve names as written (CurveP256, CurveP384, CurveP521, X25519); map with `opensslCurveName`. */
  curvePreferences: string[];
}

export interface HttpServerConfig {
  /** Accepted for compatibility; node:https serves HTTP/1.1 only, so this has no effect. */
  http2: boolean;
  /** Extra response headers, canonical names, blank values dropped. */
  headers: Record<string, string>;
}

export interface WebConfig {
  /** The web-config file as given to parseWebConfig/loadWebConfig. */
  file: string;
  /** Absent: serve plain HTTP. */
  tls?: TlsServerConfig;
  http: HttpServerConfig;
  /** user → bcrypt hash (null-prototype object); empty: no authentication. */
  basicAuthUsers: Record<string, string>;
}

export interface LoadedTlsConfig extends TlsServerConfig {
  /** PEM of the certificate (chain), read from certFile or inline. */
  certPem: string;
  keyPem: string;
  clientCaPem?: string;
}

export interface LoadedWebConfig extends Omit<WebConfig, 'tls'> {
  tls?: LoadedTlsConfig;
}

export class WebConfigError extends Error {
  constructor(
    readonly file: string,
    /** Dotted key path, e.g. `tls_server_config.cert_file`; absent for file-level problems. */
    readonly field: string | undefined,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'WebConfigError';
  }
}

const CLIENT_AUTH_TYPES: readonly ClientAuthType[] = [
  'NoClientCert', 'RequestClientCert', 'RequireAnyClientCert', 'VerifyClientCertIfGiven', 'RequireAndVerifyClientCert',
];

/**
 * Go's crypto/tls names (those `tls.CipherSuites()` returns, the only ones exporter-toolkit accepts)
 * → OpenSSL names for Node's `ciphers` option. Names of OpenSSL TLS 1.3 suites start with `TLS_`.
 */
const CIPHER_SUITES: Readonly<Record<string, string>> = {
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_AES_128_GCM_SHA256: 'TLS_AES_128_GCM_SHA256',
  TLS_AES_256_GCM_SHA384: 'TLS_AES_256_GCM_SHA384',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS_CHACHA20_POLY1305_SHA256',
};

/** Go's `tls.InsecureCipherSuites()`: exporter-toolkit rejects them, and so do we, with a reason. */
const INSECURE_CIPHER_SUITES = new Set([
  'TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
]);

const CURVES: Readonly<Record<string, string>> = { CurveP256: 'P-256', CurveP384: 'P-384', CurveP521: 'P-521', X25519: 'X25519' };

/**
 * exporter-toolkit allows only these response headers (its `extraHTTPHeaders`), some with a fixed
 * set of values; any other header "can not be configured".
 */
const EXTRA_HEADERS: Readonly<Record<string, readonly string[] | undefined>> = {
  'Strict-Transport-Security': undefined,
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': undefined,
  'Content-Security-Policy': undefined,
};

/** `$2a$`/`$2b$`/`$2y$`, a two-digit cost, then 22 characters of salt and 31 of hash (bcrypt's base64). */
const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** The OpenSSL name of a (validated) Go cipher-suite name. */
export function opensslCipherName(goName: string): string {
  const name = Object.hasOwn(CIPHER_SUITES, goName) ? CIPHER_SUITES[goName] : undefined;
  if (name === undefined) throw new Error(`unknown cipher suite ${goName}`);
  return name;
}

/** The OpenSSL name of a (validated) Go curve name. */
export function opensslCurveName(goName: string): string {
  const name = Object.hasOwn(CURVES, goName) ? CURVES[goName] : undefined;
  if (name === undefined) throw new Error(`unknown curve ${goName}`);
  return name;
}

type Path = readonly (string | number)[];

function formatPath(path: Path): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return text ? `${text}.${key}` : key;
    return `${text}[${JSON.stringify(key)}]`;
  }, '');
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function suggestion(key: string, accepted: readonly string[]): string {
  const best = accepted
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return best && best.distance <= 2 ? `; did you mean ${best.candidate}?` : '';
}

/** Parsing context: the file, the document (for line numbers) and a way to fail at a path. */
class Context {
  readonly dir: string;
  constructor(readonly file: string, private readonly document: Document, private readonly lines: LineCounter) {
    this.dir = dirname(resolve(file));
  }

  fail(path: Path, problem: string): never {
    throw new WebConfigError(this.file, formatPath(path) || undefined, problem, this.lineOf(path));
  }

  /** The line of the deepest key (or list item) along the path that exists in the document. */
  private lineOf(path: Path): number | undefined {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = depth === 1 ? this.document.contents : this.document.getIn(path.slice(0, depth - 1), true);
      const last = path[depth - 1];
      let node: unknown;
      if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(last))?.key;
      else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  /** A section that may be absent or null (both mean empty). */
  mapping(value: unknown, path: Path): Record<string, unknown> {
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(path, `must be a mapping (got ${describe(value)})`);
    return value as Record<string, unknown>;
  }

  keys(object: Record<string, unknown>, path: Path, accepted: readonly string[], unsupported: Readonly<Record<string, string>> = {}): void {
    for (const key of Object.keys(object)) {
      if (accepted.includes(key)) continue;
      if (Object.hasOwn(unsupported, key)) this.fail([...path, key], `is not supported by headroom: ${unsupported[key]}`);
      this.fail([...path, key], `unknown key (expected one of: ${accepted.join(', ')})${suggestion(key, accepted)}`);
    }
  }

  string(object: Record<string, unknown>, key: string, path: Path): string | undefined {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail([...path, key], `must be a string (got ${describe(value)})`);
    if (value.trim() === '') this.fail([...path, key], 'must not be empty');
    return value;
  }

  boolean(object: Record<string, unknown>, key: string, path: Path, fallback: boolean): boolean {
    const value = object[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail([...path, key], `must be true or false (got ${describe(value)})`);
    return value;
  }

  stringList(object: Record<string, unknown>, key: string, path: Path): string[] {
    const value = object[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail([...path, key], `must be a list (got ${describe(value)})`);
    return value.map((item, i) => {
      if (typeof item !== 'string') this.fail([...path, key, i], `must be a string (got ${describe(item)})`);
      return item;
    });
  }

  oneOf<T extends string>(object: Record<string, unknown>, key: string, path: Path, allowed: readonly T[], fallback: T): T {
    const value = this.string(object, key, path);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) this.fail([...path, key], `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return value as T;
  }
}

const TOP_LEVEL = ['tls_server_config', 'http_server_config', 'basic_auth_users'];
const TLS_KEYS = [
  'cert_file', 'key_file', 'cert', 'key', 'client_auth_type', 'client_ca_file', 'client_ca',
  'min_version', 'max_version', 'cipher_suites', 'prefer_server_cipher_suites', 'curve_preferences',
];
const HTTP_KEYS = ['headers', 'http2'];

/** Parses web-config YAML. `file` names the file in errors and anchors relative paths. Throws WebConfigError. */
export function parseWebConfig(text: string, file: string): WebConfig {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    const message = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new WebConfigError(file, undefined, `not valid YAML: ${message}`, yamlError.linePos?.[0].line);
  }
  const context = new Context(file, document, lines);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new WebConfigError(file, undefined, `not valid YAML: ${(error as Error).message}`);
  }
  const top = context.mapping(data, []);
  context.keys(top, [], TOP_LEVEL, {
    rate_limit: 'put a rate limit in front of the exporter (e.g. in the ingress)',
  });

  const config: WebConfig = {
    file,
    http: parseHttp(context, top.http_server_config),
    basicAuthUsers: parseUsers(context, top.basic_auth_users),
  };
  const tls = parseTls(context, top.tls_server_config);
  if (tls) config.tls = tls;
  return config;
}

function parseTls(context: Context, value: unknown): TlsServerConfig | undefined {
  const path = ['tls_server_config'];
  const section = context.mapping(value, path);
  context.keys(section, path, TLS_KEYS, {
    client_allowed_sans: 'restrict client certificates with client_ca_file and RequireAndVerifyClientCert',
  });
  if (Object.keys(section).length === 0) return undefined;

  const exclusive = (fileKey: string, inlineKey: string) => {
    const fromFile = context.string(section, fileKey, path);
    const inline = context.string(section, inlineKey, path);
    if (fromFile !== undefined && inline !== undefined) context.fail([...path, inlineKey], `set ${fileKey} or ${inlineKey}, not both`);
    return { fromFile: fromFile === undefined ? undefined : resolve(context.dir, fromFile), inline };
  };
  const cert = exclusive('cert_file', 'cert');
  const key = exclusive('key_file', 'key');
  const clientCa = exclusive('client_ca_file', 'client_ca');
  const hasCert = cert.fromFile !== undefined || cert.inline !== undefined;
  const hasKey = key.fromFile !== undefined || key.inline !== undefined;
  if (!hasCert && !hasKey) context.fail([...path, 'cert_file'], 'is required, with key_file, to serve TLS (remove tls_server_config to serve plain HTTP)');
  if (!hasCert) context.fail([...path, 'cert_file'], `is required when ${key.inline !== undefined ? 'key' : 'key_file'} is set`);
  if (!hasKey) context.fail([...path, 'key_file'], `is required when ${cert.inline !== undefined ? 'cert' : 'cert_file'} is set`);

  // "RequireClientCert" is exporter-toolkit's backwards-compatible alias of RequireAnyClientCert.
  const rawAuth = context.string(section, 'client_auth_type', path);
  const clientAuthType = context.oneOf(
    rawAuth === 'RequireClientCert' ? { client_auth_type: 'RequireAnyClientCert' } : section,
    'client_auth_type', path, CLIENT_AUTH_TYPES, 'NoClientCert',
  );
  const hasClientCa = clientCa.fromFile !== undefined || clientCa.inline !== undefined;
  if (hasClientCa && clientAuthType === 'NoClientCert') {
    context.fail([...path, clientCa.fromFile !== undefined ? 'client_ca_file' : 'client_ca'],
      'is set but client_auth_type is NoClientCert; set client_auth_type: RequireAndVerifyClientCert to verify client certificates');
  }
  if (!hasClientCa && (clientAuthType === 'VerifyClientCertIfGiven' || clientAuthType === 'RequireAndVerifyClientCert')) {
    context.fail([...path, 'client_auth_type'],
      `${clientAuthType} needs client_ca_file (or client_ca): without it any certificate from a public CA would be accepted`);
  }

  const versionKeys = ['TLS12', 'TLS13'] as const;
  const version = (key: string, fallback: TlsVersionName): TlsVersionName => {
    const given = context.string(section, key, path);
    if (given === 'TLS10' || given === 'TLS11') context.fail([...path, key], `${given} is not supported by headroom (Node's OpenSSL refuses it); use TLS12 or TLS13`);
    return context.oneOf(section, key, path, versionKeys, fallback);
  };
  const minVersion = version('min_version', 'TLS12');
  const maxVersion = version('max_version', 'TLS13');
  if (minVersion === 'TLS13' && maxVersion === 'TLS12') context.fail([...path, 'min_version'], 'TLS13 is above max_version TLS12');

  const cipherSuites = context.stringList(section, 'cipher_suites', path);
  cipherSuites.forEach((name, i) => {
    if (Object.hasOwn(CIPHER_SUITES, name)) return;
    const where = [...path, 'cipher_suites', i];
    if (INSECURE_CIPHER_SUITES.has(name)) context.fail(where, `${name} is insecure and not accepted (exporter-toolkit accepts only Go's tls.CipherSuites())`);
    context.fail(where, `unknown cipher suite ${JSON.stringify(name)} (use Go crypto/tls names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)${suggestion(name, Object.keys(CIPHER_SUITES))}`);
  });
  const curvePreferences = context.stringList(section, 'curve_preferences', path);
  curvePreferences.forEach((name, i) => {
    if (!Object.hasOwn(CURVES, name)) context.fail([...path, 'curve_preferences', i], `unknown curve ${JSON.stringify(name)} (expected one of ${Object.keys(CURVES).join(', ')})`);
  });

  const tls: TlsServerConfig = {
    clientAuthType,
    minVersion,
    maxVersion,
    cipherSuites,
    preferServerCipherSuites: context.boolean(section, 'prefer_server_cipher_suites', path, true),
    curvePreferences,
  };
  if (cert.fromFile !== undefined) tls.certFile = cert.fromFile;
  if (cert.inline !== undefined) tls.cert = cert.inline;
  if (key.fromFile !== undefined) tls.keyFile = key.fromFile;
  if (key.inline !== undefined) tls.key = key.inline;
  if (clientCa.fromFile !== undefined) tls.clientCaFile = clientCa.fromFile;
  if (clientCa.inline !== undefined) tls.clientCa = clientCa.inline;
  return tls;
}

function parseHttp(context: Context, value: unknown): HttpServerConfig {
  const path = ['http_server_config'];
  const section = context.mapping(value, path);
  context.keys(section, path, HTTP_KEYS);
  const headersPath = [...path, 'headers'];
  const given = context.mapping(section.headers, headersPath);
  const headers: Record<string, string> = {};
  const allowed = Object.keys(EXTRA_HEADERS);
  for (const [name, headerValue] of Object.entries(given)) {
    const canonical = allowed.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (canonical === undefined) {
      context.fail([...headersPath, name], `HTTP header ${JSON.stringify(name)} can not be configured (as in exporter-toolkit, only ${allowed.join(', ')})`);
    }
    if (Object.hasOwn(headers, canonical)) context.fail([...headersPath, name], `duplicates header ${canonical}`);
    if (headerValue === null || headerValue === undefined || headerValue === '') continue; // blank: unset
    if (typeof headerValue !== 'string') context.fail([...headersPath, name], `must be a string (got ${describe(headerValue)})`);
    if (/[\r\n\0]/.test(headerValue)) context.fail([...headersPath, name], 'must not contain line breaks');
    const values = EXTRA_HEADERS[canonical];
    if (values && !values.includes(headerValue)) {
      context.fail([...headersPath, name], `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(headerValue)})`);
    }
    headers[canonical] = headerValue;
  }
  return { http2: context.boolean(section, 'http2', path, true), headers };
}

function parseUsers(context: Context, value: unknown): Record<string, string> {
  const path = ['basic_auth_users'];
  const section = context.mapping(value, path);
  const users: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [user, hash] of Object.entries(section)) {
    const where = [...path, user];
    if (user.includes(':')) context.fail(where, 'a basic-auth user name cannot contain ":"');
    if (typeof hash !== 'string') context.fail(where, `the password of user ${JSON.stringify(user)} must be a bcrypt hash string (got ${describe(hash)})`);
    const match = BCRYPT_HASH.exec(hash);
    const cost = match ? Number(match[1]) : NaN;
    if (!match || cost < 4 || cost > 31) {
      context.fail(where, `the password of user ${JSON.stringify(user)} is not a bcrypt hash `
        + '(expected $2a$, $2b$ or $2y$, a cost from 04 to 31 and 53 characters of salt and hash, e.g. from `htpasswd -nBC 10 "" | tr -d \':\\n\'`)');
    }
    users[user] = hash;
  }
  return users;
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads and parses a web-config file, then reads the certificate, key and client CA it references
 * and checks them (PEM certificates, a private key matching the leaf certificate). Throws WebConfigError.
 */
export async function loadWebConfig(file: string): Promise<LoadedWebConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new WebConfigError(file, undefined, `cannot read the web config: ${fsReason(error)}`);
  }
  const config = parseWebConfig(text, file);
  const { tls, ...rest } = config;
  if (!tls) return rest;

  const fail = (field: string, problem: string): never => { throw new WebConfigError(file, `tls_server_config.${field}`, problem); };
  const read = async (field: string, path: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      return fail(field, `cannot read ${path}: ${fsReason(error)}`);
    }
  };
  /** The PEM text of a file field or its inline twin, with how to name it in errors. */
  const source = async (fileField: string, inlineField: string, path: string | undefined, inline: string | undefined) =>
    path !== undefined
      ? { field: fileField, what: path, pem: await read(fileField, path) }
      : { field: inlineField, what: `the inline ${inlineField}`, pem: inline ?? '' };
  const certificates = (field: string, what: string, pem: string): X509Certificate[] => {
    const blocks = pem.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) fail(field, `no PEM certificate (-----BEGIN CERTIFICATE-----) in ${what}`);
    return blocks.map((block, i) => {
      try {
        return new X509Certificate(block);
      } catch (error) {
        return fail(field, `certificate ${i + 1} in ${what} is not valid: ${(error as Error).message}`);
      }
    });
  };

  const cert = await source('cert_file', 'cert', tls.certFile, tls.cert);
  const key = await source('key_file', 'key', tls.keyFile, tls.key);
  const ca = tls.clientCaFile !== undefined || tls.clientCa !== undefined
    ? await source('client_ca_file', 'client_ca', tls.clientCaFile, tls.clientCa) : undefined;

  const leaf = certificates(cert.field, cert.what, cert.pem)[0]!;
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.pem)) fail(key.field, `no PEM private key (-----BEGIN ... PRIVATE KEY-----) in ${key.what}`);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: *4, *ENCRYPTED/.test(key.pem)) {
    fail(key.field, `the private key in ${key.what} is encrypted; headroom needs an unencrypted key (e.g. openssl pkey -in encrypted.pem -out key.pem)`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.pem);
  } catch (error) {
    return fail(key.field, `${key.what} is not a valid unencrypted PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.type !== 'private') fail(key.field, `${key.what} holds a ${privateKey.type} key, not a private key`);
  let matches = false;
  try {
    matches = leaf.checkPrivateKey(privateKey);
  } catch {
    matches = false;
  }
  if (!matches) fail(key.field, `the key in ${key.what} does not match the certificate in ${cert.what}`);
  if (ca) certificates(ca.field, ca.what, ca.pem);

  const loaded: LoadedTlsConfig = { ...tls, certPem: cert.pem, keyPem: key.pem };
  if (ca) loaded.clientCaPem = ca.pem;
  return { ...rest, tls: loaded };
}
