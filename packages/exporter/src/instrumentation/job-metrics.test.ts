import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createBatchMetrics, createPipelineMetrics, createTrainingMetrics } from './job-metrics.ts';
import { hasPromtool, promtoolCheckMetrics, sampleValue, sleep } from './test-helpers.ts';

describe('job metrics', () => {
  it('count training tokens, batch items and pipeline bytes under the names the signals read', async () => {
    const registry = new Registry();
    const training = createTrainingMetrics({ registry });
    const batch = createBatchMetrics({ registry });
    const pipeline = createPipelineMetrics({ registry });
    training.countTokens(4096);
    training.countTokens(4096);
    batch.countItems();
    batch.countItems(9);
    pipeline.countBytes(1 << 20);

    const text = await registry.metrics();
    expect(sampleValue(text, 'headroom_training_tokens_total')).toBe(8192);
    expect(sampleValue(text, 'headroom_batch_items_total')).toBe(10);
    expect(sampleValue(text, 'headroom_pipeline_bytes_total')).toBe(1048576);
    expect(text).toContain('# TYPE headroom_pipeline_last_run_duration_seconds gauge');
    expect(() => training.countTokens(-1)).toThrow();
  });

  it('record the duration of the last completed pipeline run, once per run', async () => {
    const pipeline = createPipelineMetrics();
    const endRun = pipeline.startRun();
    await sleep(20);
    const seconds = endRun();
    expect(seconds).toBeGreaterThanOrEqual(0.019);
    await sleep(10);
    expect(endRun()).toBe(seconds);
    expect(sampleValue(await pipeline.registry.metrics(), 'headroom_pipeline_last_run_duration_seconds')).toBe(seconds);
  });

  it.skipIf(!hasPromtool)('pass promtool check metrics', async () => {
    const registry = new Registry();
    createTrainingMetrics({ registry }).countTokens(1);
    createBatchMetrics({ registry }).countItems();
    createPipelineMetrics({ registry }).startRun()();
    expect(promtoolCheckMetrics(await registry.metrics())).toEqual({ status: 0, output: '' });
  });
});
