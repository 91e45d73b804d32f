/** Test helpers: size a plan written inline, and reach one workload's figures. Not exported. */
import { parsePlan } from './schema/parse.ts';
import { sizePlan } from './sizing/size-plan.ts';
import type { Sizing, WorkloadSizing } from './sizing/types.ts';

/** Wraps workload YAML (indented as list items) into a plan and sizes it. */
export function sizeWorkloads(workloadsYaml: string, specYaml = ''): Sizing {
  const text = `apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: test, namespace: test }
spec:
${specYaml}  workloads:
${workloadsYaml}`;
  const parsed = parsePlan(text, 'test.yaml');
  if (!parsed.ok) throw parsed.error;
  return sizePlan(parsed.plan);
}

export function only(sizing: Sizing): WorkloadSizing {
  if (sizing.workloads.length !== 1) throw new Error(`expected one workload, got ${sizing.workloads.length}`);
  return sizing.workloads[0]!;
}

export function step(workload: WorkloadSizing, id: string): number {
  const found = workload.explain.find((s) => s.id === id);
  if (!found) throw new Error(`no explain step ${id} in ${workload.explain.map((s) => s.id).join(', ')}`);
  return found.value;
}

export const codes = (workload: WorkloadSizing) => workload.warnings.map((w) => w.code);
