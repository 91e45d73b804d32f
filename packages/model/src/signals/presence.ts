/** Presence queries: a runtime metric published for at least one of the workload's pods (any of its names). */
export function presentWhen(...metrics: string[]): string {
  const series = metrics.map((m) => `${m}{{{selector}}}`).join(' or ');
  return `count {{by}} ((${series}) {{pods}})`;
}
