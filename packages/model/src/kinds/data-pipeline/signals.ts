/** Production metrics that test a pipeline plan: run duration against the window, bytes per second. */
import { counter, gauge } from '../../signals/fixtures.ts';
import type { Signal } from '../types.ts';

export function dataPipelineSignals(): Signal[] {
  return [
    {
      id: 'run-duration', title: 'Last run duration', unit: 's', source: 'headroom', checks: 'runSeconds',
      description: 'Duration of the last completed run (headroom_pipeline_last_run_duration_seconds). Good: within the window.',
      query: 'max(headroom_pipeline_last_run_duration_seconds{{{selector}}})',
      planned: { metric: 'headroom_plan_window_seconds' },
      alerts: [{ name: 'HeadroomPipelineRunOverWindow', severity: 'warning', breach: 'above', threshold: 1, for: '5m', runbook: 'pipeline-run-over-window',
        summary: 'A pipeline run took longer than its window.' }],
      fixture: gauge('headroom_pipeline_last_run_duration_seconds'),
    },
    {
      id: 'bytes-per-second', title: 'Bytes processed per second', unit: 'Bps', source: 'headroom', checks: 'requiredBytesPerSecond',
      description: 'Input bytes processed per second while a run is active. Good: at or above the required throughput.',
      query: 'sum(rate(headroom_pipeline_bytes_total{{{selector}}}[{{window}}])) > 0',
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_bytes_per_second' } },
      alerts: [],
      fixture: counter('headroom_pipeline_bytes_total'),
    },
  ];
}
