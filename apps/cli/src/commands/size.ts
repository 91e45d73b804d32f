/**
 * `headroom size <plan> [--json]`: the Sizing as a readable report or as JSON. A plan that is not
 * complete (an infeasible or unplaced workload) still prints in full, and exits 3 with the reasons
 * on stderr, so CI fails on it while a person reads the report.
 */
import type { PlanLimits, Sizing, WorkloadSizing } from '@headroom/model';
import { formatBytes, formatCores, formatDuration, formatUsd, table } from '../format.ts';
import { CliError } from '../errors.ts';
import { loadPlanText, sizeLoadedPlan } from '../plan-input.ts';

/** Exit code of `size` when the plan is not complete (DESIGN.md, CLI contract). */
export const INCOMPLETE_EXIT_CODE = 3;

export interface SizeResult { output: string; exitCode: number; stderr: string }

export function sizeCommand(file: string | undefined, options: { json: boolean; explain?: string | boolean; preset?: string; limits?: Partial<PlanLimits> }): SizeResult {
  const { plan, source } = loadPlanText(file, options.preset, options.limits);
  const sizing = sizeLoadedPlan(plan, source);
  const output = options.json
    ? `${JSON.stringify(sizing, null, 2)}\n`
    : options.explain ? explainReport(sizing, typeof options.explain === 'string' ? options.explain : undefined) : report(sizing);
  return sizing.complete ? { output, exitCode: 0, stderr: '' } : { output, exitCode: INCOMPLETE_EXIT_CODE, stderr: incompleteReasons(sizing) };
}

/** One line per binding limit of each infeasible or unplaced workload. */
function incompleteReasons(s: Sizing): string {
  const lines = ['headroom: the plan is not complete:'];
  for (const w of s.workloads) for (const x of w.infeasible ?? []) lines.push(`  ${w.name}: ${x.code}: ${x.message}`);
  for (const u of s.cluster.unplaced) if (!s.workloads.find((w) => w.name === u.workload)?.infeasible?.length) lines.push(`  ${u.workload}: not placed: ${u.reason}`);
  for (const q of s.cluster.quotas) if (q.exceeded) lines.push(`  GPU quota ${q.gpuModel}: ${q.neededGpus} GPUs needed, the quota allows ${q.limitGpus}`);
  return `${lines.join('\n')}\n`;
}

