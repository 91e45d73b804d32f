/**
 * The explanation of a value fitted by `headroom verify --calibrate`: one step per entry of the
 * workload's `calibration:` block whose value is still in effect, naming the fit's queries, range,
 * error and points; a warning when the value in effect is no longer the fitted one.
 */
import type { Assumptions } from '../catalog/assumptions.ts';
import type { Workload } from '../schema/plan.ts';
import type { Trail } from './explain.ts';

const UNITS: Record<string, string> = { serviceTime: 's', throughputPerCore: 'B/s', cpuCoresPerWorker: 'cores' };

export function explainCalibration(w: Workload, assumptions: Assumptions, trail: Trail): void {
  for (const [name, p] of Object.entries(w.calibration ?? {})) {
    if (p === undefined) continue;
    const inEffect = name in assumptions ? assumptions[name as keyof Assumptions] : (w as unknown as Record<string, unknown>)[name];
    if (typeof inEffect !== 'number' || Math.abs(inEffect - p.value) > 1e-9 * Math.max(1, Math.abs(p.value))) {
      trail.warn('CALIBRATION_OVERRIDDEN', `calibration.${name} records a fitted ${p.value} (${p.fittedAt}), but the plan now sizes with ${String(inEffect)}: the provenance no longer describes the value; run verify --calibrate again or remove the entry.`);
      continue;
    }
    trail.step(
      { id: `calibrated.${name}`, label: `${name} fitted from production`, unit: UNITS[name] ?? 'ratio',
        formula: p.basis,
        inputs: { previous: p.previous, points: p.points, relativeError: p.relativeError },
        source: `headroom verify --calibrate at ${p.fittedAt} against ${p.prometheus}, ${p.range}; queries: ${p.queries.join(' ; ')}` },
      p.value,
    );
  }
}
