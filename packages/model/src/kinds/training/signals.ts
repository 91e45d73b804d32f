/** Production metrics that test a training plan: token throughput against the deadline's rate, GPU busy time. */
import { counter, gauge, increase } from '../../signals/fixtures.ts';
import { presentWhen } from '../../signals/presence.ts';
import { projectedFinish } from '../../signals/progress.ts';
import type { Signal } from '../types.ts';

export function trainingSignals(): Signal[] {
  return [
    {
      id: 'tokens-per-second', title: 'Training tokens per second', unit: 'short', source: 'headroom', checks: 'wallClockSeconds',
      description: 'Tokens the run processes per second (the trainer reports headroom_training_tokens_total). Good: at or above the rate that meets the deadline.',
      // Only while the run makes progress: a finished run is no breach.
      query: 'sum {{by}} (rate(headroom_training_tokens_total{{{selector}}}[{{window}}]) {{pods}}) > 0',
      presence: presentWhen('headroom_training_tokens_total'),
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_tokens_per_second' } },
      alerts: [{ name: 'HeadroomTrainingBehindDeadline', severity: 'warning', breach: 'below', threshold: 1, for: '30m', runbook: 'training-behind-deadline',
        summary: 'Training runs slower than its deadline needs.' }],
      fixture: counter('headroom_training_tokens_total'),
    },
    projectedFinish({
      counter: 'headroom_training_tokens_total', unit: 'tokens', checks: 'wallClockSeconds', limit: 'deadline',
      alert: { name: 'HeadroomTrainingProjectedLate', severity: 'warning', breach: 'above', threshold: 1, for: '30m', runbook: 'training-behind-deadline',
        summary: 'At its current rate the training run finishes after its deadline.' },
    }),
    {
      id: 'tokens-last-30m', title: 'Training tokens in the last 30 minutes', unit: 'short', source: 'headroom', checks: 'wallClockSeconds',
      description: 'Tokens the run processed over the last 30 minutes while its trainer publishes progress. Good: more than zero; none means the run hangs (a stuck collective, a dead data loader) while its pods still run.',
      query: 'sum {{by}} (increase(headroom_training_tokens_total{{{selector}}}[30m]) {{pods}})',
      alerts: [{ name: 'HeadroomTrainingStalled', severity: 'warning', breach: 'below', threshold: 1, for: '15m', runbook: 'training-stalled',
        summary: 'A training run has made no progress for 30 minutes.' }],
      fixture: increase('headroom_training_tokens_total', 1800),
    },
    {
      id: 'gpu-utilization', title: 'GPU utilisation', unit: 'percentunit', source: 'dcgm', checks: 'effectiveMfu',
      description: 'Fraction of time the GPUs are busy (DCGM). Good: above 90% while training; lower means input or communication stalls, so the MFU assumption is optimistic.',
      query: 'avg {{by}} (DCGM_FI_DEV_GPU_UTIL{{{selector}}} {{pods}}) / 100',
      presence: presentWhen('DCGM_FI_DEV_GPU_UTIL'),
      alerts: [],
      fixture: (value) => gauge('DCGM_FI_DEV_GPU_UTIL')(value * 100),
    },
  ];
}
