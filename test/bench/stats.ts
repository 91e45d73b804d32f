/** Timing helpers for benchmarks: warm up, run N times, report percentiles in milliseconds. */
import { performance } from 'node:perf_hooks';

export interface Timing { runs: number; medianMs: number; p95Ms: number; minMs: number }

export function time(fn: () => unknown, runs: number, warmup = Math.min(20, runs)): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs, medianMs: at(0.5), p95Ms: at(0.95), minMs: samples[0]! };
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
