/** The horizontal bar chart the calculator's category charts share: one row per item, values along x. */
import { useCallback, useMemo } from 'react';
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
  /** The widest the category labels may take (px); longer names are shortened, the full name on hover. */
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

/**
 * Category ticks are drawn at 12 px (styles.css, .chart-category); an average character of the
 * system UI font at that size is under 7 px, so 7.2 px per character keeps a label inside its axis.
 */
const CATEGORY_CHAR_PX = 7.2;
/** Room between a label and its axis line (Recharts' tick size plus margin). */
const CATEGORY_GAP_PX = 14;

/** How many characters of a category name fit `width` px: the rest is cut to "…" (the name stays in the tick's title). */
export function categoryChars(width: number): number {
  return Math.max(4, Math.floor((width - CATEGORY_GAP_PX) / CATEGORY_CHAR_PX));
}

/** `name` cut to `chars` characters with an ellipsis, or whole when it fits. */
export function shortenCategory(name: string, chars: number): string {
  return name.length <= chars ? name : `${name.slice(0, Math.max(1, chars - 1))}…`;
}

/** A category label: whole when it fits the axis, else shortened with the full name as its SVG title (shown on hover). */
function CategoryTick({ x, y, payload, chars }: { x?: number; y?: number; payload?: { value?: unknown }; chars: number }) {
  const name = String(payload?.value ?? '');
  const shown = shortenCategory(name, chars);
  return (
    <text x={x} y={y} dy="0.355em" textAnchor="end" className="recharts-text recharts-cartesian-axis-tick-value chart-category">
      {shown === name ? null : <title>{name}</title>}
      {shown}
    </text>
  );
}

export function HorizontalBars<Row extends object>({ rows, categoryKey, categoryWidth, height, bars, format, legend = false, allowDecimals = true }: HorizontalBarsProps<Row>) {
  const tickFormatter = useCallback((v: number) => format(v), [format]);
  const tooltipFormatter = useCallback((value: unknown) => format(Number(value)), [format]);
  // The axis is as wide as its longest name needs, up to categoryWidth.
  const longest = rows.reduce((most, row) => Math.max(most, String((row as Record<string, unknown>)[categoryKey] ?? '').length), 0);
  const width = Math.min(categoryWidth, Math.ceil(longest * CATEGORY_CHAR_PX + CATEGORY_GAP_PX));
  const chars = categoryChars(width);
  const tick = useMemo(() => <CategoryTick chars={chars} />, [chars]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={allowDecimals} tickFormatter={tickFormatter} />
        <YAxis type="category" dataKey={categoryKey} width={width} tick={tick} interval={0} />
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
