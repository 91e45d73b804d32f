/**
 * Prometheus's template function `humanize` (template/template.go): SI prefixes, then Go's "%.4g".
 * The generated rule tests use it to predict the exact annotation text promtool will render.
 */
export function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return goG4(value);
  let v = value;
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
  } else {
    for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
  }
  return `${goG4(v)}${prefix}`;
}

/** Go's fmt "%.4g" for the magnitudes humanize leaves (no exponent form below 1e4). */
function goG4(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa, exp] = value.toExponential(3).split('e') as [string, string];
    const trimmed = mantissa.replace(/\.?0+$/, '');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[-+]/, '').padStart(2, '0');
    return `${trimmed}e${sign}${digits}`;
  }
  return Number(value.toPrecision(4)).toString();
}
