/** `headroom size <plan> [--json]`: the Sizing as a readable report or as JSON. */
import type { PlanLimits, Sizing } from '@headroom/model';
import { formatBytes, formatCores, formatDuration, formatUsd, table } from '../format.ts';
import { CliError } from '../errors.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';

export function sizeCommand(file: string | undefined, options: { json: boolean; explain?: string | boolean; preset?: string; limits?: Partial<PlanLimits> }): string {
  const { plan, source } = loadPlanText(file, options.preset, options.limits);
  const sizing = sizeLoadedPlan(plan, source);
  if (options.json) return `${JSON.stringify(sizing, null, 2)}\n`;
  return options.explain ? explainReport(sizing, typeof options.explain === 'string' ? options.explain : undefined) : report(sizing);
}

/** Every figure of every (or one) workload: value, formula over named inputs, and source. */
function explainReport(s: Sizing, only: string | undefined): string {
  const workloads = only ? s.workloads.filter((w) => w.name === only) : s.workloads;
  if (only && workloads.length === 0) throw new CliError(`no workload named "${only}"; the plan has ${s.workloads.map((w) => w.name).join(', ')}`);
  const lines: string[] = [];
  for (const w of workloads) {
    lines.push(`${w.name} (${w.kind})`);
    for (const step of w.explain) {
      lines.push(`  ${step.label}: ${formatValue(step.value, step.unit)}`);
      lines.push(`    = ${step.formula}`);
      const inputs = Object.entries(step.inputs);
      if (inputs.length) lines.push(`    with ${inputs.map(([name, value]) => `${name} = ${formatNumber(value)}`).join(', ')}`);
      if (step.source) lines.push(`    source: ${step.source}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function formatValue(value: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 's') return formatDuration(value);
  return `${formatNumber(value)} ${unit}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e15 ? value.toLocaleString('en-US') : Number(value.toPrecision(4)).toString();
}

function keyFigure(w: Sizing['workloads'][number]): string {
  const d = w.details;
  switch (w.kind) {
    case 'llm-inference': return `TP ${d.tensorParallel}, ${d.maxConcurrentSequences} seqs, ${Math.round(d.decodeTokensPerSecondPerReplica ?? 0)} tok/s per replica`;
    case 'model-serving': return `${d.workersForSlo || Math.ceil(d.offeredLoadErlangs ?? 0)} workers for ${d.peakRequestsPerSecond} req/s`;
    case 'training': return `${d.gpus} GPUs, ${formatDuration(d.wallClockSeconds ?? 0)}, ${Math.round(d.gpuHours ?? 0)} GPU-h`;
    case 'batch-inference': return `${Math.round(d.requiredItemsPerSecond ?? 0)} items/s, done in ${formatDuration(d.wallClockSeconds ?? 0)}`;
    case 'data-pipeline': return `${d.coresNeeded} cores, run ${formatDuration(d.runSeconds ?? 0)}, stores ${formatBytes(d.storedBytes ?? 0)}`;
    default: return '';
  }
}

function report(s: Sizing): string {
  const out: string[] = [`Plan ${s.plan.name} (namespace ${s.plan.namespace}, ${s.cluster.provider}, ${s.cluster.zones} zones)`, ''];
  out.push(table(
    ['workload', 'kind', 'replicas min/peak/max', 'cpu/replica', 'memory/replica', 'gpus/replica', 'pool', 'key figures'],
    s.workloads.map((w) => [
      w.name, w.kind, `${w.replicas.min}/${w.replicas.peak}/${w.replicas.max}`, formatCores(w.perReplica.cpuCores), formatBytes(w.perReplica.memoryBytes),
      w.perReplica.gpus ? `${w.perReplica.gpus} × ${w.perReplica.gpuModel}` : '0', w.nodePool || '-', keyFigure(w),
    ]),
  ));
  out.push('', table(
    ['node pool', 'instance type', 'nodes', 'cpu util', 'memory util', 'hours/month', 'USD/month'],
    s.cluster.nodePools.map((p) => [
      p.name + (p.chosenByHeadroom ? ' (added)' : ''), p.instanceType, String(p.nodes), `${Math.round(p.utilization.cpu * 100)}%`,
      `${Math.round(p.utilization.memory * 100)}%`, String(Math.round(p.hoursPerMonth)), formatUsd(p.costPerMonthUsd),
    ]),
  ));
  const t = s.cluster.totals;
  out.push('', `Totals: ${formatCores(t.cpuCores)} cores, ${formatBytes(t.memoryBytes)} memory, ${t.gpus} GPUs, ${formatBytes(t.storageBytes)} storage, ${formatUsd(s.cluster.costPerMonthUsd)} per month (on demand)`);
  out.push(`Prometheus: ${Math.round(s.monitoring.activeSeries).toLocaleString('en-US')} series, ${Math.round(s.monitoring.samplesPerSecond).toLocaleString('en-US')} samples/s, ${formatBytes(s.monitoring.prometheusMemoryBytes)} memory, ${formatBytes(s.monitoring.prometheusStorageBytes)} disk`);
  if (s.compliance.frameworks.length) {
    out.push(`Compliance (${s.compliance.frameworks.join(', ')}): audit logs kept ${formatDuration(s.compliance.auditLogRetentionSeconds)}, ${formatBytes(s.compliance.auditLogBytes)}`);
  }
  if (s.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of s.warnings) out.push(`  ${w.workload ? `${w.workload}: ` : ''}${w.code}: ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}
