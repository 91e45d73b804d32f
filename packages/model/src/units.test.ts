import { describe, expect, it } from 'vitest';
import { GiB, parseQuantity } from './units.ts';

describe('parseQuantity', () => {
  it.each([
    ['80 GiB', 'bytes', 80 * GiB],
    ['1.5 TB', 'bytes', 1.5e12],
    ['1 KiB', 'bytes', 1024],
    ['250 ms', 'seconds', 0.25],
    ['30 d', 'seconds', 30 * 86400],
    ['45 min', 'seconds', 2700],
    ['24 h', 'seconds', 86400],
    ['40 MB/s', 'bytesPerSecond', 40e6],
    [1234, 'bytes', 1234],
    ['8e9', 'bytes', 8e9],
  ] as const)('%s as %s', (input, dimension, expected) => {
    expect(parseQuantity(input, dimension)).toEqual({ ok: true, value: expected });
  });

  it('keeps bytes as bytes, not the bits mathjs uses as its base', () => {
    expect(parseQuantity('1 B', 'bytes')).toEqual({ ok: true, value: 1 });
  });

  it('rejects a quantity of the wrong dimension', () => {
    const result = parseQuantity('5 GiB', 'seconds');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not a duration/);
  });

  it('rejects text that is not a quantity', () => {
    expect(parseQuantity('lots', 'bytes').ok).toBe(false);
    expect(parseQuantity(Number.POSITIVE_INFINITY, 'bytes').ok).toBe(false);
  });
});
