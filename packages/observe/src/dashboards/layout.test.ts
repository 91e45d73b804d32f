import { describe, expect, it } from 'vitest';
import { placePanels } from './layout.ts';
import type { PanelSpec } from './spec.ts';

const panel = (type: PanelSpec['type'], title: string): PanelSpec => ({ type, title, description: '', unit: { unit: 'short' }, queries: [] });

describe('placePanels', () => {
  it('puts stats in a strip above the timeseries, wrapping at 24 columns', () => {
    const { placed, height } = placePanels({ title: 's', panels: [panel('timeseries', 'a'), panel('stat', 's1'), panel('timeseries', 'b'), panel('stat', 's2'), panel('timeseries', 'c')] }, 3);
    expect(placed.map(({ spec, gridPos }) => [spec.title, gridPos])).toEqual([
      ['s1', { x: 0, y: 3, w: 8, h: 4 }],
      ['s2', { x: 8, y: 3, w: 8, h: 4 }],
      ['a', { x: 0, y: 7, w: 12, h: 8 }],
      ['b', { x: 12, y: 7, w: 12, h: 8 }],
      ['c', { x: 0, y: 15, w: 12, h: 8 }],
    ]);
    expect(height).toBe(20);
  });

  it('uses the section\'s width for timeseries', () => {
    const { placed } = placePanels({ title: 's', width: 8, panels: [panel('timeseries', 'a'), panel('timeseries', 'b'), panel('timeseries', 'c'), panel('timeseries', 'd')] }, 0);
    expect(placed.map(({ gridPos }) => [gridPos.x, gridPos.y])).toEqual([[0, 0], [8, 0], [16, 0], [0, 8]]);
  });
});
