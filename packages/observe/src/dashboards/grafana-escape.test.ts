/**
 * grafanaSafeRegex: no `$` and no `[[` left for Grafana to interpolate, still RE2 the plan accepts,
 * and the same verdict as the original regex on pod names (re2js, RE2's semantics).
 */
import { re2SyntaxError } from '@headroom/model';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { grafanaSafeRegex } from './grafana-escape.ts';

/** Grafana's variable syntax: $name, ${name...}, [[name]] (public/app/features/variables/utils.ts). */
const GRAFANA_VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/;

const matches = (regex: string, pod: string) => RE2JS.compile(`^(?:${regex})$`).matches(pod);

describe('grafanaSafeRegex', () => {
  it.each([
    ['chat-.*$', 'chat-.*\\z'],
    ['price\\$[0-9]+', 'price\\x24[0-9]+'],
    ['[[a]]x', '[\\x5ba]]x'],
    ['[$a]', '[\\x24a]'],
    ['\\[[a]', '\\x5b[a]'],
    ['\\Q$[x]\\E-.*', '\\x24\\x5bx\\]-.*'],
    ['[[:alpha:]$]+', '[[:alpha:]\\x24]+'],
    ['[]$]', '[]\\x24]'],
  ])('rewrites %s as %s', (regex, safe) => {
    expect(grafanaSafeRegex(regex)).toBe(safe);
  });

  it('leaves nothing Grafana interpolates, stays valid RE2 and matches the same pod names', () => {
    const pieces = ['a', 'b', '-', '.', '*', '+', '?', '|', '(', ')', '$', '\\$', '[', ']', '[[', '[a$]', '[[a]]', '[^$]', '\\[', '\\Q$[a\\E', '${a}', '$a', '[[:alpha:]]', '\\d', '{2}', '^'];
    const pods = ['a', 'ab', 'a-b', '$', '$a', '[a', 'a]', 'aa', 'b$', '[[a]]', '${a}', '-', '1', 'x'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
      const regex = parts.join('');
      if (re2SyntaxError(regex) !== undefined) return;
      const safe = grafanaSafeRegex(regex);
      expect(re2SyntaxError(safe), safe).toBeUndefined();
      expect(GRAFANA_VARIABLE.test(safe), safe).toBe(false);
      for (const pod of pods) expect(matches(safe, pod), `${regex} -> ${safe} on ${pod}`).toBe(matches(regex, pod));
    }), { numRuns: 2000 });
  });
});
