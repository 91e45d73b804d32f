/**
 * Multiwindow, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs", table 5-8 for a
 * 30-day SLO): each alert needs both a long and a short window above the burn rate. Kept as data.
 */
export interface BurnRateAlert {
  name: string;
  severity: 'critical' | 'warning';
  for: string;
  windows: { long: string; short: string; burnRate: number }[];
}

export const burnRateAlerts: readonly BurnRateAlert[] = [
  // Page: 2% of the budget in 1 hour, or 5% in 6 hours.
  { name: 'HeadroomLatencySLOBurnFast', severity: 'critical', for: '2m', windows: [{ long: '1h', short: '5m', burnRate: 14.4 }, { long: '6h', short: '30m', burnRate: 6 }] },
  // Ticket: 10% of the budget in 3 days (burn 1 over 3d), or 10% in 1 day (burn 3 over 1d).
  { name: 'HeadroomLatencySLOBurnSlow', severity: 'warning', for: '15m', windows: [{ long: '1d', short: '2h', burnRate: 3 }, { long: '3d', short: '6h', burnRate: 1 }] },
];

export const sloWindows: readonly string[] = [...new Set(burnRateAlerts.flatMap((a) => a.windows.flatMap((w) => [w.short, w.long])))]
  .sort((a, b) => durationSeconds(a) - durationSeconds(b));

export function durationSeconds(duration: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(duration);
  if (!match) throw new Error(`internal: unsupported duration ${duration}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
