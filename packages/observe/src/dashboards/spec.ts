/**
 * What a panel shows, before layout and before the Grafana SDK: plain data, so the generic rules
 * (signals → panels) are testable without reading dashboard JSON.
 */
import type { PanelUnit } from './units.ts';

export interface QuerySpec {
  expr: string;
  legend: string;
  /** A line to compare against (the plan, an SLO): drawn red and dashed, never filled. */
  reference?: boolean;
  /** The reference line's colour when not red (the growth forecast beside the plan: orange). */
  referenceColor?: string;
}

export interface ThresholdStep {
  /** null for the base step. */
  value: number | null;
  color: string;
}

export interface PanelSpec {
  type: 'timeseries' | 'stat';
  title: string;
  /** What the panel shows and what good looks like ("Good: ..."). */
  description: string;
  unit: PanelUnit;
  queries: QuerySpec[];
  thresholds?: ThresholdStep[];
}

/** A titled group of panels: a Grafana row. */
export interface Section {
  title: string;
  panels: PanelSpec[];
  /** Collapsed rows hold their panels and query nothing until opened. */
  collapsed?: boolean;
  /** Panel width in grid columns (of 24) for this section's timeseries. */
  width?: number;
}
