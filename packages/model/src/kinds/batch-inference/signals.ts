/** Production metrics that test a batch plan: items per second against the rate the window needs. */
import type { Signal } from '../types.ts';

export function batchInferenceSignals(): Signal[] {
  return [
    {
      id: 'items-per-second', title: 'Items per second', unit: 'short', source: 'headroom', checks: 'requiredItemsPerSecond',
      description: 'Items processed per second. Good: at or above the rate that finishes the run within its window.',
      query: 'sum(rate(headroom_batch_items_total{{{selector}}}[{{window}}]))',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_items_per_second' } },
      breach: 'below', threshold: 1, severity: 'warning',
    },
  ];
}
