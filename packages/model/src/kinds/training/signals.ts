/** Production metrics that test a training plan: token throughput against the deadline's rate, GPU busy time. */
import { counter, gauge } from '../../signals/fixtures.ts';
import type { Signal } from '../types.ts';

export function trainingSignals(): Signal[] {
  return [
    {
      id: 'tokens-per-second', title: 'Training tokens per second', unit: 'short', source: 'headroom', checks: 'wallClockSeconds',
      description: 'Tokens the run processes per second (the trainer reports headroom_training_tokens_total). Good: at or above the rate that meets the deadline.',
      // Only while the run makes progress: a finished run is no breach.
      query: 'sum(rate(headroom_training_tokens_total{{{selector}}}[{{window}}])) > 0',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_tokens_per_second' } },
      alerts: [{ name: 'HeadroomTrainingBehindDeadline', severity: 'warning', breach: 'below', threshold: 1, for: '30m', runbook: 'training-behind-deadline',
        summary: 'Training runs slower than its deadline needs.' }],
      fixture: counter('headroom_training_tokens_total'),
    },
    {
      id: 'gpu-utilization', title: 'GPU utilisation', unit: 'percentunit', source: 'dcgm', checks: 'effectiveMfu',
      description: 'Fraction of time the GPUs are busy (DCGM). Good: above 90% while training; lower means input or communication stalls, so the MFU assumption is optimistic.',
      query: 'avg(DCGM_FI_DEV_GPU_UTIL{{{selector}}}) / 100',
      alerts: [],
      fixture: (value) => gauge('DCGM_FI_DEV_GPU_UTIL')(value * 100),
    },
  ];
}
