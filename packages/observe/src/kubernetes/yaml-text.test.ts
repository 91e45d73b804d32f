import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { manifestsText, manifestText } from './yaml-text.ts';

describe('manifestText', () => {
  it('quotes strings YAML 1.1 would read as booleans or numbers', () => {
    const text = manifestText({ object: { a: 'on', b: 'yes', c: '1', d: 'off', e: 'y', n: 'x' } });
    expect(text).toContain('a: "on"');
    expect(text).toContain('b: "yes"');
    expect(text).toContain('c: "1"');
    expect(text).toContain('"n": x');
    expect(parse(text, { version: '1.1' })).toEqual({ a: 'on', b: 'yes', c: '1', d: 'off', e: 'y', n: 'x' });
  });
  it('writes comments above the document and above keys', () => {
    const text = manifestText({ object: { spec: { metrics: [1], other: 2 } }, comment: 'top\nsecond', keyComments: [{ path: ['spec', 'metrics'], comment: 'about metrics' }] });
    expect(text).toBe('# top\n# second\n\nspec:\n  # about metrics\n  metrics:\n    - 1\n  other: 2\n');
  });
  it('fails loudly on a comment for a key that does not exist', () => {
    expect(() => manifestText({ object: { a: 1 }, keyComments: [{ path: ['b'], comment: 'x' }] })).toThrow(/no key b/);
  });
  it('neither aliases repeated objects nor folds long lines', () => {
    const labels = { app: 'x' };
    const long = `${'word '.repeat(40)}end`;
    const text = manifestText({ object: { a: labels, b: labels, long } });
    expect(text).not.toMatch(/[&*]a1/);
    expect(text).toContain(`long: ${long}`);
  });
});

describe('manifestsText', () => {
  it('writes a header and separates documents', () => {
    const text = manifestsText('header line', [{ object: { a: 1 } }, { object: { b: 2 }, comment: 'second' }]);
    expect(text.startsWith('# header line\n\n')).toBe(true);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
