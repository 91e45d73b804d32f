/**
 * re2SyntaxError against an oracle: re2js (a JavaScript port of RE2/J, itself a port of Go's
 * regexp). Whatever the checker accepts, the oracle compiles; what JavaScript takes and RE2 does
 * not is refused with a message naming the construct. promtool's own verdict on accepted patterns
 * is checked in test/integration/promtool.test.ts.
 */
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { re2SyntaxError } from './re2.ts';

function oracleAccepts(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Patterns a plan's match.pod plausibly holds, and RE2's corners. */
const accepted = [
  'chat-.*', 'chat-(a|b)\\d-.*', 'ranker-[0-9a-f]{8,10}-[a-z0-9]{5}', '(?i)Chat-.*', '(?P<deploy>chat)-.*', '(?:a|b)+?',
  '[[:alpha:]]+', '[[:^digit:]]', '\\pL+', '\\p{Greek}\\P{Lu}', '\\x{1F600}|\\x41', '\\Qa.b\\E+', '\\Q*', '[]a]', '[^]a-]',
  '\\012\\0', '\\a\\f\\t\\n\\r\\v', '^$', '^*', 'a{2}', 'a{2,}', 'a{2,5}?', 'a{,5}', 'x{', '(?s:.)', '(?i-s:a.)', '\\bword\\B', '\\Aa\\z',
  '[\\d\\s-]', '[a\\-z]', '\\.\\*\\[\\]', 'a{1000}', '()', '(|a)', 'é+', '😀+', '[😀-😂]',
];

const refused: [string, RegExp][] = [
  ['a(?=b)', /lookahead "\(\?=" is not supported by RE2/],
  ['a(?!b)', /lookahead "\(\?!"/],
  ['(?<=a)b', /lookbehind "\(\?<="/],
  ['(?<!a)b', /lookbehind "\(\?<!"/],
  ['(a)\\1', /backreference "\\1" is not supported by RE2/],
  ['(?<name>a)', /named group "\(\?<name>...\)" is not accepted by Prometheus 2.42.*write "\(\?P<name>...\)"/],
  ['a)|(b', /unexpected "\)" at position 2: the pattern must be balanced on its own/],
  ['(a', /missing closing "\)"/],
  ['[a', /missing closing "\]"/],
  ['*a', /missing argument to repetition operator "\*" at position 1/],
  ['a**', /stacked repetition operators/],
  ['a++', /stacked repetition operators/],
  ['a{2}*', /stacked repetition operators/],
  ['a{1001}', /invalid repeat count "\{1001\}"/],
  ['a{3,2}', /invalid repeat count/],
  ['\\u0041', /invalid escape sequence "\\u" \(write \\x\{0041\} for a code point\)/],
  ['\\k<x>', /invalid escape sequence "\\k"/],
  ['\\cA', /invalid escape sequence "\\c"/],
  ['\\Z', /invalid escape sequence "\\Z"/],
  ['a\\', /trailing backslash/],
  ['[z-a]', /invalid character class range "z-a"/],
  ['[[:alfa:]]', /unknown character class "\[:alfa:\]"/],
  ['\\p{Klingon}', /unknown or unsupported Unicode class/],
  ['\\x4', /\\x takes two hexadecimal digits/],
  ['[\\b]', /invalid escape sequence "\\b"/],
  ['(?x)a', /invalid or unsupported Perl syntax/],
  ['(?i-)a', /invalid or unsupported Perl syntax/],
  ['x'.repeat(1001), /is 1001 characters long; at most 1000/],
];

describe('re2SyntaxError', () => {
  it.each(accepted)('accepts %s, as RE2 does', (pattern) => {
    expect(re2SyntaxError(pattern)).toBeUndefined();
    expect(oracleAccepts(pattern)).toBe(true);
  });

  it.each(refused)('refuses %s, naming the construct', (pattern, message) => {
    expect(re2SyntaxError(pattern)).toMatch(message);
    expect(re2SyntaxError(pattern)).toMatch(/^(is not a regular expression Prometheus accepts \(RE2 syntax\): |is \d+ characters long)/);
  });

  it('never accepts what the oracle refuses, over random patterns from regex syntax pieces', () => {
    const pieces = ['a', 'b', '.', '*', '+', '?', '|', '(', ')', '(?:', '(?i)', '(?P<n>', '(?<n>', '(?=', '[', ']', '^', '-', '{2}', '{1,3}', '{', '}',
      '\\', '\\d', '\\1', '\\x41', '\\x{41}', '\\pL', '\\p{Greek}', '\\Q', '\\E', '[:alpha:]', '$', ',', '0', 'é', '\\u0041', '\\b', '(?P<m>', '\\Q\\E', '{,2}', '\\x{110000}', '(?s-i:'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const pattern = parts.join('');
      if (re2SyntaxError(pattern) === undefined) expect(oracleAccepts(pattern), pattern).toBe(true);
    }), { numRuns: 5000 });
  });

  it('takes linear time on long hostile patterns', () => {
    expect(re2SyntaxError('('.repeat(999))).toMatch(/missing closing/);
    expect(re2SyntaxError('[a-'.repeat(300))).toMatch(/\]|range/);
  });
});
