/**
 * A pod name that a workload's pod regex matches, for test fixtures. Handles the regex subset pod
 * patterns use (literals, escapes, \d \w \s, classes, groups with alternation, quantifiers) and
 * RE2's own forms the plan accepts (flags, (?P<name>...), \x{..}, \Q...\E, [[:alpha:]], \pL); the
 * result is checked with re2js (RE2's semantics, as Prometheus matches) and an unsupported pattern
 * is reported, never guessed.
 */
import { RE2JS } from 're2js';

export function examplePodName(regex: string): string {
  let i = 0;
  const parseAlternation = (): string => {
    const first = parseSequence();
    while (regex[i] === '|') {
      i++;
      parseSequence();
    }
    return first;
  };
  const parseSequence = (): string => {
    let out = '';
    while (i < regex.length && regex[i] !== '|' && regex[i] !== ')') {
      const atom = parseAtom();
      out += applyQuantifier(atom);
    }
    return out;
  };
  const applyQuantifier = (atom: string): string => {
    const c = regex[i];
    if (c === '*' || c === '?') { i++; skipLazy(); return ''; }
    if (c === '+') { i++; skipLazy(); return atom; }
    if (c === '{') {
      const close = regex.indexOf('}', i);
      const min = Number(regex.slice(i + 1, close).split(',')[0]);
      i = close + 1;
      skipLazy();
      return atom.repeat(min);
    }
    return atom;
  };
  const skipLazy = () => { if (regex[i] === '?') i++; };
  const parseAtom = (): string => {
    const c = regex[i++]!;
    if (c === '(') {
      // (?:, (?i:, (?P<name>: a group; (?i) alone sets flags and holds nothing.
      const open = /^\?(?:P<\w+>|[imsU-]*:|[imsU-]*\))/.exec(regex.slice(i));
      if (open) {
        i += open[0].length;
        if (open[0].endsWith(')')) return '';
      }
      const inner = parseAlternation();
      i++; // ')'
      return inner;
    }
    if (c === '[') {
      const negated = regex[i] === '^';
      const start = negated ? i + 1 : i;
      const posix = /^\[:(\^?)(\w+):\]/.exec(regex.slice(start));
      // A class ends at the first "]" after its first member ("[]a]" holds "]").
      const close = posix ? regex.indexOf(']', start + posix[0].length) : regex.indexOf(']', start + 1);
      const body = regex.slice(start, close);
      i = close + 1;
      if (negated) return 'x';
      if (posix) return ({ digit: '0', xdigit: '0', space: ' ', blank: ' ', punct: '-', cntrl: '\x01' } as Record<string, string>)[posix[2]!] ?? 'a';
      return body.startsWith('\\') ? escaped(body.slice(1)) : body[0]!;
    }
    if (c === '\\') {
      if (regex[i] === 'Q') {
        const end = regex.indexOf('\\E', i);
        const quoted = regex.slice(i + 1, end === -1 ? regex.length : end);
        i = end === -1 ? regex.length : end + 2;
        return quoted;
      }
      const rest = regex.slice(i);
      const long = /^(?:x\{[0-9A-Fa-f]+\}|x[0-9A-Fa-f]{2}|[0-7]{1,3}|[pP]\{\^?\w+\}|[pP]\w)/.exec(rest);
      const escape = long ? long[0] : regex[i]!;
      i += escape.length;
      return escaped(escape);
    }
    if (c === '.') return 'x';
    if (c === '^' || c === '$') return '';
    return c;
  };
  /** A character an escape (without its backslash) matches. */
  const escaped = (e: string): string => {
    if (/^x\{/.test(e)) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (/^x[0-9A-Fa-f]{2}$/.test(e)) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]{1,3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (/^p/.test(e)) return ({ Greek: 'α', Cyrillic: 'ж', Han: '中', N: '0', Nd: '0', Lu: 'A', Z: ' ', Zs: ' ', P: '-', S: '+' } as Record<string, string>)[e.replace(/^p\{?|\}$/g, '')] ?? 'a';
    if (/^P/.test(e)) return /^P\{?L/.test(e) ? '0' : 'a';
    if ('AzbB'.includes(e)) return '';
    return ({ d: '0', w: 'a', s: ' ', D: 'x', W: '-', S: 'x', a: '\x07', f: '\f', t: '\t', n: '\n', r: '\r', v: '\v' } as Record<string, string>)[e] ?? e;
  };
  const example = parseAlternation();
  if (!RE2JS.compile(`^(?:${regex})$`).matches(example)) {
    throw new Error(`cannot derive an example pod name from the regex ${JSON.stringify(regex)} for rule tests`);
  }
  return example;
}
