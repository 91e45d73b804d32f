/** Headroom's figure for a calibration case: output tokens/s of one replica under maximum load. */
import { parsePlan, sizePlan } from '@headroom/model';
import type { CalibrationCase } from './cases.ts';

/** Maximum load as trtllm-bench runs it: batches bounded by the KV cache, not by a scheduler cap. */
const MAX_LOAD = { maxNumSeqs: 4096 };

export function headroomOutputTokensPerSecond(k: CalibrationCase, efficiencies: Record<string, number> = {}): number {
  const assumptions = { ...MAX_LOAD, ...efficiencies };
  const parsed = parsePlan(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: calibration, namespace: calibration }
spec:
  workloads:
    - name: case
      kind: llm-inference
      model: { preset: ${k.model}, precision: ${k.precision} }
      kvCachePrecision: fp8
      traffic: { peakRequestsPerSecond: 1, inputTokens: ${k.inputTokens}, outputTokens: ${k.outputTokens}, maxContextTokens: ${k.inputTokens + k.outputTokens} }
      accelerator: { gpu: ${k.gpu}, tensorParallel: ${k.tensorParallel}, pipelineParallel: ${k.pipelineParallel} }
      assumptions: { ${Object.entries(assumptions).map(([name, value]) => `${name}: ${value}`).join(', ')} }
`);
  if (!parsed.ok) throw parsed.error;
  const w = sizePlan(parsed.plan).workloads[0]!;
  return w.details.requestsPerSecondPerReplica! * k.outputTokens;
}

/** The case's row in docs/sizing.md's calibration table. */
export function tableRow(k: CalibrationCase, headroom: number): string {
  const layout = k.tensorParallel > 1 || k.pipelineParallel > 1 ? `TP ${k.tensorParallel}${k.pipelineParallel > 1 ? ` × PP ${k.pipelineParallel}` : ''} × ` : '';
  return `| ${k.model} ${k.precision}, ${layout}${k.gpu}, ${k.inputTokens}/${k.outputTokens} | ${k.published.toLocaleString('en-US')} | ${Math.round(headroom).toLocaleString('en-US')} | ${((headroom / k.published - 1) * 100).toFixed(0)}% | ${k.heldOut ? 'held out' : 'fit'} |`;
}
