/** Human-readable numbers for the page: bytes in binary units, USD, cores, counts. Display only. */

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < binaryUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${bytes < 0 ? '-' : ''}${trimZeros(value.toFixed(digits))} ${binaryUnits[unit]}`;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export function formatUsd(amount: number): string {
  return Math.abs(amount) >= 100 ? usd.format(amount) : usdCents.format(amount);
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const threeSignificant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A plain number with three significant digits (whole numbers from 1,000 up); large values get grouping or an exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e15 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  if (Math.abs(value) >= 1000) return grouped.format(Math.round(value));
  return threeSignificant.format(value);
}

export function formatCores(cores: number): string {
  return `${formatNumber(cores)} ${cores === 1 ? 'core' : 'cores'}`;
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const abs = Math.abs(seconds);
  if (abs < 1) return `${formatNumber(seconds * 1000)} ms`;
  if (abs < 120) return `${formatNumber(seconds)} s`;
  if (abs < 7200) return `${formatNumber(seconds / 60)} min`;
  if (abs < 172_800) return `${formatNumber(seconds / 3600)} h`;
  return `${formatNumber(seconds / 86_400)} d`;
}

/**
 * Count units of the model's explain steps, plural as the model writes them, with their singular:
 * "1 GPU", "2 GPUs".
 */
const COUNT_NOUNS: Readonly<Record<string, string>> = {
  GPUs: 'GPU', replicas: 'replica', nodes: 'node', pods: 'pod', sequences: 'sequence', tokens: 'token', workers: 'worker',
  stages: 'stage', experts: 'expert', parameters: 'parameter', layers: 'layer', zones: 'zone', items: 'item', epochs: 'epoch',
  vCPUs: 'vCPU', candidates: 'candidate', copies: 'copy', executors: 'executor', series: 'series', heads: 'head', days: 'day',
};

/** A value with the unit an explain step names (the model's units: bytes, s, cores, USD, ratio, GPUs…). */
export function formatValue(value: number, unit: string): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'B/s':
    case 'Bps':
      return `${formatBytes(value)}/s`;
    case 's':
      return formatSeconds(value);
    case 'USD':
      return formatUsd(value);
    case 'USD/hour':
      return `${formatUsd(value)}/h`;
    case 'GPU·h':
      return `${formatNumber(value)} ${value === 1 ? 'GPU-hour' : 'GPU-hours'}`;
    case 'cores':
    case 'core':
      return formatCores(value);
    case 'ratio':
    case 'percentunit':
      return `${formatNumber(value * 100)} %`;
    case 'short':
    case 'count':
    case '':
      return formatNumber(value);
    default: {
      const text = formatNumber(value);
      const singular = COUNT_NOUNS[unit];
      return `${text} ${singular !== undefined && text === '1' ? singular : unit}`;
    }
  }
}

const exactDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 17 });

/**
 * The value as the model computed it, every digit (17 significant digits round-trip a double), in
 * the model's base unit: "16,000,000,000 bytes", "0.022920569722814498 s". Shown on hover and to
 * screen readers beside the human form.
 */
export function formatExact(value: number, unit: string): string {
  const digits = Number.isFinite(value) ? exactDigits.format(value) : String(value);
  // A ratio is a plain fraction; a count takes its noun, singular for one.
  if (unit === '' || unit === 'ratio') return digits;
  return `${digits} ${digits === '1' ? (COUNT_NOUNS[unit] ?? unit) : unit}`;
}

/** The exact value, when the human form rounded it or changed its unit; undefined when the human form already is exact ("3 GPUs", "4 cores"). */
export function exactIfDifferent(value: number, unit: string, human: string): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const digits = exactDigits.format(value);
  return human === digits || human.startsWith(`${digits} `) ? undefined : formatExact(value, unit);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The plan's monthly cost, "at least" when a workload has no known price (Sizing `cluster.costIsLowerBound`). */
export function formatPlanCost(cluster: { costPerMonthUsd: number; costIsLowerBound: boolean }): string {
  return cluster.costIsLowerBound ? `at least ${formatUsd(cluster.costPerMonthUsd)}` : formatUsd(cluster.costPerMonthUsd);
}
