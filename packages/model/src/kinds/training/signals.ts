/** Production metrics that test a training plan: throughput against the plan, projected finish. */
import type { Signal } from '../types.ts';

export function trainingSignals(): Signal[] {
  return [
    {
      id: 'tokens-per-second', title: 'Training tokens per second', unit: 'short', source: 'headroom', checks: 'wallClockSeconds',
      description: 'Tokens processed per second. Good: at or above the rate the deadline requires.',
      query: 'sum(rate(headroom_training_tokens_total{{{selector}}}[{{window}}]))',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_tokens_per_second' } },
      breach: 'below', threshold: 1, severity: 'warning',
    },
    {
      id: 'gpu-utilization', title: 'GPU utilisation', unit: 'percentunit', source: 'dcgm', checks: 'effectiveMfu',
      description: 'Fraction of time the GPUs are busy (DCGM). Good: above 90% during training; lower means input or communication stalls and the MFU assumption is optimistic.',
      query: 'avg(DCGM_FI_DEV_GPU_UTIL{{{selector}}}) / 100',
      breach: 'below', threshold: 0.8, severity: 'info',
    },
  ];
}
