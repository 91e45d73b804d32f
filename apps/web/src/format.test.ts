import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatUsd, formatValue } from './format.ts';

describe('format', () => {
  it('writes bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(80 * 2 ** 30)).toBe('80 GiB');
    expect(formatBytes(1.5 * 2 ** 40)).toBe('1.5 TiB');
    expect(formatBytes(16e9)).toBe('14.9 GiB');
  });

  it('writes USD with cents only for small amounts', () => {
    expect(formatUsd(45193.33)).toBe('$45,193');
    expect(formatUsd(1.5)).toBe('$1.50');
  });

  it('writes plain numbers readably', () => {
    expect(formatNumber(451369)).toBe('451,369');
    expect(formatNumber(0.0229205)).toBe('0.0229');
    expect(formatNumber(6.7e19)).toBe('6.70e+19');
  });

  it('formats by the unit an explain step names', () => {
    expect(formatValue(0.05, 's')).toBe('50 ms');
    expect(formatValue(0.7, 'ratio')).toBe('70 %');
    expect(formatValue(3, 'GPUs')).toBe('3 GPUs');
    expect(formatValue(2 ** 31, 'bytes')).toBe('2 GiB');
  });
});
