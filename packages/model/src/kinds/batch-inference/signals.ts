/** Production metrics that test a batch plan: items per second against the rate the window needs. */
import { counter, increase } from '../../signals/fixtures.ts';
import { presentWhen } from '../../signals/presence.ts';
import { projectedFinish } from '../../signals/progress.ts';
import type { Signal } from '../types.ts';

export function batchInferenceSignals(): Signal[] {
  return [{
    id: 'items-per-second', title: 'Items per second', unit: 'short', source: 'headroom', checks: 'requiredItemsPerSecond',
    description: 'Items processed per second while the job runs (headroom_batch_items_total). Good: at or above the rate that finishes within the window.',
    // Only while the job runs: with no progress at all the job is not running, which is no breach.
    query: 'sum {{by}} (rate(headroom_batch_items_total{{{selector}}}[{{window}}]) {{pods}}) > 0',
    presence: presentWhen('headroom_batch_items_total'),
    planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_items_per_second' } },
    alerts: [{ name: 'HeadroomBatchBehindWindow', severity: 'warning', breach: 'below', threshold: 1, for: '30m', runbook: 'batch-behind-window',
      summary: 'A batch job runs too slowly to finish within its window.' }],
    fixture: counter('headroom_batch_items_total'),
  }, projectedFinish({
    counter: 'headroom_batch_items_total', unit: 'items', checks: 'wallClockSeconds', limit: 'window',
    alert: { name: 'HeadroomBatchProjectedLate', severity: 'warning', breach: 'above', threshold: 1, for: '30m', runbook: 'batch-behind-window',
      summary: 'At its current rate the batch job finishes after its window.' },
  }), {
    id: 'items-last-30m', title: 'Items in the last 30 minutes', unit: 'short', source: 'headroom', checks: 'requiredItemsPerSecond',
    description: 'Items processed over the last 30 minutes while the job publishes progress. Good: more than zero; none means the job hangs while its pods still run.',
    query: 'sum {{by}} (increase(headroom_batch_items_total{{{selector}}}[30m]) {{pods}})',
    alerts: [{ name: 'HeadroomBatchStalled', severity: 'warning', breach: 'below', threshold: 1, for: '15m', runbook: 'batch-stalled',
      summary: 'A batch job has made no progress for 30 minutes.' }],
    fixture: increase('headroom_batch_items_total', 1800),
  }];
}
