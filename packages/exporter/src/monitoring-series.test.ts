/**
 * The Prometheus sizing counts the series the exporter really publishes: its pool series and its
 * own, for every bundled preset, against the /metrics body the exporter serves (rendered by the
 * same cache the server uses).
 */
import { parsePlan, planPresets, planSamples, poolSamples, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { MetricsCache } from './server/metrics-cache.ts';

describe('Prometheus sizing against the exporter\'s /metrics', () => {
  it.each(planPresets.map((p) => p.name))('%s: pool series and the exporter\'s own, as sized', async (name) => {
    const parsed = parsePlan(planPresets.find((p) => p.name === name)!.yaml);
    if (!parsed.ok) throw parsed.error;
    const sizing = sizePlan(parsed.plan);
    const cache = new MetricsCache();
    await cache.update({
      plan: parsed.plan.metadata.name,
      samples: [...planSamples(parsed.plan, sizing), ...poolSamples(parsed.plan, sizing)],
      reloads: { success: 1, failure: 0 },
      lastSuccessSeconds: 1,
      lastReloadSuccessful: true,
    });
    const samples = cache.body('text').body.toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const count = (prefix: string) => samples.filter((line) => line.startsWith(prefix)).length;
    expect(count('headroom_plan_pool_')).toBe(sizing.monitoring.seriesBySource['plan-pools']);
    expect(count('headroom_exporter_')).toBe(sizing.monitoring.seriesBySource['plan-exporter']);
    expect(count('headroom_plan_pool_')).toBe(9 * sizing.cluster.nodePools.length);
  });
});
