/**
 * Kubernetes quantities and Prometheus durations from base units. Quantities are rounded up (a
 * request below the sized figure would break the plan) and always written as integers with a
 * suffix, never as floats or in exponent form.
 */
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Tolerance for float noise in sized figures (e.g. 4.000000000001 cores is 4 cores). */
const EPSILON = 1e-9;

const ceilInteger = (value: number): number => {
  if (!Number.isFinite(value) || value < 0) throw new Error(`not a non-negative finite quantity: ${value}`);
  const rounded = Math.ceil(value - EPSILON);
  if (!Number.isSafeInteger(rounded)) throw new Error(`quantity too large: ${value}`);
  return Math.max(0, rounded);
};

/** CPU cores as whole cores ("4") when exact to the millicore, else millicores ("3500m"). */
export function cpuQuantity(cores: number): string {
  const millicores = ceilInteger(cores * 1000);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Bytes as Gi when a whole number of GiB, else Mi, rounded up to the next MiB. */
export function bytesQuantity(bytes: number): string {
  const mebibytes = ceilInteger(bytes / MiB);
  if (mebibytes === 0) return '0';
  return mebibytes % (GiB / MiB) === 0 ? `${mebibytes / (GiB / MiB)}Gi` : `${mebibytes}Mi`;
}

/** A count of devices (GPUs) as a quantity string. */
export function countQuantity(count: number): string {
  return String(ceilInteger(count));
}

/** Seconds as a Prometheus duration: "30s", or "1500ms" below a whole second. */
export function durationString(seconds: number): string {
  const milliseconds = ceilInteger(seconds * 1000);
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000}s` : `${milliseconds}ms`;
}
