import { describe, expect, it } from 'vitest';
import { exactIfDifferent, formatBytes, formatExact, formatNumber, formatUsd, formatValue } from './format.ts';

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

  it('writes counts singular or plural as the number reads', () => {
    expect(formatValue(1, 'GPUs')).toBe('1 GPU');
    expect(formatValue(2, 'GPUs')).toBe('2 GPUs');
    expect(formatValue(1, 'replicas')).toBe('1 replica');
    expect(formatValue(0, 'nodes')).toBe('0 nodes');
    expect(formatValue(1.25, 'replicas')).toBe('1.25 replicas');
    expect(formatValue(1, 'series')).toBe('1 series');
    expect(formatValue(1, 'GPU·h')).toBe('1 GPU-hour');
    expect(formatValue(498.6, 'GPU·h')).toBe('499 GPU-hours');
  });

  it('writes hourly prices in USD per hour', () => {
    expect(formatValue(6.88, 'USD/hour')).toBe('$6.88/h');
    expect(formatValue(55.04, 'USD/hour')).toBe('$55.04/h');
  });

  it('writes the exact value in the base unit, every digit a double holds', () => {
    expect(formatExact(141_200_000_000, 'bytes')).toBe('141,200,000,000 bytes');
    expect(formatExact(0.022920569722814498, 's')).toBe('0.022920569722814498 s');
    expect(formatExact(0.30000000000000004, '')).toBe('0.30000000000000004');
    expect(Number(formatExact(1 / 3, '').replace(/,/g, ''))).toBe(1 / 3);
  });

  it('adds the exact value only where the human form rounded or converted it', () => {
    expect(exactIfDifferent(1, 'GPUs', formatValue(1, 'GPUs'))).toBeUndefined();
    expect(exactIfDifferent(4, 'cores', formatValue(4, 'cores'))).toBeUndefined();
    expect(exactIfDifferent(16e9, 'bytes', formatValue(16e9, 'bytes'))).toBe('16,000,000,000 bytes');
    expect(exactIfDifferent(0.7, 'ratio', formatValue(0.7, 'ratio'))).toBe('0.7');
    expect(exactIfDifferent(1.2561565133259567, 'replicas', formatValue(1.2561565133259567, 'replicas'))).toBe('1.2561565133259567 replicas');
    expect(formatExact(1, 'GPUs')).toBe('1 GPU');
  });
});
