/** The horizontal bar chart the calculator's category charts share: one row per item, values along x. */
import { useCallback } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface BarSeries {
  key: string;
  name: string;
  color: string;
  /** Bars with the same stackId stack into one. */
  stackId?: string;
}

export interface HorizontalBarsProps<Row extends object> {
  rows: Row[];
  /** Field of each row naming its category (drawn on the y axis). */
  categoryKey: string;
  categoryWidth: number;
  height: number;
  bars: readonly BarSeries[];
  format: (value: number) => string;
  legend?: boolean;
  allowDecimals?: boolean;
}

/**
 * Props handed to Recharts keep their identity from render to render (module constants, memoised
 * formatters): Recharts compares them to decide what to recompute, and a new object or function
 * each render makes it redo the whole chart on every edit (docs/benchmarks.md, "Main thread").
 */
const MARGIN = { left: 8, right: 24 };

export function HorizontalBars<Row extends object>({ rows, categoryKey, categoryWidth, height, bars, format, legend = false, allowDecimals = true }: HorizontalBarsProps<Row>) {
  const tickFormatter = useCallback((v: number) => format(v), [format]);
  const tooltipFormatter = useCallback((value: unknown) => format(Number(value)), [format]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={allowDecimals} tickFormatter={tickFormatter} />
        <YAxis type="category" dataKey={categoryKey} width={categoryWidth} />
        <Tooltip formatter={tooltipFormatter} />
        {legend ? <Legend /> : null}
        {bars.map((bar) => (
          <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={bar.color} isAnimationActive={false} {...(bar.stackId ? { stackId: bar.stackId } : {})} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A caption's note when a chart shows only the first `shown` of `of` items (Charts.tsx, CHART_WORKLOADS). */
export function shownOf(shown: number, of: number, items: string): string {
  return shown < of ? ` (the first ${shown} of ${of.toLocaleString('en-US')} ${items}; the workload table lists all)` : '';
}
