/**
 * A loaded web-config's tls_server_config as node:https server options.
 *
 * client_auth_type maps onto Node's requestCert/rejectUnauthorized; two of Go's policies have no
 * Node option of their own (RequireAnyClientCert: a certificate must be sent but is not verified;
 * VerifyClientCertIfGiven: a certificate may be absent but, if sent, must verify), so
 * `enforceClientAuth` closes the connections that break them right after the handshake, as Node
 * itself does for rejectUnauthorized.
 *
 * cipher_suites, as in Go, restricts TLS 1.2 suites; TLS 1.3 keeps Node's defaults unless TLS 1.3
 * suites are listed too (Go ignores those; Node can honour them).
 */
import type { ServerOptions } from 'node:https';
import { DEFAULT_CIPHERS, type SecureVersion, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { opensslCipherName, opensslCurveName, type ClientAuthType, type LoadedWebConfig, type TlsVersionName } from './web-config.ts';

const VERSIONS: Readonly<Record<TlsVersionName, SecureVersion>> = { TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };

/** The `ciphers` string: the listed TLS 1.2 and TLS 1.3 suites, each version falling back to Node's defaults. */
export function nodeCiphers(goNames: readonly string[]): string {
  const defaults = DEFAULT_CIPHERS.split(':');
  const names = goNames.map(opensslCipherName);
  const tls13 = names.filter((name) => name.startsWith('TLS_'));
  const tls12 = names.filter((name) => !name.startsWith('TLS_'));
  return [
    ...(tls13.length > 0 ? tls13 : defaults.filter((name) => name.startsWith('TLS_'))),
    ...(tls12.length > 0 ? tls12 : defaults.filter((name) => !name.startsWith('TLS_'))),
  ].join(':');
}

function clientAuthOptions(type: ClientAuthType): Pick<ServerOptions, 'requestCert' | 'rejectUnauthorized'> {
  switch (type) {
    case 'NoClientCert':
      return { requestCert: false, rejectUnauthorized: false };
    case 'RequestClientCert':
    case 'RequireAnyClientCert': // presence enforced by enforceClientAuth
    case 'VerifyClientCertIfGiven': // verification enforced by enforceClientAuth
      return { requestCert: true, rejectUnauthorized: false };
    case 'RequireAndVerifyClientCert':
      return { requestCert: true, rejectUnauthorized: true };
  }
}

/** node:https options for a web-config with a tls_server_config (throws without one). */
export function httpsOptions(config: LoadedWebConfig): ServerOptions {
  const tls = config.tls;
  if (!tls) throw new Error(`${config.file}: has no tls_server_config; serve plain HTTP`);
  const options: ServerOptions = {
    cert: tls.certPem,
    key: tls.keyPem,
    minVersion: VERSIONS[tls.minVersion],
    maxVersion: VERSIONS[tls.maxVersion],
    honorCipherOrder: tls.preferServerCipherSuites,
    ...clientAuthOptions(tls.clientAuthType),
  };
  if (tls.clientCaPem !== undefined) options.ca = tls.clientCaPem;
  if (tls.cipherSuites.length > 0) options.ciphers = nodeCiphers(tls.cipherSuites);
  if (tls.curvePreferences.length > 0) options.ecdhCurve = tls.curvePreferences.map(opensslCurveName).join(':');
  return options;
}

/**
 * Why a TLS connection breaks the client-auth policy, or undefined when it does not. Only
 * RequireAnyClientCert and VerifyClientCertIfGiven need this; Node enforces the others itself.
 */
export function clientCertProblem(type: ClientAuthType, socket: TLSSocket): string | undefined {
  const certificate = socket.getPeerCertificate();
  const presented = certificate !== null && typeof certificate === 'object' && Object.keys(certificate).length > 0;
  if (type === 'RequireAnyClientCert' && !presented) return 'no client certificate (client_auth_type RequireAnyClientCert)';
  if (type === 'VerifyClientCertIfGiven' && presented && !socket.authorized) {
    return `client certificate not verified: ${String(socket.authorizationError)} (client_auth_type VerifyClientCertIfGiven)`;
  }
  return undefined;
}

/**
 * Closes, right after the handshake, the connections that break RequireAnyClientCert or
 * VerifyClientCertIfGiven. Call it on the server created with `httpsOptions(config)`; a no-op for
 * the other policies and without TLS.
 */
export function enforceClientAuth(server: TlsServer, config: LoadedWebConfig, log?: (message: string) => void): void {
  const type = config.tls?.clientAuthType;
  if (type !== 'RequireAnyClientCert' && type !== 'VerifyClientCertIfGiven') return;
  server.on('secureConnection', (socket: TLSSocket) => {
    const problem = clientCertProblem(type, socket);
    if (problem === undefined) return;
    log?.(`headroom serve: refused a TLS connection from ${socket.remoteAddress ?? 'unknown'}: ${problem}`);
    socket.destroy();
  });
}
