/** Production metrics that test a pipeline plan: run duration against the window, bytes per second. */
import { counter, gauge } from '../../signals/fixtures.ts';
import { presentWhen } from '../../signals/presence.ts';
import type { Signal } from '../types.ts';

export function dataPipelineSignals(): Signal[] {
  return [
    {
      id: 'run-duration', title: 'Last run duration', unit: 's', source: 'headroom', checks: 'runSeconds',
      description: 'Duration of the last completed run (headroom_pipeline_last_run_duration_seconds). Good: within the window.',
      query: 'max {{by}} (headroom_pipeline_last_run_duration_seconds{{{selector}}} {{pods}})',
      planned: { metric: 'headroom_plan_window_seconds' },
      alerts: [{ name: 'HeadroomPipelineRunOverWindow', severity: 'warning', breach: 'above', threshold: 1, for: '5m', runbook: 'pipeline-run-over-window',
        summary: 'A pipeline run took longer than its window.' }],
      fixture: gauge('headroom_pipeline_last_run_duration_seconds', {}, 'pod'),
    },
    {
      id: 'bytes-per-second', title: 'Bytes processed per second', unit: 'Bps', source: 'headroom', checks: 'requiredBytesPerSecond',
      description: 'Input bytes processed per second while a run is active. Good: at or above the required throughput.',
      query: 'sum {{by}} (rate(headroom_pipeline_bytes_total{{{selector}}}[{{window}}]) {{pods}}) > 0',
      presence: presentWhen('headroom_pipeline_bytes_total'),
      planned: { metric: 'headroom_plan_throughput', labels: { figure: 'required_bytes_per_second' } },
      alerts: [],
      fixture: counter('headroom_pipeline_bytes_total'),
    },
    {
      id: 'schedule-delay', title: 'Time past the CronJob\'s next scheduled run', unit: 's', source: 'kube-state-metrics', checks: 'runSeconds',
      description: 'How long ago the CronJob\'s next run was due (kube-state-metrics kube_cronjob_next_schedule_time); negative while it lies ahead. Good: below the window; above it, a run was missed (controller down, suspended, concurrency policy forbidding it).',
      query: 'max {{by}} (time() - max by ({{cluster}}, namespace, cronjob) (kube_cronjob_next_schedule_time{{{selector}}, cronjob="{{owner}}"}))',
      planned: { metric: 'headroom_plan_window_seconds' },
      alerts: [{ name: 'HeadroomPipelineMissedSchedule', severity: 'warning', breach: 'above', threshold: 1, for: '5m', runbook: 'pipeline-missed-schedule',
        summary: 'A pipeline\'s CronJob has not started a run that was due longer ago than its window.' }],
      // Due `value` seconds before `atSeconds`.
      fixture: (value, atSeconds) => gauge('kube_cronjob_next_schedule_time', { cronjob: '{{workload}}' }, 'object')(atSeconds - value),
    },
    {
      id: 'last-success-age', title: 'Time since the last successful run', unit: 's', source: 'kube-state-metrics', checks: 'runSeconds',
      description: 'Time since a Job of the CronJob last succeeded (kube-state-metrics kube_cronjob_status_last_successful_time, 2.7 or later). Good: below the schedule\'s period plus the window.',
      query: 'max {{by}} (time() - max by ({{cluster}}, namespace, cronjob) (kube_cronjob_status_last_successful_time{{{selector}}, cronjob="{{owner}}"}))',
      planned: { metric: 'headroom_plan_run_interval_seconds' },
      alerts: [{ name: 'HeadroomPipelineNotSucceeding', severity: 'warning', breach: 'above', threshold: 2, for: '5m', runbook: 'pipeline-not-succeeding',
        summary: 'A pipeline has not completed a run successfully for two of its scheduled periods.' }],
      // Last succeeded `value` seconds before `atSeconds`.
      fixture: (value, atSeconds) => gauge('kube_cronjob_status_last_successful_time', { cronjob: '{{workload}}' }, 'object')(atSeconds - value),
    },
  ];
}
