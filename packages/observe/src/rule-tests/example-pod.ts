/**
 * A pod name that a workload's pod regex matches, for test fixtures. Handles the regex subset pod
 * patterns use (literals, escapes, \d \w \s, classes, groups with alternation, quantifiers); the
 * result is checked against the regex and an unsupported pattern is reported, never guessed.
 */
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
      if (regex[i] === '?') i += regex[i + 1] === ':' ? 2 : 0;
      const inner = parseAlternation();
      i++; // ')'
      return inner;
    }
    if (c === '[') {
      const negated = regex[i] === '^';
      const close = regex.indexOf(']', i + 1);
      const body = regex.slice(negated ? i + 1 : i, close);
      i = close + 1;
      if (negated) return 'x';
      return body.startsWith('\\') ? classChar(body[1]!) : body[0]!;
    }
    if (c === '\\') return classChar(regex[i++]!);
    if (c === '.') return 'x';
    if (c === '^' || c === '$') return '';
    return c;
  };
  const classChar = (c: string) => ({ d: '0', w: 'a', s: ' ', D: 'x', W: '-', S: 'x' } as Record<string, string>)[c] ?? c;
  const example = parseAlternation();
  if (!new RegExp(`^(?:${regex})$`).test(example)) {
    throw new Error(`cannot derive an example pod name from the regex ${JSON.stringify(regex)} for rule tests`);
  }
  return example;
}
