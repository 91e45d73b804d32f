import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, RequestListener } from 'node:http';
import { createServer, request, type RequestOptions, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import bcrypt from 'bcryptjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuthVerifier, unauthorized } from './basic-auth.ts';
import { enforceClientAuth, httpsOptions, nodeCiphers } from './tls.ts';
import { loadWebConfig, parseWebConfig, type LoadedWebConfig } from './web-config.ts';

describe('httpsOptions', () => {
  const loaded = (yaml: string): LoadedWebConfig => {
    const config = parseWebConfig(yaml, '/etc/headroom/web.yml');
    return { ...config, tls: { ...config.tls!, certPem: 'CERT', keyPem: 'KEY', ...(config.tls?.clientCaFile ? { clientCaPem: 'CA' } : {}) } };
  };

  it('maps versions, client auth, CA, ciphers and curves', () => {
    expect(httpsOptions(loaded('tls_server_config: {cert_file: c, key_file: k}'))).toEqual({
      cert: 'CERT', key: 'KEY', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', honorCipherOrder: true, requestCert: false, rejectUnauthorized: false,
    });
    const options = httpsOptions(loaded([
      'tls_server_config:',
      '  {cert_file: c, key_file: k, client_auth_type: RequireAndVerifyClientCert, client_ca_file: ca, min_version: TLS13,',
      '   cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256], curve_preferences: [X25519, CurveP384]}',
    ].join('\n')));
    expect(options).toMatchObject({ ca: 'CA', requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3', ecdhCurve: 'X25519:P-384' });
    expect(options.ciphers).toMatch(/^TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256$/);
    for (const type of ['RequestClientCert', 'RequireAnyClientCert']) {
      expect(httpsOptions(loaded(`tls_server_config: {cert_file: c, key_file: k, client_auth_type: ${type}}`)))
        .toMatchObject({ requestCert: true, rejectUnauthorized: false });
    }
  });

  it('keeps each TLS version\'s default suites when only the other is listed', () => {
    expect(nodeCiphers(['TLS_AES_128_GCM_SHA256']).split(':')).toEqual(expect.arrayContaining(['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']));
    expect(nodeCiphers(['TLS_AES_128_GCM_SHA256']).split(':')).not.toContain('TLS_AES_256_GCM_SHA384');
  });

  it('refuses a config without TLS', () => {
    expect(() => httpsOptions({ file: 'w.yml', http: { http2: true, headers: {} }, basicAuthUsers: {} })).toThrow(/w\.yml: has no tls_server_config/);
  });
});

describe('a real HTTPS server from a web config', () => {
  let dir: string;
  let certPem: string;
  let keyPem: string;
  let server: Server | undefined;
  const password = 'correct horse:battery staple';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { cwd: dir, stdio: 'pipe' });
    certPem = readFileSync(join(dir, 'c.pem'), 'utf8');
    keyPem = readFileSync(join(dir, 'k.pem'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    running.closeAllConnections();
    await new Promise<void>((done) => running.close(() => done()));
  });

  /** Writes the web config next to the certificate (relative paths), loads it and serves it. */
  async function serve(yaml: string, handler?: (config: LoadedWebConfig) => RequestListener): Promise<{ port: number; config: LoadedWebConfig }> {
    const file = join(dir, 'web.yml');
    writeFileSync(file, yaml);
    const config = await loadWebConfig(file);
    const listener: RequestListener = handler?.(config) ?? ((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok\n'); });
    const started = createServer(httpsOptions(config), listener);
    enforceClientAuth(started, config);
    server = started;
    await new Promise<void>((done) => started.listen(0, '127.0.0.1', done));
    return { port: (started.address() as AddressInfo).port, config };
  }

  interface Response { status: number; body: string; headers: IncomingMessage['headers']; protocol: string | null; cipher: string }
  function get(port: number, options: RequestOptions = {}): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/metrics', ca: certPem, agent: false, ...options }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => {
          const socket = res.socket as TLSSocket;
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  const verifiers: BasicAuthVerifier[] = [];
  afterEach(async () => { await Promise.all(verifiers.splice(0).map((v) => v.close())); });
  const basicAuthHandler = (config: LoadedWebConfig): RequestListener => {
    const verifier = new BasicAuthVerifier(config.basicAuthUsers);
    verifiers.push(verifier);
    return (req, res) => {
      void verifier.check(req.headers.authorization).then((outcome) => {
        if (outcome !== 'ok') return unauthorized(res);
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok\n');
      });
    };
  };
  const auth = (user: string, pass: string) => ({ headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` } });

  it('serves HTTPS that a client trusting the certificate accepts (TLS 1.3 by default)', async () => {
    const { port } = await serve('tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n');
    const response = await get(port);
    expect(response).toMatchObject({ status: 200, body: 'ok\n', protocol: 'TLSv1.3' });
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const { port } = await serve('tls_server_config: {cert_file: c.pem, key_file: k.pem}');
    await expect(get(port, { ca: undefined })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('checks basic auth over TLS', async () => {
    const hash = bcrypt.hashSync(password, 4);
    const { port } = await serve(`tls_server_config: {cert_file: c.pem, key_file: k.pem}\nbasic_auth_users:\n  alice: '${hash}'\n`, basicAuthHandler);
    const anonymous = await get(port);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="headroom"');
    expect((await get(port, auth('alice', password))).status).toBe(200);
    expect((await get(port, auth('alice', password))).body).toBe('ok\n'); // from the cache
    expect((await get(port, auth('alice', 'wrong'))).status).toBe(401);
    expect((await get(port, auth('mallory', password))).status).toBe(401);
  });

  it('honours max_version and TLS 1.2 cipher_suites', async () => {
    const { port } = await serve('tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n  max_version: TLS12\n  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n');
    expect(await get(port)).toMatchObject({ status: 200, protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' });
  });

  it('refuses clients below min_version', async () => {
    const { port } = await serve('tls_server_config: {cert_file: c.pem, key_file: k.pem, min_version: TLS13}');
    await expect(get(port, { maxVersion: 'TLSv1.2' })).rejects.toThrow();
  });

  it('requires and verifies client certificates with RequireAndVerifyClientCert', async () => {
    const { port } = await serve('tls_server_config: {cert_file: c.pem, key_file: k.pem, client_auth_type: RequireAndVerifyClientCert, client_ca_file: c.pem}');
    expect((await get(port, { cert: certPem, key: keyPem })).status).toBe(200);
    await expect(get(port)).rejects.toThrow();
  });

  it('closes connections without a client certificate under RequireAnyClientCert', async () => {
    const { port } = await serve('tls_server_config: {cert_file: c.pem, key_file: k.pem, client_auth_type: RequireAnyClientCert}');
    expect((await get(port, { cert: certPem, key: keyPem })).status).toBe(200);
    await expect(get(port)).rejects.toThrow();
  });
});
