import { describe, expect, it } from 'vitest';
import { codes, only, sizeWorkloads, step } from '../../testing.ts';
import { GiB } from '../../units.ts';

const llm = (model: string, extra = '', traffic = '{ peakRequestsPerSecond: 10, inputTokens: 1000, outputTokens: 200 }') => `    - name: chat
      kind: llm-inference
      model: ${model}
      traffic: ${traffic}
${extra}`;

describe('llm-inference sizing', () => {
  it('weights: parameters × bytes per parameter by precision', () => {
    // Llama 3.1 8B has 8,030,261,248 parameters (its config.json / model card): 16.06 GB in bf16.
    const bf16 = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    expect(bf16.details.weightsBytes).toBeCloseTo(16.06e9, -7);
    const int4 = only(sizeWorkloads(llm('{ preset: llama-3.1-8b, precision: int4 }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    // 4 bits plus one fp16 scale per 128 weights (GPTQ/AWQ group size 128).
    expect(int4.details.weightsBytes! / bf16.details.weightsBytes!).toBeCloseTo((0.5 + 2 / 128) / 2, 6);
  });

  it('KV cache per token: 2 × layers × kvHeads × headDim × bytes (vLLM paper; NVIDIA "Mastering LLM Techniques: Inference Optimization")', () => {
    const size = (model: string) => only(sizeWorkloads(llm(model, '      accelerator: { gpu: H100-SXM-80GB }\n'))).details.kvCacheBytesPerToken;
    // Llama 2 7B, multi-head attention: ~0.5 MB per token in fp16 (NVIDIA's worked example).
    expect(size('{ preset: llama-2-7b }')).toBe(2 * 32 * 32 * 128 * 2);
    // Llama 3.1 8B, grouped-query attention with 8 KV heads: 128 KiB per token.
    expect(size('{ preset: llama-3.1-8b }')).toBe(131072);
    // Llama 2 70B: 80 layers, 8 KV heads → 320 KiB per token.
    expect(size('{ preset: llama-2-70b }')).toBe(327680);
  });

  it('decode at batch 1 is bound by reading the weights from HBM', () => {
    // Databricks, "LLM Inference Performance Engineering: Best Practices" (2023): a 7B model in
    // fp16 (14 GB) on an A100 with 2 TB/s at 100% bandwidth utilisation takes ~7 ms per token.
    const w = only(sizeWorkloads(llm('{ preset: llama-2-7b }', `      accelerator: { gpu: A100-SXM-80GB, tensorParallel: 1 }
      assumptions: { memoryBandwidthEfficiency: 0.99, maxNumSeqs: 1 }
`, '{ peakRequestsPerSecond: 0.1, inputTokens: 10, outputTokens: 10 }')));
    expect(w.details.decodeStepSeconds).toBeGreaterThan(0.0065);
    expect(w.details.decodeStepSeconds).toBeLessThan(0.0075);
  });

  it('picks a tensor parallel degree that fits the weights: Llama 3.1 70B in bf16 needs at least 2 × 80 GB', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    expect(w.details.tensorParallel).toBeGreaterThanOrEqual(2);
    expect(w.perReplica.gpus).toBe(w.details.tensorParallel);
    expect(w.details.kvCacheCapacityTokens).toBeGreaterThan(8192);
  });

  it('an explicit tensor parallel degree is kept, and too small a one is reported, not silently zeroed', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 1 }\n')));
    expect(w.details.tensorParallel).toBe(1);
    expect(codes(w)).toContain('LLM_MODEL_DOES_NOT_FIT');
    expect(w.details.kvCacheCapacityTokens).toBe(0);
  });

  it('reports a model no single node can hold (Llama 3.1 405B in bf16 on 8 × 80 GB)', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-405b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    expect(codes(w)).toContain('LLM_MODEL_DOES_NOT_FIT');
    expect(Object.values(w.details).every(Number.isFinite)).toBe(true);
  });

  it('concurrency is bounded by the KV cache and by the inter-token latency SLO', () => {
    const loose = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: L4-24GB }\n      slo: { interTokenLatency: 500 ms }\n')));
    const tight = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: L4-24GB }\n      slo: { interTokenLatency: 70 ms }\n')));
    expect(loose.details.maxConcurrentSequences).toBe(step(loose, 'kvBoundSequences'));
    expect(tight.details.maxConcurrentSequences).toBe(step(tight, 'itlBoundSequences'));
    expect(tight.details.decodeStepSeconds).toBeLessThanOrEqual(0.07);
    expect(tight.replicas.peak).toBeGreaterThanOrEqual(loose.replicas.peak);
  });

  it('warns when the SLOs are below what one request alone can get', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: A100-SXM-80GB, tensorParallel: 2 }\n      slo: { timeToFirstToken: 10 ms, interTokenLatency: 2 ms }\n')));
    expect(codes(w)).toEqual(expect.arrayContaining(['LLM_TTFT_SLO_INFEASIBLE', 'LLM_ITL_SLO_INFEASIBLE']));
    expect(w.replicas.peak).toBeGreaterThan(0);
  });

  it('throughput per replica follows Little\'s law from the decode batch and prefill stalls', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    const { maxConcurrentSequences: b, prefillSeconds: p, decodeStepSeconds: s } = w.details as Record<string, number> & { maxConcurrentSequences: number; prefillSeconds: number; decodeStepSeconds: number };
    expect(w.details.requestsPerSecondPerReplica).toBeCloseTo(b / (b * p + 200 * s), 9);
    // Replicas: peak load at 70% target utilisation, plus one spare (n+1).
    expect(step(w, 'replicasForLoad')).toBe(Math.ceil(10 / w.details.requestsPerSecondPerReplica! / 0.7));
    expect(w.replicas.peak).toBe(step(w, 'replicasForLoad') + 1);
  });

  it('mixture-of-experts: weights count every expert, prefill only the active ones (Mixtral 8x7B)', () => {
    const w = only(sizeWorkloads(llm('{ preset: mixtral-8x7b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    expect(w.details.weightsBytes! / GiB).toBeGreaterThan(85);
    const dense = only(sizeWorkloads(llm('{ preset: mixtral-8x7b, activeParameters: 46.7e9 }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    expect(w.details.prefillSeconds! / dense.details.prefillSeconds!).toBeCloseTo(12.88 / 46.7, 1);
  });

  it('gpu: auto picks a priced GPU of the provider and says why', () => {
    const sizing = sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      slo: { interTokenLatency: 50 ms }\n'), '  cluster: { provider: gke }\n');
    const w = only(sizing);
    expect(['L4-24GB', 'A100-SXM-40GB', 'A100-SXM-80GB', 'H100-SXM-80GB']).toContain(w.perReplica.gpuModel);
    expect(w.explain.some((s) => s.id === 'configurationChoice')).toBe(true);
    expect(sizing.cluster.nodePools.some((p) => p.nodes > 0)).toBe(true);
  });

  it('explains every figure with a formula and finite value', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n')));
    for (const id of ['weightsBytes', 'kvCacheBytesPerToken', 'kvCacheCapacityTokens', 'maxConcurrentSequences', 'decodeTokensPerSecondPerReplica', 'requestsPerSecondPerReplica']) {
      const s = w.explain.find((e) => e.id === id)!;
      expect(s.formula.length).toBeGreaterThan(5);
      expect(Number.isFinite(s.value)).toBe(true);
    }
  });
});

describe('llm-inference SLOs and vLLM histograms', () => {
  it('warns when an SLO is not one of vLLM\'s bucket bounds, since the burn-rate alerts could not see it', () => {
    const off = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n      slo: { timeToFirstToken: 1.5 s, interTokenLatency: 50 ms }\n')));
    expect(off.warnings.filter((w) => w.code === 'LLM_SLO_NOT_A_VLLM_BUCKET').map((w) => w.message)).toEqual([expect.stringMatching(/^timeToFirstToken 1500 ms .* e\.g\. 2500\.0 ms\.$/)]);
    const on = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n      slo: { timeToFirstToken: 1 s, interTokenLatency: 50 ms }\n')));
    expect(codes(on)).not.toContain('LLM_SLO_NOT_A_VLLM_BUCKET');
  });
});
