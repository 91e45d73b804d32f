import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebConfig, parseWebConfig, WebConfigError } from './web-config.ts';

const HASH = '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG';

function parseError(text: string, file = '/etc/headroom/web.yml'): WebConfigError {
  try {
    parseWebConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(WebConfigError);
    return error as WebConfigError;
  }
  throw new Error('expected a WebConfigError');
}

async function loadError(file: string): Promise<WebConfigError> {
  const error: unknown = await loadWebConfig(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WebConfigError);
  return error as WebConfigError;
}

describe('parseWebConfig', () => {
  it('accepts an empty file: plain HTTP, no users, no headers', () => {
    const config = parseWebConfig('', 'web.yml');
    expect(config.tls).toBeUndefined();
    expect(config.basicAuthUsers).toEqual({});
    expect(config.http).toEqual({ http2: true, headers: {} });
  });

  it('parses a full config, resolving relative paths against the config directory', () => {
    const config = parseWebConfig(
      [
        'tls_server_config:',
        '  cert_file: certs/server.crt',
        '  key_file: /abs/server.key',
        '  client_auth_type: RequireAndVerifyClientCert',
        '  client_ca_file: ../ca.pem',
        '  min_version: TLS13',
        '  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]',
        '  curve_preferences: [X25519, CurveP256]',
        '  prefer_server_cipher_suites: false',
        'http_server_config:',
        '  http2: false',
        '  headers:',
        '    X-Frame-Options: deny',
        '    x-content-type-options: nosniff',
        '    Content-Security-Policy: ""',
        'basic_auth_users:',
        `  alice: ${HASH}`,
        `  "bob.smith": '${HASH.replace('$2y$', '$2b$')}'`,
      ].join('\n'),
      '/etc/headroom/web.yml',
    );
    expect(config.tls).toEqual({
      certFile: '/etc/headroom/certs/server.crt',
      keyFile: '/abs/server.key',
      clientCaFile: '/etc/ca.pem',
      clientAuthType: 'RequireAndVerifyClientCert',
      minVersion: 'TLS13',
      maxVersion: 'TLS13',
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'],
      preferServerCipherSuites: false,
      curvePreferences: ['X25519', 'CurveP256'],
    });
    expect(config.http).toEqual({ http2: false, headers: { 'X-Frame-Options': 'deny', 'X-Content-Type-Options': 'nosniff' } });
    expect({ ...config.basicAuthUsers }).toEqual({ alice: HASH, 'bob.smith': HASH.replace('$2y$', '$2b$') });
  });

  it('defaults TLS to NoClientCert, TLS12..TLS13, server cipher order', () => {
    const config = parseWebConfig('tls_server_config: {cert_file: c.pem, key_file: k.pem}', 'conf/web.yml');
    expect(config.tls).toMatchObject({ clientAuthType: 'NoClientCert', minVersion: 'TLS12', maxVersion: 'TLS13', cipherSuites: [], preferServerCipherSuites: true });
    expect(config.tls?.certFile).toBe(join(process.cwd(), 'conf', 'c.pem'));
  });

  it('accepts exporter-toolkit\'s legacy RequireClientCert as RequireAnyClientCert', () => {
    const config = parseWebConfig('tls_server_config: {cert_file: c, key_file: k, client_auth_type: RequireClientCert}', 'w.yml');
    expect(config.tls?.clientAuthType).toBe('RequireAnyClientCert');
  });

  it('rejects unknown keys, naming the key path, the file and the line, with a suggestion', () => {
    const top = parseError('tls_server_confg:\n  cert_file: c\n');
    expect(top.message).toMatch(/^\/etc\/headroom\/web\.yml:1: tls_server_confg: unknown key .*did you mean tls_server_config\?/);
    const nested = parseError('tls_server_config:\n  cert_file: c\n  key_file: k\n  cert_fiel: x\n');
    expect(nested.field).toBe('tls_server_config.cert_fiel');
    expect(nested.line).toBe(4);
    expect(nested.message).toContain('/etc/headroom/web.yml:4: tls_server_config.cert_fiel: unknown key');
    expect(parseError('http_server_config: {http3: true}').field).toBe('http_server_config.http3');
  });

  it('names known exporter-toolkit keys that headroom does not support', () => {
    expect(parseError('rate_limit: {interval: 1s, burst: 5}').message).toContain('rate_limit: is not supported by headroom');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, client_allowed_sans: [a]}').field).toBe('tls_server_config.client_allowed_sans');
  });

  it('reports YAML syntax errors and duplicate keys with the line', () => {
    expect(parseError('basic_auth_users:\n  alice: [unclosed\n').message).toMatch(/^\/etc\/headroom\/web\.yml:\d+: not valid YAML: /);
    expect(parseError(`basic_auth_users:\n  a: ${HASH}\n  a: ${HASH}\n`).message).toMatch(/:3: not valid YAML: Map keys must be unique/);
    expect(parseError('- a\n- b\n').message).toBe('/etc/headroom/web.yml: must be a mapping (got a list)');
  });

  it('requires cert and key together', () => {
    const noKey = parseError('tls_server_config:\n  cert_file: c.pem\n');
    expect(noKey.field).toBe('tls_server_config.key_file');
    expect(noKey.message).toContain('tls_server_config.key_file: is required when cert_file is set');
    expect(parseError('tls_server_config: {key_file: k.pem}').message).toContain('tls_server_config.cert_file: is required when key_file is set');
    expect(parseError('tls_server_config: {min_version: TLS13}').field).toBe('tls_server_config.cert_file');
    expect(parseError('tls_server_config: {cert_file: c, cert: "-----BEGIN", key_file: k}').message).toContain('set cert_file or cert, not both');
    expect(parseError('tls_server_config: {cert_file: "", key_file: k}').message).toContain('tls_server_config.cert_file: must not be empty');
  });

  it('rejects a bad client_auth_type and inconsistent client CA settings', () => {
    const bad = parseError('tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: RequireClientCertPlease\n');
    expect(bad.field).toBe('tls_server_config.client_auth_type');
    expect(bad.line).toBe(4);
    expect(bad.message).toContain('must be one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert (got "RequireClientCertPlease")');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, client_ca_file: ca}').message)
      .toContain('tls_server_config.client_ca_file: is set but client_auth_type is NoClientCert');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, client_auth_type: RequireAndVerifyClientCert}').message)
      .toContain('needs client_ca_file');
  });

  it('checks TLS versions, cipher suites and curves', () => {
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, min_version: TLS10}').message).toContain('TLS10 is not supported by headroom');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, max_version: TLS14}').message).toContain('must be one of TLS12, TLS13 (got "TLS14")');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, min_version: TLS13, max_version: TLS12}').field).toBe('tls_server_config.min_version');
    const unknown = parseError('tls_server_config:\n  cert_file: c\n  key_file: k\n  cipher_suites:\n    - TLS_AES_128_GCM_SHA256\n    - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA255\n');
    expect(unknown.field).toBe('tls_server_config.cipher_suites[1]');
    expect(unknown.line).toBe(6);
    expect(unknown.message).toContain('unknown cipher suite "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA255"');
    expect(unknown.message).toContain('did you mean TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256?');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]}').message).toContain('is insecure');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, cipher_suites: TLS_AES_128_GCM_SHA256}').message).toContain('must be a list');
    expect(parseError('tls_server_config: {cert_file: c, key_file: k, curve_preferences: [CurveP128]}').field).toBe('tls_server_config.curve_preferences[0]');
  });

  it('allows only exporter-toolkit\'s extra headers, with their fixed values', () => {
    const other = parseError('http_server_config:\n  headers:\n    Server: headroom\n');
    expect(other.field).toBe('http_server_config.headers.Server');
    expect(other.message).toContain('HTTP header "Server" can not be configured');
    expect(parseError('http_server_config: {headers: {Content-Type: text/html}}').message).toContain('can not be configured');
    expect(parseError('http_server_config: {headers: {X-Frame-Options: allow}}').message).toContain('must be one of "deny", "sameorigin" (got "allow")');
    expect(parseError('http_server_config: {headers: {X-Frame-Options: deny, x-frame-options: sameorigin}}').message).toContain('duplicates header X-Frame-Options');
  });

  it('checks every bcrypt hash, naming the user and not echoing the hash', () => {
    const plain = parseError(`basic_auth_users:\n  alice: ${HASH}\n  bob: hunter2\n`);
    expect(plain.field).toBe('basic_auth_users.bob');
    expect(plain.line).toBe(3);
    expect(plain.message).toContain('the password of user "bob" is not a bcrypt hash');
    expect(plain.message).not.toContain('hunter2');
    expect(parseError(`basic_auth_users: {carol: '${HASH.slice(0, -1)}'}`).field).toBe('basic_auth_users.carol');
    expect(parseError(`basic_auth_users: {dave: '${HASH.replace('$2y$', '$2x$')}'}`).field).toBe('basic_auth_users.dave');
    expect(parseError(`basic_auth_users: {erin: '${HASH.replace('$10$', '$03$')}'}`).field).toBe('basic_auth_users.erin');
    expect(parseError('basic_auth_users: {frank: 42}').message).toContain('must be a bcrypt hash string (got the number 42)');
    expect(parseError(`basic_auth_users: {"a:b": '${HASH}'}`).message).toContain('basic_auth_users["a:b"]: a basic-auth user name cannot contain ":"');
  });

  it('keeps users in a null-prototype object (no inherited "constructor" user)', () => {
    const users = parseWebConfig(`basic_auth_users: {alice: '${HASH}'}`, 'w.yml').basicAuthUsers;
    expect(Object.getPrototypeOf(users)).toBeNull();
  });
});

