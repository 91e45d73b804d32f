/**
 * `--write-plan`: the user's plan text with only the fields that drive the breached figures changed,
 * and every recommendation written as a comment on its workload. Comments, key order and quantity
 * strings elsewhere are kept (the yaml Document API edits the parsed tree in place).
 *
 * What maps cleanly onto the plan (and is changed):
 * - CPU or memory per replica whose explain step is a product `a × assumption` (model serving:
 *   workersPerReplica × cpuCoresPerWorker; LLM serving: tensorParallel × llmCpuCoresPerGpu; ...):
 *   the workload's `assumptions.<assumption>` becomes recommended per replica / a, within the
 *   assumption's bounds, so Headroom sizes the observed usage with the margin.
 * - Traffic above the planned peak: `traffic.peakRequestsPerSecond` becomes observed max + margin.
 * Everything else (e.g. memory from a sum of terms) stays a comment with the recommended request.
 */
import { assumptionCatalog, type AssumptionName, type Sizing } from '@headroom/model';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Recommendation } from './recommend.ts';
import type { VerifyReport } from './report.ts';

export interface PlanEdit {
  workload: string;
  /** Path in the plan document, e.g. ["spec", "workloads", 0, "assumptions", "cpuCoresPerWorker"]. */
  path: (string | number)[];
  from?: number;
  to: number;
  reason: string;
}

export interface RevisedPlan {
  text: string;
  edits: PlanEdit[];
}

const MiB = 1024 * 1024;
const significant = (value: number) => Number(value.toPrecision(3));

function describe(r: Recommendation): string {
  const show = (v: number) => (r.unit === 'bytes' ? `${(v / MiB).toFixed(0)} MiB` : `${significant(v)} ${r.unit}`);
  const perReplica = r.recommendedPerReplica !== undefined && r.plannedPerReplica !== undefined
    ? `; per replica ${show(r.recommendedPerReplica)} (plan ${show(r.plannedPerReplica)})` : '';
  return `${r.resource}: observed ${r.basis.split(' ')[0]} ${show(r.observed)}, plan ${show(r.plannedTotal)}; recommend ${show(r.recommendedTotal)} (${r.basis})${perReplica}`;
}

/** The assumption a per-replica figure is proportional to, and the factor it is multiplied by. */
function proportionalAssumption(sizing: Sizing, workload: string, stepId: string, unit: 'cores' | 'bytes'): { name: AssumptionName; factor: number; current: number } | undefined {
  const step = sizing.workloads.find((w) => w.name === workload)?.explain.find((s) => s.id === stepId);
  const match = step && /^\s*(\w+) × (\w+)\s*$/.exec(step.formula);
  if (!step || !match) return undefined;
  const [a, b] = [match[1]!, match[2]!];
  for (const [name, other] of [[a, b], [b, a]] as const) {
    const entry = (assumptionCatalog as Record<string, { unit: string }>)[name];
    const factor = step.inputs[other];
    const current = step.inputs[name];
    if (entry?.unit === unit && factor !== undefined && factor > 0 && current !== undefined) return { name: name as AssumptionName, factor, current };
  }
  return undefined;
}

export function revisePlan(text: string, sizing: Sizing, report: VerifyReport, options: { note?: string } = {}): RevisedPlan {
  const doc = parseDocument(text);
  const workloads = doc.getIn(['spec', 'workloads']);
  if (!isSeq(workloads)) throw new Error('internal: the plan has no spec.workloads list');
  const edits: PlanEdit[] = [];
  for (const result of report.workloads) {
    const index = workloads.items.findIndex((item) => isMap(item) && item.get('name') === result.workload);
    const node = workloads.items[index];
    if (index < 0 || !isMap(node) || result.recommendations.length === 0) continue;
    const lines = [` headroom verify: ${result.verdict}`];
    for (const r of result.recommendations) {
      lines.push(`   ${describe(r)}`);
      if (!r.actionable) continue;
      if (r.resource === 'traffic') {
        const path = ['spec', 'workloads', index, 'traffic', 'peakRequestsPerSecond'];
        if (!doc.hasIn(path)) { lines.push('     (no traffic.peakRequestsPerSecond field to revise)'); continue; }
        const to = significant(r.recommendedTotal);
        doc.setIn(path, to);
        edits.push({ workload: result.workload, path, from: r.plannedTotal, to, reason: `traffic ${r.basis}` });
        lines.push(`     → traffic.peakRequestsPerSecond set to ${to}`);
        continue;
      }
      const target = proportionalAssumption(sizing, result.workload, r.resource === 'cpu' ? 'cpuCoresPerReplica' : 'memoryBytesPerReplica', r.resource === 'cpu' ? 'cores' : 'bytes');
      if (!target || r.recommendedPerReplica === undefined) {
        lines.push(`     (no plan field maps to this alone: set the ${r.resource} request in the deployment to the per-replica figure)`);
        continue;
      }
      const bounds = assumptionCatalog[target.name];
      const wanted = r.recommendedPerReplica / target.factor;
      const rounded = r.resource === 'memory' ? Math.ceil(wanted / MiB) * MiB : significant(wanted);
      const to = Math.min(bounds.max, Math.max(bounds.min, rounded));
      const path = ['spec', 'workloads', index, 'assumptions', target.name];
      doc.setIn(path, to);
      edits.push({ workload: result.workload, path, from: target.current, to, reason: `${r.resource} ${r.basis}` });
      lines.push(`     → assumptions.${target.name}: ${significant(target.current)} → ${to}${to !== rounded ? ` (clamped to its bounds ${bounds.min}..${bounds.max})` : ''}`);
    }
    node.commentBefore = [node.commentBefore, lines.join('\n')].filter(Boolean).join('\n');
  }
  const header = ` Revised by headroom verify${options.note ? ` (${options.note})` : ''}: ${edits.length} field${edits.length === 1 ? '' : 's'} changed; see the comments on each workload.`;
  doc.commentBefore = [header, doc.commentBefore].filter(Boolean).join('\n');
  return { text: doc.toString({ lineWidth: 0 }), edits };
}
