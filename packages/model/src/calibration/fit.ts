/**
 * What every calibration fit shares: the result shape (a fitted value with its error and points, or
 * a refusal with a named reason), inverting a monotone model by bisection, and the summary of
 * per-point solutions. A fit never invents a value: missing, idle, saturated or too few points
 * are findings, reported as refusals.
 */

/** Plan values calibration can fit: assumptions, and the two kind fields that play their role. */
export type CalibratedName = 'memoryBandwidthEfficiency' | 'prefillComputeEfficiency' | 'serviceTime' | 'cpuCoresPerWorker' | 'throughputPerCore';

export type RefusalCode = 'no-data' | 'too-few-points' | 'idle' | 'saturated' | 'out-of-bounds' | 'compute-bound' | 'poor-fit' | 'unsupported';

export interface CalibrationFit {
  name: CalibratedName;
  /** Where the value lives in the workload: ['assumptions', name] or the kind's own field. */
  field: readonly string[];
  unit: 'ratio' | 'seconds' | 'cores' | 'bytes per second';
  /** The value the plan sized with. */
  previous: number;
  /** The fitted value; absent when refused. */
  value?: number;
  /** Root mean square of (model at the fitted value / observed − 1) over the points used. */
  relativeError?: number;
  /** Points the fit used, and points observed in all (before dropping idle or saturated ones). */
  points: number;
  observedPoints: number;
  /** The model relation inverted, as a formula. */
  basis: string;
  /** The production metrics the observations come from. */
  metrics: readonly string[];
  refusal?: { code: RefusalCode; message: string };
}

/** Fewest points a fit accepts: below this, one scrape gap or burst would set the plan. */
export const MIN_POINTS = 10;
/** Largest relative RMS residual a fit is written with: beyond it the model does not describe the data. */
export const MAX_RELATIVE_ERROR = 0.25;

export type Solution = { value: number } | { outside: 'below' | 'above' };

/**
 * The x in [lo, hi] where `f`, monotone over the interval, equals `target` (bisection, to 1e-9 of
 * the interval). `outside` names the bound the solution lies beyond.
 */
export function solveMonotone(f: (x: number) => number, target: number, lo: number, hi: number): Solution {
  const fLo = f(lo);
  const fHi = f(hi);
  const increasing = fHi >= fLo;
  const [min, max] = increasing ? [fLo, fHi] : [fHi, fLo];
  if (target < min) return { outside: increasing ? 'below' : 'above' };
  if (target > max) return { outside: increasing ? 'above' : 'below' };
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (a + b) / 2;
    const below = f(mid) < target;
    if (below === increasing) a = mid;
    else b = mid;
  }
  return { value: (a + b) / 2 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function relativeRms(predicted: readonly number[], observed: readonly number[]): number {
  const squares = predicted.map((p, i) => (p / observed[i]! - 1) ** 2);
  return Math.sqrt(squares.reduce((sum, s) => sum + s, 0) / squares.length);
}

type FitFrame = Omit<CalibrationFit, 'value' | 'relativeError' | 'refusal' | 'points'>;

export function refused(frame: FitFrame, points: number, code: RefusalCode, message: string): CalibrationFit {
  return { ...frame, points, refusal: { code, message } };
}

/**
 * The common tail of every fit: per-point solutions of `solve` (undefined: the point was refused
 * for the reason `why` gives), their median, and the residual of `predict` at the median against
 * each point's observation.
 */
export function fitPoints<P>(frame: FitFrame, points: readonly P[], options: {
  solve: (point: P) => Solution;
  predict: (point: P, value: number) => number;
  observed: (point: P) => number;
  bounds: { min: number; max: number };
  what: string;
}): CalibrationFit {
  if (points.length === 0) return refused(frame, 0, 'no-data', `no usable observations of ${options.what}`);
  const solved: { point: P; value: number }[] = [];
  const outside = { below: 0, above: 0 };
  for (const point of points) {
    const s = options.solve(point);
    if ('value' in s) solved.push({ point, value: s.value });
    else outside[s.outside]++;
  }
  if (solved.length < MIN_POINTS) {
    if (outside.below + outside.above > points.length / 2) {
      const side = outside.below >= outside.above ? 'below' : 'above';
      return refused(frame, solved.length, 'out-of-bounds', `${outside[side]} of ${points.length} points need ${frame.name} ${side} its bounds ${options.bounds.min}..${options.bounds.max}: the model cannot describe ${options.what} with it`);
    }
    return refused(frame, solved.length, 'too-few-points', `${solved.length} usable points of ${options.what} (at least ${MIN_POINTS} needed)`);
  }
  const value = median(solved.map((s) => s.value));
  const relativeError = relativeRms(solved.map((s) => options.predict(s.point, value)), solved.map((s) => options.observed(s.point)));
  const fit: CalibrationFit = { ...frame, value, relativeError, points: solved.length };
  if (relativeError > MAX_RELATIVE_ERROR) {
    return { ...fit, refusal: { code: 'poor-fit', message: `the fitted ${frame.name} ${value.toPrecision(3)} misses ${options.what} by ${(relativeError * 100).toFixed(0)}% RMS (more than ${MAX_RELATIVE_ERROR * 100}%): the model does not describe these observations` } };
  }
  return fit;
}
