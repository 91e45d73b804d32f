/** Production metrics that test a batch plan: items per second against the rate the window needs. */
import { counter } from '../../signals/fixtures.ts';
import type { Signal } from '../types.ts';

export function batchInferenceSignals(): Signal[] {
  return [{
    id: 'items-per-second', title: 'Items per second', unit: 'short', source: 'headroom', checks: 'requiredItemsPerSecond',
    description: 'Items processed per second while the job runs (headroom_batch_items_total). Good: at or above the rate that finishes within the window.',
    // Only while the job runs: with no progress at all the job is not running, which is no breach.
    query: 'sum(rate(headroom_batch_items_total{{{selector}}}[{{window}}])) > 0',
    planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_items_per_second' } },
    alerts: [{ name: 'HeadroomBatchBehindWindow', severity: 'warning', breach: 'below', threshold: 1, for: '30m', runbook: 'batch-behind-window',
      summary: 'A batch job runs too slowly to finish within its window.' }],
    fixture: counter('headroom_batch_items_total'),
  }];
}
