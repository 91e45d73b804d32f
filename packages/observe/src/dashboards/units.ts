/**
 * Signal units to Grafana unit ids. Signals already use Grafana's ids except "cores", which Grafana
 * lacks: it becomes a plain number with "cores" as the axis label. Any other unit Grafana does not
 * know (a new kind's "tokens") does the same, so no panel is ever without a unit.
 */
export interface PanelUnit {
  /** Grafana unit id (fieldConfig.defaults.unit). */
  unit: string;
  /** Axis label, and a title suffix, for units Grafana cannot show by itself. */
  label?: string;
}

/** The Grafana unit ids the generated panels use. */
const grafanaUnits = new Set(['short', 'none', 's', 'ms', 'bytes', 'decbytes', 'Bps', 'percentunit', 'percent', 'reqps', 'ops', 'dateTimeAsIso']);

export function panelUnit(unit: string): PanelUnit {
  if (grafanaUnits.has(unit)) return { unit };
  return { unit: 'short', label: unit };
}

/** A panel title that names the unit when the unit id does not ("CPU used (cores)"). */
export function titleWithUnit(title: string, unit: PanelUnit): string {
  return unit.label && !title.toLowerCase().includes(unit.label.toLowerCase()) ? `${title} (${unit.label})` : title;
}
