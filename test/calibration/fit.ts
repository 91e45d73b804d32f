/**
 * Fits the LLM efficiency assumptions to the published cases in cases.ts (held-out cases excluded)
 * by grid search on the median absolute error, and prints the table docs/sizing.md carries.
 * Run: `pnpm calibrate`. Takes a minute or so; the test beside it checks the defaults, not the fit.
 */
import { calibrationCases, type CalibrationCase } from './cases.ts';
import { headroomOutputTokensPerSecond, tableRow } from './headroom-figure.ts';

const grid = {
  memoryBandwidthEfficiency: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85],
  prefillComputeEfficiency: [0.3, 0.4, 0.5, 0.6, 0.7],
  communicationEfficiency: [0.5, 0.7, 0.9],
  pipelineMicroBatchesPerStage: [1, 2, 4, 8],
};

const error = (k: CalibrationCase, e: Record<string, number>) => headroomOutputTokensPerSecond(k, e) / k.published - 1;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

const fitCases = calibrationCases.filter((k) => !k.heldOut);
let best: { e: Record<string, number>; medianAbs: number; maxAbs: number } | undefined;
for (const m of grid.memoryBandwidthEfficiency) for (const p of grid.prefillComputeEfficiency) for (const c of grid.communicationEfficiency) for (const b of grid.pipelineMicroBatchesPerStage) {
  const e = { memoryBandwidthEfficiency: m, prefillComputeEfficiency: p, communicationEfficiency: c, pipelineMicroBatchesPerStage: b };
  const abs = fitCases.map((k) => Math.abs(error(k, e)));
  const candidate = { e, medianAbs: median(abs), maxAbs: Math.max(...abs) };
  if (!best || candidate.medianAbs < best.medianAbs - 1e-9 || (Math.abs(candidate.medianAbs - best.medianAbs) < 1e-9 && candidate.maxAbs < best.maxAbs)) best = candidate;
}
console.log('fit:', best!.e, `median |error| ${(best!.medianAbs * 100).toFixed(1)}%, max ${(best!.maxAbs * 100).toFixed(1)}%`);
console.log('| case | published tok/s | Headroom tok/s | error | set |\n| --- | ---: | ---: | ---: | --- |');
for (const k of calibrationCases) {
  const h = headroomOutputTokensPerSecond(k, best!.e);
  console.log(tableRow(k, h));
}
