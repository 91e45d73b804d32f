/** The horizontal bar chart the calculator's category charts share: one row per item, values along x. */
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

export function HorizontalBars<Row extends object>({ rows, categoryKey, categoryWidth, height, bars, format, legend = false, allowDecimals = true }: HorizontalBarsProps<Row>) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={allowDecimals} tickFormatter={(v: number) => format(v)} />
        <YAxis type="category" dataKey={categoryKey} width={categoryWidth} />
        <Tooltip formatter={(value) => format(Number(value))} />
        {legend ? <Legend /> : null}
        {bars.map((bar) => (
          <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={bar.color} isAnimationActive={false} {...(bar.stackId ? { stackId: bar.stackId } : {})} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