describe('loadWebConfig', () => {
  let dir: string;
  let certPem: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-web-config-'));
    mkdirSync(join(dir, 'certs'));
    const openssl = (keyout: string, out: string) => execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyout, '-out', out, '-days', '1', '-subj', '/CN=localhost',
    ], { stdio: 'pipe' });
    openssl(join(dir, 'certs', 'k.pem'), join(dir, 'certs', 'c.pem'));
    openssl(join(dir, 'other-k.pem'), join(dir, 'other-c.pem'));
    certPem = readFileSync(join(dir, 'certs', 'c.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads the files a relative config references, from the config directory', async () => {
    const file = write('web.yml', 'tls_server_config:\n  cert_file: certs/c.pem\n  key_file: ./certs/k.pem\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: certs/c.pem\n');
    const config = await loadWebConfig(file);
    expect(config.tls?.certFile).toBe(join(dir, 'certs', 'c.pem'));
    expect(config.tls?.certPem).toBe(certPem);
    expect(config.tls?.keyPem).toContain('PRIVATE KEY');
    expect(config.tls?.clientCaPem).toBe(certPem);
  });

  it('takes inline PEM', async () => {
    const key = readFileSync(join(dir, 'certs', 'k.pem'), 'utf8');
    const file = write('inline.yml', `tls_server_config:\n  cert: ${JSON.stringify(certPem)}\n  key: ${JSON.stringify(key)}\n`);
    const config = await loadWebConfig(file);
    expect(config.tls?.certPem).toBe(certPem);
    expect(config.tls?.keyPem).toBe(key);
  });

  it('returns a config without tls when there is no tls_server_config', async () => {
    const config = await loadWebConfig(write('auth-only.yml', `basic_auth_users:\n  alice: '${HASH}'\n`));
    expect(config.tls).toBeUndefined();
    expect(config.basicAuthUsers.alice).toBe(HASH);
  });

  it('names the web config when it cannot be read', async () => {
    const missing = join(dir, 'nope.yml');
    expect((await loadError(missing)).message).toBe(`${missing}: cannot read the web config: no such file`);
  });

  it('names the field and the file of an unreadable certificate', async () => {
    const file = write('missing-cert.yml', 'tls_server_config:\n  cert_file: certs/missing.pem\n  key_file: certs/k.pem\n');
    const error = await loadError(file);
    expect(error.field).toBe('tls_server_config.cert_file');
    expect(error.message).toBe(`${file}: tls_server_config.cert_file: cannot read ${join(dir, 'certs', 'missing.pem')}: no such file`);
  });

  it.skipIf(process.getuid?.() === 0)('reports a permission problem', async () => {
    const locked = join(dir, 'locked-k.pem');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    const file = write('locked.yml', `tls_server_config: {cert_file: certs/c.pem, key_file: ${locked}}`);
    expect((await loadError(file)).message).toContain('tls_server_config.key_file: cannot read');
  });

  it('rejects a certificate file without a certificate, a bad key and a key of another certificate', async () => {
    const notPem = write('not-pem.yml', 'tls_server_config: {cert_file: certs/k.pem, key_file: certs/k.pem}');
    expect((await loadError(notPem)).message).toContain('tls_server_config.cert_file: no PEM certificate');
    const badKey = write('bad-key.yml', 'tls_server_config: {cert_file: certs/c.pem, key_file: certs/c.pem}');
    expect((await loadError(badKey)).message).toBe(`${badKey}: tls_server_config.key_file: no PEM private key (-----BEGIN ... PRIVATE KEY-----) in ${join(dir, 'certs', 'c.pem')}`);
    const mismatch = write('mismatch.yml', 'tls_server_config: {cert_file: certs/c.pem, key_file: other-k.pem}');
    const error = await loadError(mismatch);
    expect(error.field).toBe('tls_server_config.key_file');
    expect(error.message).toContain('does not match the certificate in');
    const badCa = write('bad-ca.yml', 'tls_server_config: {cert_file: certs/c.pem, key_file: certs/k.pem, client_auth_type: RequireAndVerifyClientCert, client_ca_file: certs/k.pem}');
    expect((await loadError(badCa)).field).toBe('tls_server_config.client_ca_file');
  });
});
