import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import bcrypt from 'bcryptjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuthVerifier, MAX_WAITING_VERIFICATIONS, parseBasicAuth, pauseConnectionAfter, unauthorized } from './basic-auth.ts';

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

describe('BasicAuthVerifier', () => {
  let users: Record<string, string>;
  const verifiers: BasicAuthVerifier[] = [];
  const verifier = (of: Record<string, string> = users) => {
    const created = new BasicAuthVerifier(of);
    verifiers.push(created);
    return created;
  };

  beforeAll(() => {
    users = { alice: bcrypt.hashSync('s3cret:with:colons', 4), bob: bcrypt.hashSync('hunter2', 4) };
  });
  afterEach(async () => { await Promise.all(verifiers.splice(0).map((v) => v.close())); });

  it('accepts the right password and rejects a wrong one', async () => {
    const check = verifier();
    expect(await check.check(basic('alice', 's3cret:with:colons'))).toBe('ok');
    expect(await check.check(basic('bob', 'hunter2'))).toBe('ok');
    expect(await check.check(basic('alice', 's3cret'))).toBe('denied');
    expect(await check.check(basic('alice', 'hunter2'))).toBe('denied');
  });

  it('rejects an unknown user, including inherited property names', async () => {
    const check = verifier();
    expect(await check.check(basic('mallory', 'hunter2'))).toBe('denied');
    expect(await check.check(basic('constructor', 'x'))).toBe('denied');
    expect(await check.check(basic('__proto__', 'x'))).toBe('denied');
  });

  it('rejects a missing or malformed header', async () => {
    const check = verifier();
    expect(await check.check(undefined)).toBe('denied');
    expect(await check.check('Basic !!!')).toBe('denied');
    expect(await check.check('Bearer abc')).toBe('denied');
  });

  it('lets everything through when no users are configured (authentication off)', async () => {
    expect(await verifier({}).check(undefined)).toBe('ok');
  });

  it('accepts htpasswd\'s $2y$ and $2a$ prefixes', async () => {
    const hash = bcrypt.hashSync('pw', 4);
    expect(await verifier({ u: hash.replace(/^\$2b\$/, '$2y$') }).check(basic('u', 'pw'))).toBe('ok');
    expect(await verifier({ u: hash.replace(/^\$2b\$/, '$2a$') }).check(basic('u', 'pw'))).toBe('ok');
  });

  it('does not take a cached success for a changed hash or password', async () => {
    expect(await verifier().check(basic('alice', 's3cret:with:colons'))).toBe('ok');
    expect(await verifier({ alice: bcrypt.hashSync('rotated', 4) }).check(basic('alice', 's3cret:with:colons'))).toBe('denied');
    const check = verifier();
    expect(await check.check(basic('alice', 's3cret:with:colons'))).toBe('ok');
    expect(await check.check(basic('alice', 's3cret:with:colons!'))).toBe('denied');
  });

  it('answers busy at once beyond the bound of waiting verifications, and still verifies the ones it took', async () => {
    // check() takes its place in the queue synchronously, so the whole burst is counted before any comparison ends.
    const check = verifier({ carol: bcrypt.hashSync('pw', 5) });
    const burst = Array.from({ length: MAX_WAITING_VERIFICATIONS + 6 }, (_, i) => check.check(basic('carol', `wrong-${i}`)));
    const outcomes = await Promise.all(burst);
    expect(outcomes.filter((o) => o === 'denied')).toHaveLength(MAX_WAITING_VERIFICATIONS + 1);
    expect(outcomes.filter((o) => o === 'busy')).toHaveLength(5);
    // Answered from the cache of failures now, without waiting for the worker.
    expect(await check.check(basic('carol', 'wrong-0'))).toBe('denied');
  });

  it('verifies the same credential once when many requests carry it together', async () => {
    const check = verifier({ carol: bcrypt.hashSync('pw', 5) });
    const same = await Promise.all(Array.from({ length: 3 * MAX_WAITING_VERIFICATIONS }, () => check.check(basic('carol', 'pw'))));
    expect(new Set(same)).toEqual(new Set(['ok']));
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

describe('pauseConnectionAfter', () => {
  it('stops reading the connection once the answer has gone out, and resumes it after the pause', async () => {
    const paused = new Promise<{ socket: Socket; pausedAfterAnswer: boolean }>((resolve) => {
      const server = createServer((req, res) => {
        pauseConnectionAfter(res, 200);
        res.on('finish', () => setImmediate(() => setImmediate(() => resolve({ socket: req.socket, pausedAfterAnswer: req.socket.isPaused() }))));
        unauthorized(res);
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        void fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).finally(() => {
          setTimeout(() => { server.closeAllConnections(); server.close(); }, 300);
        });
      });
    });
    const { socket, pausedAfterAnswer } = await paused;
    expect(pausedAfterAnswer).toBe(true);
    await new Promise<void>((resolve) => { const check = () => (socket.destroyed || !socket.isPaused() ? resolve() : setTimeout(check, 20)); check(); });
  });
});
