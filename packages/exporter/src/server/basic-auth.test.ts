import type { ServerResponse } from 'node:http';
import bcrypt from 'bcryptjs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBasicAuth, clearBasicAuthCache, parseBasicAuth, unauthorized } from './basic-auth.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('parseBasicAuth', () => {
  it('splits at the first colon, so passwords may contain colons', () => {
    expect(parseBasicAuth(basic('alice', 'a:b:c'))).toEqual({ user: 'alice', password: 'a:b:c' });
    expect(parseBasicAuth(basic('alice', ''))).toEqual({ user: 'alice', password: '' });
    expect(parseBasicAuth(basic('ålice', 'pässword'))).toEqual({ user: 'ålice', password: 'pässword' });
  });

  it('takes the scheme case-insensitively with surrounding blanks', () => {
    expect(parseBasicAuth(`bAsIc   ${Buffer.from('u:p').toString('base64')} `)).toEqual({ user: 'u', password: 'p' });
  });

  it('refuses malformed headers', () => {
    for (const header of [
      undefined, '', 'Basic', 'Basic ', 'Bearer dTpw', `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Basic dTpw!', 'Basic dTp', 'Basic dTpw dTpw', `Basic ${Buffer.from([0x75, 0x3a, 0xff]).toString('base64')}`,
    ]) {
      expect(parseBasicAuth(header), String(header)).toBeUndefined();
    }
  });
});

describe('checkBasicAuth', () => {
  let users: Record<string, string>;

  beforeAll(() => {
    users = { alice: bcrypt.hashSync('s3cret:with:colons', 4), bob: bcrypt.hashSync('hunter2', 4) };
  });
  beforeEach(() => clearBasicAuthCache());

  it('accepts the right password and rejects a wrong one', () => {
    expect(checkBasicAuth(basic('alice', 's3cret:with:colons'), users)).toBe(true);
    expect(checkBasicAuth(basic('bob', 'hunter2'), users)).toBe(true);
    expect(checkBasicAuth(basic('alice', 's3cret'), users)).toBe(false);
    expect(checkBasicAuth(basic('alice', 'hunter2'), users)).toBe(false);
  });

  it('rejects an unknown user, including inherited property names', () => {
    expect(checkBasicAuth(basic('mallory', 'hunter2'), users)).toBe(false);
    expect(checkBasicAuth(basic('constructor', 'x'), users)).toBe(false);
    expect(checkBasicAuth(basic('__proto__', 'x'), users)).toBe(false);
  });

  it('rejects a missing or malformed header', () => {
    expect(checkBasicAuth(undefined, users)).toBe(false);
    expect(checkBasicAuth('Basic !!!', users)).toBe(false);
    expect(checkBasicAuth('Bearer abc', users)).toBe(false);
  });

  it('lets everything through when no users are configured (authentication off)', () => {
    expect(checkBasicAuth(undefined, {})).toBe(true);
  });

  it('accepts htpasswd\'s $2y$ and $2a$ prefixes', () => {
    const hash = bcrypt.hashSync('pw', 4);
    expect(checkBasicAuth(basic('u', 'pw'), { u: hash.replace(/^\$2b\$/, '$2y$') })).toBe(true);
    expect(checkBasicAuth(basic('u', 'pw'), { u: hash.replace(/^\$2b\$/, '$2a$') })).toBe(true);
  });

  it('does not take a cached success for a changed hash or password', () => {
    expect(checkBasicAuth(basic('alice', 's3cret:with:colons'), users)).toBe(true);
    expect(checkBasicAuth(basic('alice', 's3cret:with:colons'), { alice: bcrypt.hashSync('rotated', 4) })).toBe(false);
    expect(checkBasicAuth(basic('alice', 's3cret:with:colons!'), users)).toBe(false);
  });

  it('caches successful verifications (the second check skips bcrypt)', () => {
    const slow = { carol: bcrypt.hashSync('pw', 10) };
    let start = performance.now();
    expect(checkBasicAuth(basic('carol', 'pw'), slow)).toBe(true);
    const first = performance.now() - start;
    start = performance.now();
    expect(checkBasicAuth(basic('carol', 'pw'), slow)).toBe(true);
    const second = performance.now() - start;
    // Informational only; timing is not asserted.
    console.info(`basic auth at bcrypt cost 10: first check ${first.toFixed(1)} ms, cached check ${second.toFixed(3)} ms`);
  });
});

describe('unauthorized', () => {
  it('sends 401 with a Basic challenge', () => {
    const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
    const res = {
      writeHead(status: number, headers: Record<string, unknown>) { sent.status = status; sent.headers = headers; return this; },
      end(body: string) { sent.body = body; return this; },
    } as unknown as ServerResponse;
    unauthorized(res);
    expect(sent.status).toBe(401);
    expect(sent.headers?.['WWW-Authenticate']).toBe('Basic realm="headroom"');
    expect(sent.body).toBe('Unauthorized\n');
  });
});
