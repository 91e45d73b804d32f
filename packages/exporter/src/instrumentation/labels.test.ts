import { describe, expect, it } from 'vitest';
import { codeLabel, methodLabel } from './labels.ts';

describe('methodLabel', () => {
  it('keeps the standard methods, upper-cased, and folds the rest into other', () => {
    expect(['GET', 'post', 'Patch', 'OPTIONS'].map(methodLabel)).toEqual(['GET', 'POST', 'PATCH', 'OPTIONS']);
    expect(['PROPFIND', 'BREW', '', undefined].map(methodLabel)).toEqual(['other', 'other', 'other', 'other']);
  });
});

describe('codeLabel', () => {
  it('collapses status codes to their class', () => {
    expect([100, 200, 204, 301, 404, 429, 500, 503].map(codeLabel)).toEqual(['1xx', '2xx', '2xx', '3xx', '4xx', '4xx', '5xx', '5xx']);
    expect(codeLabel('aborted')).toBe('aborted');
    expect([0, 99, 600, 200.5].map(codeLabel)).toEqual(['other', 'other', 'other', 'other']);
  });
});
