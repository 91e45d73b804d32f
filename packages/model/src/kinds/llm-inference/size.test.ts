import { describe, expect, it } from 'vitest';
import { instanceTypes } from '../../catalog/instance-types.ts';
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
    // Without vocabSize every weight is quantized: 4 bits plus one fp16 scale per 128 weights (GPTQ/AWQ group size 128).
    const fields = (precision: string) => `{ parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, precision: ${precision} }`;
    const [int4, sixteen] = [fields('int4'), fields('bf16')].map((m) => only(sizeWorkloads(llm(m, '      accelerator: { gpu: H100-SXM-80GB }\n'))));
    expect(int4!.details.weightsBytes! / sixteen!.details.weightsBytes!).toBeCloseTo((0.5 + 2 / 128) / 2, 6);
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

  it('spreads a model no single node can hold over whole nodes: Llama 3.1 405B in bf16 on H100 is TP 8 × PP 2, 16 GPUs on two nodes', () => {
    // 405.9e9 × 2 B = 812 GB of weights against 8 × 80 GiB × 0.9 = 618 GB on one p5.48xlarge.
    const sizing = sizeWorkloads(llm('{ preset: llama-3.1-405b }', '      accelerator: { gpu: H100-SXM-80GB }\n'), '  cluster: { provider: eks }\n');
    const w = only(sizing);
    expect(w.feasible).toBe(true);
    expect([w.details.tensorParallel, w.details.pipelineParallel, w.details.nodesPerReplica, w.perReplica.gpus]).toEqual([8, 2, 2, 16]);
    // Packing places each replica on two whole p5.48xlarge nodes.
    const pool = sizing.cluster.nodePools.find((p) => p.workloads.includes('chat'))!;
    expect(pool.instanceType).toBe('p5.48xlarge');
    expect(pool.nodes).toBe(2 * w.replicas.peak);
  });

  it('an explicit configuration that cannot hold the model is infeasible and never sized below one sequence per replica', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-405b }', '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 8, pipelineParallel: 1 }\n')));
    expect(w.feasible).toBe(false);
    expect(w.infeasible!.map((x) => x.code)).toContain('LLM_MODEL_DOES_NOT_FIT');
    expect(step(w, 'sizedSequences')).toBe(1);
    expect(w.details.requestsPerSecondPerReplica).toBeGreaterThan(0);
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

  it('reports SLOs below what one request alone can get as infeasible', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: A100-SXM-80GB, tensorParallel: 2 }\n      slo: { timeToFirstToken: 10 ms, interTokenLatency: 2 ms }\n')));
    expect(codes(w)).toEqual(expect.arrayContaining(['LLM_TTFT_SLO_INFEASIBLE', 'LLM_ITL_SLO_INFEASIBLE']));
    expect(w.feasible).toBe(false);
    expect(w.replicas.peak).toBeGreaterThan(0);
  });

  it('an impossible inter-token latency never yields a cheaper plan than a feasible one (70B: 5 ms against 60 ms)', () => {
    const at = (itl: string) => sizeWorkloads(llm('{ preset: llama-3.1-70b }', `      accelerator: { gpu: H100-SXM-80GB }\n      slo: { interTokenLatency: ${itl} }\n`,
      '{ peakRequestsPerSecond: 20, inputTokens: 1000, outputTokens: 250 }'), '  cluster: { provider: eks }\n');
    const [impossible, feasible] = [at('5 ms'), at('60 ms')];
    expect(impossible.complete).toBe(false);
    expect(only(impossible).infeasible!.map((x) => x.code)).toContain('LLM_ITL_SLO_INFEASIBLE');
    expect(feasible.complete).toBe(true);
    expect(impossible.cluster.totals.gpus).toBeGreaterThanOrEqual(feasible.cluster.totals.gpus);
    expect(impossible.cluster.costPerMonthUsd).toBeGreaterThanOrEqual(feasible.cluster.costPerMonthUsd);
  });

  it('a GPU no instance type of the provider carries is infeasible there and is reported with its cost, or says its cost is missing (B300: no node in the catalog)', () => {
    const sizing = sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: B300-288GB }\n'), '  cluster: { provider: gke }\n');
    const w = only(sizing);
    expect(w.feasible).toBe(false);
    expect(w.infeasible!.map((x) => x.code)).toContain('NO_INSTANCE_TYPE');
    expect(sizing.complete).toBe(false);
    expect(sizing.cluster.unplaced.map((u) => u.workload)).toEqual(['chat']);
    // B300 has no node on any provider in the catalog: the reason says its cost is not included.
    expect(sizing.cluster.unplaced[0]!.reason).toMatch(/NOT in the plan's cost, which is a lower bound/);
    expect(sizing.cluster.unplaced[0]!.estimatedCostPerMonthUsd).toBeNull();
    expect(sizing.cluster.costIsLowerBound).toBe(true);
    const h200 = sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: H200-SXM-141GB }\n'), '  cluster: { provider: gke, nodePools: [ { name: gpu, instanceType: a3-highgpu-8g } ] }\n');
    expect(h200.complete).toBe(true);
    expect(h200.cluster.costIsLowerBound).toBe(false);
  });

  it('warns when a replica has more pipeline stages than the calibration covers (PP 8 came out 36% high)', () => {
    const deep = only(sizeWorkloads(llm('{ preset: llama-3.3-70b, precision: fp4 }', '      accelerator: { gpu: RTX-PRO-6000-96GB, tensorParallel: 1, pipelineParallel: 8 }\n'), '  cluster: { provider: gke }\n'));
    expect(deep.warnings.map((x) => x.code)).toContain('LLM_PIPELINE_NOT_CALIBRATED');
    const four = only(sizeWorkloads(llm('{ preset: llama-3.3-70b, precision: fp4 }', '      accelerator: { gpu: RTX-PRO-6000-96GB, tensorParallel: 1, pipelineParallel: 4 }\n'), '  cluster: { provider: gke }\n'));
    expect(four.warnings.map((x) => x.code)).not.toContain('LLM_PIPELINE_NOT_CALIBRATED');
  });

  it('lists every configuration compared, the chosen one among them', () => {
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-70b }', '      accelerator: { gpu: H100-SXM-80GB }\n'), '  cluster: { provider: eks }\n'));
    const candidates = w.candidates!;
    expect(candidates.map((c) => c.tensorParallel)).toEqual([1, 2, 4, 8]);
    const chosen = candidates.find((c) => c.tensorParallel === w.details.tensorParallel && c.gpu === w.perReplica.gpuModel)!;
    expect(chosen.feasible).toBe(true);
    expect(chosen.gpus).toBe(w.total.gpus);
    expect(candidates.filter((c) => c.feasible).every((c) => c.gpus >= chosen.gpus)).toBe(true);
    expect(candidates.find((c) => c.tensorParallel === 1)!.limitedBy).toBe('LLM_MODEL_DOES_NOT_FIT');
    // Cost: GPUs × $55.04 / 8 per GPU-hour (p5.48xlarge) × 730 h.
    expect(chosen.costPerMonthUsd).toBeCloseTo(chosen.gpus * (55.04 / 8) * 730, 6);
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
    const w = only(sizeWorkloads(llm('{ preset: mixtral-8x7b }', '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 2 }\n')));
    expect(w.details.weightsBytes! / GiB).toBeGreaterThan(85);
    // Mixtral paper (Jiang et al. 2024): 46.7B total, 12.9B active; 8 experts, 2 per token →
    // (46.7 − 12.9) / 6 = 5.6B per expert (all 32 layers).
    expect(step(w, 'parametersPerExpert') / 1e9).toBeCloseTo((46.70 - 12.88) / 6, 1);
    const dense = only(sizeWorkloads(llm('{ parameters: 46.7e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, vocabSize: 32000 }', '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 2 }\n')));
    expect(w.details.prefillSeconds! / dense.details.prefillSeconds!).toBeCloseTo(12.88 / 46.7, 1);
    // A large batch reads (nearly) every expert: about 8 per layer.
    expect(step(w, 'expertsReadPerLayer')).toBeGreaterThan(7.9);
  });

  it('KV heads replicate when tensor parallel exceeds them: Qwen3-235B (4 KV heads) at TP 8 stores each twice', () => {
    const at = (tp: number) => only(sizeWorkloads(llm('{ preset: qwen3-235b-a22b, precision: fp8 }', `      accelerator: { gpu: H200-SXM-141GB, tensorParallel: ${tp} }\n`)));
    const tp8 = at(8);
    // vLLM: max(1, kvHeads / TP) heads per rank → 8 ranks × 1 head = 2 copies of 4 heads.
    expect(step(tp8, 'kvReplication')).toBe(2);
    expect(tp8.details.kvCacheCapacityTokens).toBe(Math.floor(tp8.details.kvCacheBytesPerReplica! / (2 * tp8.details.kvCacheBytesPerToken!)));
    expect(at(4).explain.some((e) => e.id === 'kvReplication')).toBe(false);
  });

  it('MLA caches layers × (kvLoraRank + qkRopeHeadDim) per token, whole on every rank (DeepSeek-V3)', () => {
    const w = only(sizeWorkloads(llm('{ preset: deepseek-v3 }', '      accelerator: { gpu: H200-SXM-141GB, tensorParallel: 8 }\n')));
    // DeepSeek-V2 report, §2.1.2: (d_c + d_h^R) × l elements per token; V3: (512 + 64) × 61 × 2 B = 70,272 B.
    expect(w.details.kvCacheBytesPerToken).toBe(70_272);
    expect(step(w, 'kvReplication')).toBe(8);
  });

  it('sliding-window layers hold at most the window (Gemma 2 9B: 21 of 42 layers at 4096 tokens)', () => {
    const at = (extra: string) => only(sizeWorkloads(llm(`{ preset: gemma-2-9b, precision: bf16${extra} }`, '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 1 }\n',
      '{ peakRequestsPerSecond: 1, inputTokens: 7000, outputTokens: 1000 }')));
    const windowed = at('');
    const full = at(', slidingWindowLayers: 0');
    // An 8000-token sequence: 21 layers × 8000 + 21 layers × 4096 against 42 × 8000 token-layers.
    expect(step(windowed, 'kvBoundSequences') / step(full, 'kvBoundSequences')).toBeCloseTo((42 * 8000) / (21 * 8000 + 21 * 4096), 1);
  });

  it('quantized checkpoints keep the embedding table and LM head in 16 bits (Llama 3.1 8B int4)', () => {
    const int4 = only(sizeWorkloads(llm('{ preset: llama-3.1-8b, precision: int4 }', '      accelerator: { gpu: L4-24GB }\n')));
    const embeddings = 2 * 128_256 * 4096;
    expect(int4.details.weightsBytes).toBeCloseTo((8_030_261_248 - embeddings) * (0.5 + 2 / 128) + embeddings * 2, -3);
    // About 42% more than parameters × 0.5 B.
    expect(int4.details.weightsBytes! / (8_030_261_248 * 0.5)).toBeGreaterThan(1.4);
    const fp4 = only(sizeWorkloads(llm('{ preset: llama-3.1-8b, precision: fp4 }', '      accelerator: { gpu: B200-180GB }\n')));
    // NVFP4: 4 bits + one FP8 scale per 16 weights = 0.5625 B.
    expect(fp4.details.weightsBytes).toBeCloseTo((8_030_261_248 - embeddings) * 0.5625 + embeddings * 2, -3);
  });

  it('tensor parallel pays two all-reduces per layer: TP 8 decodes slower than 1/8 of TP 1', () => {
    const at = (tp: number) => only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', `      accelerator: { gpu: H100-SXM-80GB, tensorParallel: ${tp} }\n      assumptions: { maxNumSeqs: 1 }\n`,
      '{ peakRequestsPerSecond: 0.1, inputTokens: 100, outputTokens: 100 }')));
    const [tp1, tp8] = [at(1), at(8)];
    expect(tp8.details.decodeStepSeconds).toBeGreaterThan(tp1.details.decodeStepSeconds! / 8);
    // 64 all-reduces (2 × 32 layers) at ≥ 8 µs each.
    expect(tp8.details.decodeStepSeconds! - tp1.details.decodeStepSeconds! / 8).toBeGreaterThan(64 * 8e-6 * 0.99);
  });

  it('gpu: auto picks a priced GPU of the provider and says why', () => {
    const sizing = sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      slo: { interTokenLatency: 50 ms }\n'), '  cluster: { provider: gke }\n');
    const w = only(sizing);
    expect(instanceTypes.filter((i) => i.provider === 'gke').map((i) => i.gpuModel)).toContain(w.perReplica.gpuModel);
    expect(w.explain.some((s) => s.id === 'configurationChoice')).toBe(true);
    expect(sizing.cluster.nodePools.some((p) => p.nodes > 0)).toBe(true);
  });

  it('the configuration choice lists a GPU price only where its formula weighs by one, never a stand-in', () => {
    const fixed = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: H100-SXM-80GB }\n'))).explain.find((s) => s.id === 'configurationChoice')!;
    expect(fixed.unit).toBe('GPUs');
    expect(fixed.inputs).not.toHaveProperty('usdPerGpuHour');
    expect(fixed.value).toBe(fixed.inputs['gpusAtPeak']);
    const auto = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      slo: { interTokenLatency: 50 ms }\n'), '  cluster: { provider: gke }\n'));
    const choice = auto.explain.find((s) => s.id === 'configurationChoice')!;
    const gkePrices = instanceTypes.filter((i) => i.provider === 'gke' && i.gpuModel === auto.perReplica.gpuModel).map((i) => i.onDemandUsdPerHour / i.gpus);
    expect(choice.inputs['usdPerGpuHour']).toBe(Math.min(...gkePrices));
    expect(choice.value).toBeCloseTo(choice.inputs['gpusAtPeak']! * choice.inputs['usdPerGpuHour']!, 9);
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

  it('never lets a tensor-parallel group of PCIe GPUs span nodes', () => {
    // AKS's T4 shape with a GPU network-free 1-GPU node: TP 4 would all-reduce over the network.
    const given = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: T4-16GB, tensorParallel: 4 }\n'), '  cluster: { provider: aks }\n'));
    expect(given.feasible).toBe(false);
    expect(given.infeasible!.map((x) => x.code)).toContain('LLM_LAYOUT_UNSUPPORTED');
    expect(given.infeasible!.find((x) => x.code === 'LLM_LAYOUT_UNSUPPORTED')!.message).toMatch(/tensor parallel 4 exceeds the 1 GPU of a node/);
    const searched = only(sizeWorkloads(llm('{ preset: llama-3.1-8b }', '      accelerator: { gpu: T4-16GB }\n'), '  cluster: { provider: aks }\n'));
    expect((searched.candidates ?? []).every((c) => c.tensorParallel <= 1)).toBe(true);
  });

  it('runs a multi-node replica only as equal pods of whole tensor-parallel groups', () => {
    // 4 × 5 = 20 H100s would be 3 pods of 6.67 GPUs: no Kubernetes request can say that.
    const w = only(sizeWorkloads(llm('{ preset: llama-3.1-405b }', '      accelerator: { gpu: H100-SXM-80GB, tensorParallel: 4, pipelineParallel: 5 }\n'), '  cluster: { provider: eks }\n'));
    expect(w.infeasible!.find((x) => x.code === 'LLM_LAYOUT_UNSUPPORTED')!.message).toMatch(/20 GPUs .* do not split into 3 equal pods/);
    // Searched, the pipeline stages come in whole nodes' worth.
    const searched = only(sizeWorkloads(llm('{ preset: llama-3.1-405b }', '      accelerator: { gpu: H100-SXM-80GB }\n'), '  cluster: { provider: eks }\n'));
    const gpusPerPod = searched.perReplica.gpus / (searched.details.nodesPerReplica ?? 1);
    expect(Number.isInteger(gpusPerPod)).toBe(true);
    expect(gpusPerPod % searched.details.tensorParallel!).toBe(0);
  });

  it('sizes a configuration whose KV cache is small as the workload is sized: its candidate row agrees', () => {
    // 300B in bf16 on 8 × A100 80GB leaves a KV cache for fewer than the useful number of sequences.
    const w = only(sizeWorkloads(llm('{ parameters: 3.0e11, layers: 96, hiddenSize: 12288, attentionHeads: 96, kvHeads: 8, precision: bf16 }',
      '      accelerator: { gpu: A100-SXM-80GB }\n', '{ peakRequestsPerSecond: 2, inputTokens: 1000, outputTokens: 250, maxContextTokens: 2048 }'), '  cluster: { provider: gke }\n'));
    expect(codes(w)).toContain('LLM_KV_CACHE_SMALL');
    const chosen = w.candidates!.find((c) => c.tensorParallel === w.details.tensorParallel && c.pipelineParallel === (w.details.pipelineParallel ?? 1))!;
    expect(chosen.feasible).toBe(w.feasible);
    expect(chosen.gpus).toBe(w.total.gpus);
  });

  it('serves a preset in its published precision unless the plan says otherwise (fp32 checkpoints in 16 bits, as vLLM\'s dtype auto does)', () => {
    const weights = (model: string) => only(sizeWorkloads(llm(model, '      accelerator: { gpu: B200-180GB }\n'))).details.weightsBytes!;
    // gpt-oss-120b ships its experts in MXFP4: about 65 GB of weights, not the 234 GB of bf16.
    expect(weights('{ preset: gpt-oss-120b }')).toBeLessThan(70e9);
    expect(weights('{ preset: gpt-oss-120b, precision: bf16 }')).toBeGreaterThan(200e9);
    // DeepSeek-V3 is published in fp8: one byte per parameter (671B).
    expect(weights('{ preset: deepseek-v3 }') / weights('{ preset: deepseek-v3, precision: bf16 }')).toBeCloseTo(0.5, 1);
    // Gemma 2 9B's config says float32; vLLM serves it in 16 bits.
    expect(weights('{ preset: gemma-2-9b }')).toBe(weights('{ preset: gemma-2-9b, precision: bf16 }'));
  });
});
