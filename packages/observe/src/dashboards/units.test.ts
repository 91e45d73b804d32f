import { describe, expect, it } from 'vitest';
import { panelUnit, titleWithUnit } from './units.ts';

describe('panelUnit', () => {
  it('passes Grafana unit ids through', () => {
    for (const unit of ['reqps', 'bytes', 's', 'percentunit', 'Bps', 'short']) expect(panelUnit(unit)).toEqual({ unit });
  });

  it('shows cores and unknown units as a plain number with a label', () => {
    expect(panelUnit('cores')).toEqual({ unit: 'short', label: 'cores' });
    expect(panelUnit('tokens')).toEqual({ unit: 'short', label: 'tokens' });
  });

  it('names the label in the title unless the title already does', () => {
    expect(titleWithUnit('CPU used', panelUnit('cores'))).toBe('CPU used (cores)');
    expect(titleWithUnit('CPU cores used', panelUnit('cores'))).toBe('CPU cores used');
    expect(titleWithUnit('Memory used', panelUnit('bytes'))).toBe('Memory used');
  });
});