/** Every figure of every (or one) workload: value, formula over named inputs, and source. */
function explainReport(s: Sizing, only: string | undefined): string {
  const workloads = only ? s.workloads.filter((w) => w.name === only) : s.workloads;
  if (only && workloads.length === 0) throw new CliError(`no workload named "${only}"; the plan has ${s.workloads.map((w) => w.name).join(', ')}`);
  const lines: string[] = [];
  for (const w of workloads) {
    lines.push(`${w.name} (${w.kind})${w.feasible ? '' : ': INFEASIBLE'}`);
    for (const x of w.infeasible ?? []) lines.push(`  ${x.code}: ${x.message}`);
    if (w.candidates?.length) lines.push(...candidateTable(w.candidates), '');
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

/** What the search compared: one row per configuration, the chosen one marked. */
function candidateTable(candidates: NonNullable<Sizing['workloads'][number]['candidates']>): string[] {
  const rows = candidates.map((c) => [
    c.gpu, String(c.tensorParallel), String(c.pipelineParallel), String(c.replicas), String(c.gpus), formatUsd(c.costPerMonthUsd), c.feasible ? 'yes' : 'no', c.limitedBy,
  ]);
  return ['  Configurations compared:', ...table(['gpu', 'TP', 'PP', 'replicas', 'gpus', 'USD/month', 'feasible', 'limited by'], rows).split('\n').map((line) => `    ${line}`)];
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
    case 'llm-inference': return `TP ${d.tensorParallel}${(d.pipelineParallel ?? 1) > 1 ? ` × PP ${d.pipelineParallel} (${d.nodesPerReplica} nodes)` : ''}, ${d.maxConcurrentSequences} seqs, ${Math.round(d.decodeTokensPerSecondPerReplica ?? 0)} tok/s per replica`;
    case 'model-serving': return `${d.workersForSlo || Math.ceil(d.offeredLoadErlangs ?? 0)} workers for ${d.peakRequestsPerSecond} req/s`;
    case 'training': return `${d.gpus} GPUs, ${formatDuration(d.wallClockSeconds ?? 0)}, ${Math.round(d.gpuHours ?? 0)} GPU-h`;
    case 'batch-inference': return `${Math.round(d.requiredItemsPerSecond ?? 0)} items/s, done in ${formatDuration(d.wallClockSeconds ?? 0)}`;
    case 'data-pipeline': return `${d.coresNeeded} cores, run ${formatDuration(d.runSeconds ?? 0)}, stores ${formatBytes(d.storedBytes ?? 0)}`;
    default: return '';
  }
}

/** A workload's showback: its share of the cluster cost (pricing/showback.ts), or why none is known. */
function showbackCell(showback: Sizing['workloads'][number]['showback']): string {
  return showback.costPerMonthUsd === null ? 'unknown (no price)' : `${formatUsd(showback.costPerMonthUsd)} (${Math.round(showback.share * 100)}%)`;
}

function report(s: Sizing): string {
  const out: string[] = [`Plan ${s.plan.name} (namespace ${s.plan.namespace}, ${s.cluster.provider}, ${s.cluster.zones} zones)`, ''];
  out.push(table(
    ['workload', 'kind', 'replicas min/peak/max', 'cpu/replica', 'memory/replica', 'gpus/replica', 'pool', 'showback USD/month', 'key figures'],
    s.workloads.map((w) => [
      w.name + (w.feasible ? '' : ' (infeasible)'), w.kind, `${w.replicas.min}/${w.replicas.peak}/${w.replicas.max}`, formatCores(w.perReplica.cpuCores), formatBytes(w.perReplica.memoryBytes),
      gpusText(w), w.nodePool || '-', showbackCell(w.showback), keyFigure(w),
    ]),
  ));
  out.push('', table(
    ['node pool', 'instance type', 'pricing', 'USD/node-hour', 'nodes', 'cpu util', 'memory util', 'hours/month', 'USD/month'],
    s.cluster.nodePools.map((p) => [
      p.name + (p.chosenByHeadroom ? ' (added)' : ''), p.instanceType, p.pricing, String(p.usdPerHour), String(p.nodes) + (p.nodesNeeded > p.nodes ? ` (needs ${p.nodesNeeded}, maxNodes ${p.maxNodes})` : ''), `${Math.round(p.utilization.cpu * 100)}%`,
      `${Math.round(p.utilization.memory * 100)}%`, String(Math.round(p.hoursPerMonth)), formatUsd(p.costPerMonthUsd),
    ]),
  ));
  if (s.cluster.unplaced.length) {
    out.push('', 'Not placed:');
    for (const u of s.cluster.unplaced) {
      const estimate = u.estimatedCostPerMonthUsd === null ? ' (no price known: NOT included below)'
        : u.estimatedCostPerMonthUsd > 0 ? ` (estimate ${formatUsd(u.estimatedCostPerMonthUsd)} per month, included below)` : '';
      out.push(`  ${u.workload}: ${u.reason}${estimate}`);
    }
  }
  const t = s.cluster.totals;
  out.push('', `Totals: ${formatCores(t.cpuCores)} cores, ${formatBytes(t.memoryBytes)} memory, ${t.gpus} GPUs, ${formatBytes(t.storageBytes)} storage, ${s.cluster.costIsLowerBound ? 'at least ' : ''}${formatUsd(s.cluster.costPerMonthUsd)} per month (each pool at its pricing model${s.cluster.costIsLowerBound ? '; a lower bound: a workload above has no known price' : ''})`);
  out.push(`Prometheus: ${Math.round(s.monitoring.activeSeries).toLocaleString('en-US')} series, ${Math.round(s.monitoring.samplesPerSecond).toLocaleString('en-US')} samples/s, ${formatBytes(s.monitoring.prometheusMemoryBytes)} memory, ${formatBytes(s.monitoring.prometheusStorageBytes)} disk`);
  if (s.compliance.frameworks.length) {
    out.push(`Compliance (${s.compliance.frameworks.join(', ')}): audit logs kept ${formatDuration(s.compliance.auditLogRetentionSeconds)}, ${formatBytes(s.compliance.auditLogBytes)}`);
  }
  if (s.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of s.warnings) out.push(`  ${w.workload ? `${w.workload}: ` : ''}${w.code}: ${w.message}`);
  }
  if (!s.complete) out.push('', 'The plan is NOT complete: see the infeasible or unplaced workloads and exceeded GPU quotas above.');
  return `${out.join('\n')}\n`;
}

/** GPUs of one replica: `1 × H100-SXM-80GB`, or its share: `MIG 1g.10gb of A100-SXM-80GB`, `1/4 time-slice of L4-24GB`. */
function gpusText(w: WorkloadSizing): string {
  const { gpus, gpuModel, gpuShare } = w.perReplica;
  if (!gpus) return '0';
  if (gpuShare) return gpuShare.mode === 'mig' ? `MIG ${gpuShare.profile} of ${gpuModel}` : `1/${gpuShare.instancesPerGpu} time-slice of ${gpuModel}`;
  return `${gpus} × ${gpuModel}`;
}
