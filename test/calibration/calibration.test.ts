/**
 * The LLM efficiencies' calibration (docs/sizing.md, "Calibration"): Headroom's default
 * assumptions against NVIDIA TensorRT-LLM's published serving throughputs (cases.ts). Target of
 * issue 12: median absolute error ≤ 15% and none over 25% on the fitted cases, held-out cases
 * reported apart.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationCases, type CalibrationCase } from './cases.ts';
import { headroomOutputTokensPerSecond, tableRow } from './headroom-figure.ts';

/**
 * Held-out cases over 25%, named rather than hidden (docs/sizing.md says why): throughput at eight
 * pipeline stages on RTX PRO 6000 is over-predicted; the published scaling from four to eight stages
 * is 1.37×, the model's nearly 2×.
 */
const KNOWN_HELD_OUT_MISSES = new Set(['llama-3.3-70b fp4 RTX-PRO-6000-96GB 1 × 8']);
const key = (k: CalibrationCase) => `${k.model} ${k.precision} ${k.gpu} ${k.tensorParallel} × ${k.pipelineParallel}`;

const results = calibrationCases.map((k) => ({ k, headroom: headroomOutputTokensPerSecond(k) }));
const absError = ({ k, headroom }: (typeof results)[number]) => Math.abs(headroom / k.published - 1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('LLM calibration against published TensorRT-LLM throughputs', () => {
  const fit = results.filter((r) => !r.k.heldOut);
  const heldOut = results.filter((r) => r.k.heldOut);

  it('fitted cases: median absolute error ≤ 15%, none over 25%', () => {
    expect(median(fit.map(absError))).toBeLessThanOrEqual(0.15);
    for (const r of fit) expect(absError(r), key(r.k)).toBeLessThanOrEqual(0.25);
  });

  it('held-out cases: median absolute error ≤ 15%, none over 25% apart from the named misses', () => {
    expect(median(heldOut.map(absError))).toBeLessThanOrEqual(0.15);
    for (const r of heldOut) {
      if (KNOWN_HELD_OUT_MISSES.has(key(r.k))) expect(absError(r), `${key(r.k)} is still a miss`).toBeGreaterThan(0.25);
      else expect(absError(r), key(r.k)).toBeLessThanOrEqual(0.25);
    }
  });

  it('docs/sizing.md publishes exactly these figures', () => {
    const docs = readFileSync(resolve(import.meta.dirname, '../../docs/sizing.md'), 'utf8');
    for (const r of results) expect(docs).toContain(tableRow(r.k, r.headroom));
  });
});
