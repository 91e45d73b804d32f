import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, redactUrlCredentials, safeForTerminal } from './terminal.ts';

describe('terminal safety', () => {
  it('redacts passwords and tokens in URLs anywhere in a message', () => {
    expect(redactUrlCredentials('cannot reach http://alice:hunter2@prom:9090/x; also https://tok@host/ and http://plain/')).toBe('cannot reach http://alice:***@prom:9090/x; also https://***@host/ and http://plain/');
  });

  it('escapes control characters but keeps line feeds and tabs, and leaves JSON valid', () => {
    const hostile = 'error\u001b]0;pwned\u0007 \u001b[2J\u009b31m\r\nnext\tline\n';
    expect(escapeControlCharacters(hostile)).toBe('error\\u001b]0;pwned\\u0007 \\u001b[2J\\u009b31m\\u000d\nnext\tline\n');
    const json = JSON.stringify({ message: 'a\u0085b\u007f' });
    expect(JSON.parse(safeForTerminal(json))).toEqual({ message: 'a\u0085b\u007f' });
  });
});
