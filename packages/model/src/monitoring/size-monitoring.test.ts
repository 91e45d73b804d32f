import { describe, expect, it } from 'vitest';
import { sizeWorkloads } from '../testing.ts';

const plan = (monitoring: string) => sizeWorkloads(`    - name: chat
      kind: llm-inference
      model: { preset: llama-3.1-8b }
      traffic: { peakRequestsPerSecond: 20, inputTokens: 1000, outputTokens: 200 }
      accelerator: { gpu: H100-SXM-80GB }
`, `  cluster: { provider: eks, nodePools: [ { name: gpu, instanceType: p5.48xlarge } ] }\n  monitoring: ${monitoring}\n`).monitoring;

describe('monitoring sizing', () => {
  it('counts series per source and applies the Prometheus disk formula', () => {
    const m = plan('{ scrapeInterval: 30 s, retention: 15 d }');
    expect(m.seriesBySource['dcgm-exporter']).toBeGreaterThan(0);
    expect(m.seriesBySource.vllm).toBeGreaterThan(0);
    expect(m.activeSeries).toBe(Object.values(m.seriesBySource).reduce((a, b) => a + b, 0));
    expect(m.samplesPerSecond).toBeCloseTo(m.activeSeries / 30, 9);
    // Prometheus docs: needed_disk_space = retention_time_seconds × ingested_samples_per_second × bytes_per_sample (2).
    expect(m.prometheusStorageBytes).toBeCloseTo(15 * 86400 * m.samplesPerSecond * 2, 3);
  });

  it('halving the scrape interval doubles samples and disk; doubling retention doubles disk', () => {
    const base = plan('{ scrapeInterval: 30 s, retention: 15 d }');
    expect(plan('{ scrapeInterval: 15 s, retention: 15 d }').prometheusStorageBytes).toBeCloseTo(2 * base.prometheusStorageBytes, 3);
    expect(plan('{ scrapeInterval: 30 s, retention: 30 d }').prometheusStorageBytes).toBeCloseTo(2 * base.prometheusStorageBytes, 3);
  });
});
