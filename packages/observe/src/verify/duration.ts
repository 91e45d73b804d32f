/** Prometheus-style durations ("7d", "1h30m", "90s", "2w") to seconds and back. */

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Parses a Prometheus duration; returns undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) seconds += Number(amount) * UNITS[unit!]!;
  return seconds > 0 ? seconds : undefined;
}

/** Seconds as the shortest whole-unit Prometheus duration ("300" → "5m", "90" → "90s"). */
export function formatDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    if (seconds >= UNITS[unit]! && seconds % UNITS[unit]! === 0) return `${seconds / UNITS[unit]!}${unit}`;
  }
  return `${Math.max(1, Math.round(seconds))}s`;
}
