import { describe, expect, it } from 'vitest';
import { bytesQuantity, countQuantity, cpuQuantity, durationString } from './quantities.ts';

describe('cpuQuantity', () => {
  it('writes whole cores as integers and the rest in millicores, rounding up', () => {
    expect(cpuQuantity(4)).toBe('4');
    expect(cpuQuantity(64)).toBe('64');
    expect(cpuQuantity(3.5)).toBe('3500m');
    expect(cpuQuantity(0.25)).toBe('250m');
    expect(cpuQuantity(0.0001)).toBe('1m');
    expect(cpuQuantity(1.0004)).toBe('1001m');
  });
  it('ignores float noise', () => {
    expect(cpuQuantity(0.1 + 0.2)).toBe('300m');
    expect(cpuQuantity(4.000000000001)).toBe('4');
  });
});

describe('bytesQuantity', () => {
  it('rounds up to whole MiB and uses Gi when exact', () => {
    expect(bytesQuantity(2 ** 30)).toBe('1Gi');
    expect(bytesQuantity(512 * 2 ** 30)).toBe('512Gi');
    expect(bytesQuantity(1.5 * 2 ** 30)).toBe('1536Mi');
    expect(bytesQuantity(8267812044.799999)).toBe('7885Mi');
    expect(bytesQuantity(1)).toBe('1Mi');
    expect(bytesQuantity(0)).toBe('0');
  });
  it('never writes exponents or fractions, even for terabytes', () => {
    for (const bytes of [1e12, 266666666666.66666, 9.99e14]) expect(bytesQuantity(bytes)).toMatch(/^[0-9]+(Mi|Gi)$/);
    expect(bytesQuantity(1e12)).toBe('953675Mi');
  });
  it('rejects what is not a size', () => {
    expect(() => bytesQuantity(-1)).toThrow();
    expect(() => bytesQuantity(Number.NaN)).toThrow();
    expect(() => bytesQuantity(Infinity)).toThrow();
  });
});

describe('countQuantity and durationString', () => {
  it('write device counts and Prometheus durations', () => {
    expect(countQuantity(8)).toBe('8');
    expect(durationString(30)).toBe('30s');
    expect(durationString(15)).toBe('15s');
    expect(durationString(1.5)).toBe('1500ms');
    expect(durationString(3600)).toBe('3600s');
  });
});
