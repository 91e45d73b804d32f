/**
 * Property tests of the sizing engine: a generator of valid plans, written as a user would write
 * them (plain objects, quantities as numbers or unit strings), and the invariants every sizing must
 * keep whatever the plan: finite numbers, whole counts, determinism, monotonicity in load, and
 * totals that add up. Bounds below stay inside the schema's plausibility bounds (schema/fields.ts,
 * kinds/<kind>/schema.ts, schema/plan.ts) with some margin, so that rounding a value for display
 * never pushes it out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assumptionCatalog, gpus, instanceTypes, modelPresets, parsePlan, sizePlan, validatePlan,
  type AssumptionName, type Plan, type PlanInput, type Sizing,
} from '@headroom/model';

type WorkloadInput = PlanInput['spec']['workloads'][number];
type ClusterInput = NonNullable<PlanInput['spec']['cluster']>;
type Quantity = number | string;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Units a user may write, per dimension, with their size in base units. */
const UNITS = {
  seconds: [['ms', 1e-3], ['s', 1], ['min', 60], ['h', 3600], ['d', 86_400]],
  bytes: [['B', 1], ['kB', 1e3], ['MB', 1e6], ['GB', 1e9], ['TB', 1e12], ['PB', 1e15], ['KiB', 2 ** 10], ['MiB', 2 ** 20], ['GiB', 2 ** 30], ['TiB', 2 ** 40]],
  bytesPerSecond: [['B/s', 1], ['kB/s', 1e3], ['MB/s', 1e6], ['GB/s', 1e9], ['MiB/s', 2 ** 20], ['GiB/s', 2 ** 30]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;
type Dimension = keyof typeof UNITS;

const round = (value: number, digits: number) => Number(value.toPrecision(digits));

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** A number spread evenly over orders of magnitude in [lo, hi], rounded to 4 significant digits. */
const num = (lo: number, hi: number) =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((x) => clamp(round(Math.exp(x), 4), lo, hi));

/**
 * A quantity in [lo, hi] base units, written either as a number of base units or as a string with
 * a unit in which it reads naturally (between 0.1 and 100 000 of that unit), e.g. "250 ms".
 */
function quantity(dimension: Dimension, lo: number, hi: number): fc.Arbitrary<Quantity> {
  return fc.tuple(num(lo, hi), fc.boolean(), fc.nat()).map(([value, asString, pick]) => {
    // Units in which the rounded figure still lies within [lo, hi].
    const fitting = UNITS[dimension].filter(([, factor]) => {
      const shown = round(value / factor, 4);
      return shown >= 0.1 && shown <= 1e5 && shown * factor >= lo && shown * factor <= hi;
    });
    if (!asString || fitting.length === 0) return value;
    const [unit, factor] = fitting[pick % fitting.length]!;
    return `${round(value / factor, 4)} ${unit}`;
  });
}

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/);
const gpuId = fc.constantFrom(...gpus.map((g) => g.id));
const presetId = fc.constantFrom(...modelPresets.map((m) => m.id));
const redundancy = fc.constantFrom('none' as const, 'n+1' as const, 'zone' as const);
const precision = fc.constantFrom('fp32' as const, 'fp16' as const, 'bf16' as const, 'fp8' as const, 'int8' as const, 'int4' as const);

/** Optional keys are left out (as in a plan file), never set to undefined. */
const optional = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { requiredKeys: [], noNullPrototype: true });
const required = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { noNullPrototype: true });

/** Overrides of up to three assumptions, each within its documented bounds (counts as integers). */
const assumptionOverrides = fc
  .shuffledSubarray(Object.keys(assumptionCatalog) as AssumptionName[], { maxLength: 3 })
  .chain((names) => fc.tuple(...names.map((name) => {
    const a = assumptionCatalog[name];
    const value = a.unit === 'count'
      ? fc.integer({ min: Math.max(1, a.min), max: Math.min(a.max, 4 * a.value) })
      : a.min === 0 ? fc.oneof(fc.constant(0), num(a.value / 4 || 1, a.max)) : num(a.min, a.max);
    return value.map((v) => [name, v] as const);
  })))
  .map((entries) => Object.fromEntries(entries) as Partial<Record<AssumptionName, number>>);

/** The fields every workload kind accepts (name and nodePool are filled in by the plan). */
const workloadBase = optional({
  targetUtilization: num(0.05, 1),
  redundancy,
  minReplicas: fc.integer({ min: 0, max: 12 }),
  maxReplicas: fc.integer({ min: 1, max: 200 }),
  match: optional({
    namespace: dnsLabel,
    pod: fc.constantFrom('.*', 'api-.*', '(ranker|scorer)-[a-z0-9]+-[a-z0-9]{5}', 'worker-\\d+'),
    container: fc.constantFrom('server', 'main', 'vllm', 'spark-executor'),
  }),
  assumptions: assumptionOverrides,
});

// ---------------------------------------------------------------------------------------------
// One arbitrary per workload kind
// ---------------------------------------------------------------------------------------------

/** An LLM model: a preset (optionally re-quantised or with a shorter context), or an architecture. */
const llmModel = fc.oneof(
  fc.tuple(required({ preset: presetId }), optional({ precision, maxContextTokens: fc.integer({ min: 512, max: 131_072 }) }))
    .map(([preset, extra]) => ({ ...preset, ...extra })),
  fc.record({
    parameters: num(1e8, 2e11),
    activeFraction: fc.option(fc.double({ min: 0.1, max: 1, noNaN: true }), { nil: undefined }),
    layers: fc.integer({ min: 2, max: 128 }),
    attentionHeads: fc.constantFrom(8, 12, 16, 28, 32, 40, 64, 96, 128),
    headDimNominal: fc.constantFrom(64, 80, 128),
    kvDivisor: fc.constantFrom(1, 2, 4, 8),
    extra: optional({ precision, maxContextTokens: fc.integer({ min: 512, max: 131_072 }), giveHeadDim: fc.constant(true) }),
  }, { noNullPrototype: true }).map(({ parameters, activeFraction, layers, attentionHeads, headDimNominal, kvDivisor, extra }) => ({
    parameters,
    ...(activeFraction !== undefined ? { activeParameters: round(parameters * activeFraction, 4) } : {}),
    layers,
    hiddenSize: attentionHeads * headDimNominal,
    attentionHeads,
    // kvHeads ≤ attentionHeads, as the schema demands; grouped-query when the divisor is above 1.
    ...(kvDivisor > 1 && attentionHeads % kvDivisor === 0 ? { kvHeads: attentionHeads / kvDivisor } : {}),
    ...(extra.giveHeadDim ? { headDim: headDimNominal } : {}),
    ...(extra.precision ? { precision: extra.precision } : {}),
    ...(extra.maxContextTokens ? { maxContextTokens: extra.maxContextTokens } : {}),
  })),
);

const llmInference: fc.Arbitrary<WorkloadInput> = fc.tuple(
  workloadBase,
  required({
    model: llmModel,
    // At most 1 000 req/s so that ×10 stays within the schema's 1e6.
    traffic: fc.tuple(
      required({ peakRequestsPerSecond: num(0.01, 1000), inputTokens: fc.integer({ min: 1, max: 32_000 }), outputTokens: fc.integer({ min: 1, max: 4000 }) }),
      optional({ maxContextTokens: fc.integer({ min: 256, max: 131_072 }) }),
    ).map(([t, extra]) => ({ ...t, ...extra })),
  }),
  optional({
    kvCachePrecision: fc.constantFrom('fp32' as const, 'fp16' as const, 'bf16' as const, 'fp8' as const),
    slo: optional({ timeToFirstToken: quantity('seconds', 0.05, 60), interTokenLatency: quantity('seconds', 0.005, 2) }),
    accelerator: optional({ gpu: fc.oneof(fc.constant('auto'), gpuId), tensorParallel: fc.constantFrom('auto' as const, 1 as const, 2 as const, 4 as const, 8 as const) }),
    metrics: optional({ runtime: fc.constantFrom('vllm' as const, 'triton' as const, 'headroom' as const, 'none' as const) }),
  }),
).map(([base, main, extra]) => ({ ...base, kind: 'llm-inference' as const, name: '', ...main, ...extra }));

const modelServing: fc.Arbitrary<WorkloadInput> = fc.tuple(
  workloadBase,
  // device gpu needs an accelerator, device cpu (the default) must not have one.
  fc.oneof(
    optional({ device: fc.constant('cpu' as const) }),
    required({ device: fc.constant('gpu' as const), accelerator: required({ gpu: gpuId }) }),
  ),
  required({
    // Offered load stays ≤ 500 Erlangs (×10 when scaled): the Erlang C search is linear in it.
    traffic: required({ peakRequestsPerSecond: num(0.1, 500) }),
    serviceTime: quantity('seconds', 0.001, 1),
    model: required({ sizeBytes: quantity('bytes', 1e6, 20 * 2 ** 30) }),
  }),
  optional({
    workersPerReplica: fc.integer({ min: 1, max: 64 }),
    modelMemory: fc.constantFrom('per-worker' as const, 'shared' as const),
    slo: optional({ latencyP95: quantity('seconds', 0.005, 5) }),
    metrics: optional({ runtime: fc.constantFrom('triton' as const, 'headroom' as const, 'none' as const) }),
  }),
).map(([base, device, main, extra]) => ({ ...base, kind: 'model-serving' as const, name: '', ...device, ...main, ...extra }));

/** A trained model: a preset, a bare parameter count (architecture estimated), or both plus an architecture. */
const trainingModel = fc.oneof(
  fc.tuple(required({ preset: presetId }), optional({ precision: fc.constantFrom('bf16' as const, 'fp16' as const, 'fp8' as const, 'fp32' as const) }))
    .map(([preset, extra]) => ({ ...preset, ...extra })),
  required({ parameters: num(1e6, 1e11) }),
  fc.record({ parameters: num(1e6, 1e11), layers: fc.integer({ min: 2, max: 96 }), heads: fc.constantFrom(8, 16, 32, 64) }, { noNullPrototype: true })
    .map(({ parameters, layers, heads }) => ({ parameters, layers, hiddenSize: heads * 128, attentionHeads: heads })),
);

const training: fc.Arbitrary<WorkloadInput> = fc.tuple(
  workloadBase,
  required({
    model: trainingModel,
    dataset: fc.tuple(required({ tokens: num(1e6, 1e12) }), optional({ bytes: quantity('bytes', 1e6, 5e12) })).map(([d, extra]) => ({ ...d, ...extra })),
    deadline: quantity('seconds', 3600, 60 * 86_400),
    accelerator: required({ gpu: gpuId }),
  }),
  optional({
    method: fc.constantFrom('full' as const, 'lora' as const, 'qlora' as const),
    epochs: num(0.5, 5),
    sequenceLength: fc.integer({ min: 128, max: 32_768 }),
    microBatchSize: fc.integer({ min: 1, max: 16 }),
    parallelism: optional({
      zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      activationCheckpointing: fc.boolean(),
      tensorParallel: fc.constantFrom(1 as const, 2 as const, 4 as const, 8 as const),
    }),
    checkpoints: optional({ keep: fc.integer({ min: 1, max: 10 }) }),
  }),
).map(([base, main, extra]) => ({ ...base, kind: 'training' as const, name: '', ...main, ...extra }));

const batchInference: fc.Arbitrary<WorkloadInput> = fc.tuple(
  workloadBase,
  // Exactly one of gpuTime (with an accelerator) or cpuTime (without).
  fc.oneof(
    required({ perItem: required({ gpuTime: quantity('seconds', 1e-4, 2) }), accelerator: required({ gpu: gpuId }) }),
    required({ perItem: required({ cpuTime: quantity('seconds', 1e-4, 2) }) }),
  ),
  required({
    // At most 1e8 items so that ×10 stays plausible (schema: 1e15).
    items: num(1, 1e8),
    window: quantity('seconds', 600, 2 * 86_400),
  }),
  optional({
    runsPerMonth: num(1, 720),
    inputBytesPerItem: fc.oneof(fc.constant(0), quantity('bytes', 10, 10 * 2 ** 20)),
    outputBytesPerItem: fc.oneof(fc.constant(0), quantity('bytes', 10, 10 * 2 ** 20)),
  }),
).map(([base, mode, main, extra]) => ({ ...base, kind: 'batch-inference' as const, name: '', ...mode, ...main, ...extra }));

const dataPipeline: fc.Arbitrary<WorkloadInput> = fc.tuple(
  workloadBase,
  // Runs must not overlap: runsPerDay × window ≤ one day (kept under 99% of it).
  num(0.1, 96).chain((runsPerDay) => required({
    input: required({ bytesPerRun: quantity('bytes', 1e6, 1e13), runsPerDay: fc.constant(runsPerDay) }),
    window: quantity('seconds', 60, (0.99 * 86_400) / runsPerDay),
  })),
  required({
    throughputPerCore: quantity('bytesPerSecond', 1e6, 1e9),
    // At most ten years, so that doubling stays within the schema's hundred.
    retention: quantity('seconds', 3600, 10 * 365 * 86_400),
  }),
  optional({
    outputRatio: fc.oneof(fc.constant(0), num(0.01, 10)),
    compressionRatio: num(1, 10),
    replication: fc.constantFrom(1, 2, 3),
  }),
).map(([base, io, main, extra]) => ({ ...base, kind: 'data-pipeline' as const, name: '', ...io, ...main, ...extra }));

const workloadsByKind = {
  'llm-inference': llmInference,
  'model-serving': modelServing,
  training,
  'batch-inference': batchInference,
  'data-pipeline': dataPipeline,
} as const;
type Kind = keyof typeof workloadsByKind;
const anyWorkload = fc.oneof(...Object.values(workloadsByKind));

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

/** A provider and up to three node pools of its instance types (generic may use any). */
const cluster = fc.constantFrom('eks' as const, 'gke' as const, 'aks' as const, 'generic' as const).chain((provider): fc.Arbitrary<ClusterInput> => {
  const ids = instanceTypes.filter((t) => provider === 'generic' || t.provider === provider).map((t) => t.id);
  const pools = fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 })
    .map((picked) => picked.map((instanceType, i) => ({ name: `pool-${i}`, instanceType })));
  // Leaving provider out means generic, which accepts every catalog instance type.
  return provider === 'generic' ? optional({ provider: fc.constant(provider), nodePools: pools }) : fc.tuple(required({ provider: fc.constant(provider) }), optional({ nodePools: pools })).map(([p, n]) => ({ ...p, ...n }));
});

/** A valid plan; `include` forces one workload of that kind among the others. */
function planArb(include?: Kind): fc.Arbitrary<PlanInput> {
  const workloads = fc.tuple(include ? workloadsByKind[include] : anyWorkload, fc.array(anyWorkload, { maxLength: 3 }))
    .chain(([first, rest]) => fc.shuffledSubarray([first, ...rest], { minLength: rest.length + 1 }));
  return fc.record({
    metadata: fc.tuple(required({ name: dnsLabel }), optional({ namespace: dnsLabel })).map(([m, n]) => ({ ...m, ...n })),
    spec: optional({
      defaults: optional({ targetUtilization: num(0.05, 1), redundancy, zones: fc.integer({ min: 1, max: 5 }) }),
      assumptions: assumptionOverrides,
      cluster,
      compliance: optional({
        frameworks: fc.subarray(['pci-dss', 'hipaa'] as ('pci-dss' | 'hipaa')[]),
        auditEventsPerSecond: fc.oneof(fc.constant(0), num(1, 10_000)),
        auditEventBytes: quantity('bytes', 100, 100 * 1024),
      }),
      monitoring: optional({ scrapeInterval: quantity('seconds', 5, 300), retention: quantity('seconds', 2 * 3600, 2 * 365 * 86_400) }),
    }),
    workloads,
    names: fc.array(dnsLabel, { minLength: 4, maxLength: 4 }),
    poolPicks: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  }, { noNullPrototype: true }).map(({ metadata, spec, workloads, names, poolPicks }) => {
    const pools = spec.cluster?.nodePools ?? [];
    return {
      apiVersion: 'headroom/v1' as const,
      kind: 'CapacityPlan' as const,
      metadata,
      spec: {
        ...spec,
        workloads: workloads.map((w, i) => {
          const pick = poolPicks[i];
          return {
            ...w,
            // Unique names: the index suffix keeps them apart and within 63 characters.
            name: `${names[i]}-${i}`,
            ...(pick !== undefined && pools.length > 0 ? { nodePool: pools[pick % pools.length]!.name } : {}),
          };
        }),
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Validates a plan the generator claims is valid; a rejection is reported with the plan. */
function valid(input: PlanInput): Plan {
  const result = validatePlan(input);
  if (!result.ok) throw new Error(`generated plan rejected:\n${result.error.message}\n${JSON.stringify(input, null, 2)}`);
  return result.plan;
}

/** Paths of every number in `value` that is NaN or infinite. */
function nonFinite(value: unknown, path = 'sizing'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

/** Every counted figure of a sizing, by path. */
function counts(sizing: Sizing): [string, number][] {
  return [
    ...sizing.workloads.flatMap((w): [string, number][] => [
      [`${w.name}.replicas.min`, w.replicas.min], [`${w.name}.replicas.peak`, w.replicas.peak], [`${w.name}.replicas.max`, w.replicas.max],
      [`${w.name}.perReplica.gpus`, w.perReplica.gpus], [`${w.name}.total.gpus`, w.total.gpus],
    ]),
    ...sizing.cluster.nodePools.flatMap((p): [string, number][] => [[`pool ${p.name}.nodes`, p.nodes], [`pool ${p.name}.allocatable.gpus`, p.allocatable.gpus]]),
    ['cluster.totals.gpus', sizing.cluster.totals.gpus],
  ];
}

/** A copy with every object's keys in a pseudo-random order (arrays keep theirs: order is meaning). */
function reorderKeys<T>(value: T, seed: number): T {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
      return Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** A copy of `input` with each workload of `kind` passed through `change` (given its validated form). */
function withWorkloads<K extends Kind>(
  input: PlanInput, plan: Plan, kind: K,
  change: (w: Extract<WorkloadInput, { kind: K }>, validated: Extract<Plan['spec']['workloads'][number], { kind: K }>, index: number) => Extract<WorkloadInput, { kind: K }>,
): PlanInput {
  const copy = structuredClone(input);
  copy.spec.workloads = copy.spec.workloads.map((w, i) => {
    const validated = plan.spec.workloads[i]!;
    return w.kind === kind && validated.kind === kind
      ? change(w as Extract<WorkloadInput, { kind: K }>, validated as Extract<Plan['spec']['workloads'][number], { kind: K }>, i)
      : w;
  });
  return copy;
}

const relativelyClose = (actual: number, expected: number, tolerance = 1e-9) =>
  Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(actual), Math.abs(expected));

const scale = fc.double({ min: 1, max: 10, noNaN: true });
/** Runs per property; HEADROOM_PROPERTY_RUNS=10 runs ten times as many (for a longer hunt). */
const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * Number(process.env.HEADROOM_PROPERTY_RUNS ?? 1)) });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('sizing properties', () => {
  it('the schema accepts every generated plan, as an object and as JSON text', () => {
    fc.assert(fc.property(planArb(), (input) => {
      const result = validatePlan(input);
      expect(result.ok ? [] : result.error.issues).toEqual([]);
      // The same plan read from text (YAML is a superset of JSON) validates to the same thing.
      const fromText = parsePlan(JSON.stringify(input));
      expect(fromText.ok ? fromText.plan : fromText.error.issues).toEqual(result.ok ? result.plan : undefined);
    }), runs(300));
  });

  it('covers every kind, provider and redundancy', () => {
    // Guards the generator itself: a branch that never fires tests nothing.
    const seen = new Set<string>();
    fc.sample(planArb(), { numRuns: 300, seed: 42 }).forEach((p) => {
      seen.add(`provider:${p.spec.cluster?.provider ?? 'generic'}`);
      if (p.spec.cluster?.nodePools?.length) seen.add('pools');
      if (p.spec.defaults?.redundancy) seen.add(`redundancy:${p.spec.defaults.redundancy}`);
      p.spec.workloads.forEach((w) => {
        seen.add(`kind:${w.kind}`);
        if (w.nodePool) seen.add('workload pinned to a pool');
      });
      if (/"[\d.]+ [a-zA-Z/]+"/.test(JSON.stringify(p))) seen.add('quantity with a unit');
    });
    for (const tag of ['eks', 'gke', 'aks', 'generic'].map((p) => `provider:${p}`)) expect(seen).toContain(tag);
    for (const tag of ['none', 'n+1', 'zone'].map((r) => `redundancy:${r}`)) expect(seen).toContain(tag);
    for (const kind of Object.keys(workloadsByKind)) expect(seen).toContain(`kind:${kind}`);
    for (const tag of ['pools', 'workload pinned to a pool', 'quantity with a unit']) expect(seen).toContain(tag);
  });

  it('every valid plan sizes to finite numbers, whole non-negative counts and ordered replica bounds', () => {
    fc.assert(fc.property(planArb(), (input) => {
      const sizing = sizePlan(valid(input));
      expect(nonFinite(sizing)).toEqual([]);
      const badCounts = counts(sizing).filter(([, n]) => !Number.isInteger(n) || n < 0);
      expect(badCounts).toEqual([]);
      for (const w of sizing.workloads) {
        expect(w.replicas.min, `${w.name}: replicas.min ≤ replicas.max`).toBeLessThanOrEqual(w.replicas.max);
        expect(w.replicas.peak, `${w.name}: replicas.peak ≤ replicas.max`).toBeLessThanOrEqual(w.replicas.max);
      }
    }), runs(300));
  });

  it('sizing is deterministic, and the plan hash ignores key order', () => {
    fc.assert(fc.property(planArb(), fc.integer(), (input, seed) => {
      const plan = valid(input);
      const once = sizePlan(plan);
      expect(sizePlan(plan), 'the same plan object, sized again').toEqual(once);
      expect(plan, 'sizing leaves its input as it was').toEqual(valid(input));
      expect(sizePlan(valid(input)), 'the same plan, validated again').toEqual(once);
      const reordered = sizePlan(valid(reorderKeys(input, seed)));
      expect(reordered.plan.hash).toBe(once.plan.hash);
      expect(reordered).toEqual(once);
    }), runs(120));
  });

  it('more traffic never means fewer llm-inference replicas on the same GPUs', () => {
    // With gpu or tensorParallel on auto, more traffic may rightly move a workload to another
    // configuration: llama-2-13b at 1 req/s runs 3 × (4 × A10G-24GB), at 1.72 req/s 2 × (2 ×
    // A100-SXM-80GB), fewer and larger replicas at a higher price (next property). So the
    // configuration chosen at the lower traffic is pinned before the traffic grows.
    fc.assert(fc.property(planArb('llm-inference'), scale, (input, k) => {
      const chosen = sizePlan(valid(input));
      const pinnedInput = withWorkloads(input, valid(input), 'llm-inference', (w, _, i) => ({
        ...w, accelerator: { gpu: chosen.workloads[i]!.perReplica.gpuModel!, tensorParallel: chosen.workloads[i]!.details.tensorParallel as 1 | 2 | 4 | 8,
          pipelineParallel: chosen.workloads[i]!.details.pipelineParallel! },
      }));
      const pinned = valid(pinnedInput);
      const before = sizePlan(pinned);
      expect(before.workloads.map((w) => w.replicas), 'pinning the chosen configuration changes nothing').toEqual(chosen.workloads.map((w) => w.replicas));
      const after = sizePlan(valid(withWorkloads(pinnedInput, pinned, 'llm-inference', (w) => ({
        ...w, traffic: { ...w.traffic, peakRequestsPerSecond: w.traffic.peakRequestsPerSecond * k },
      }))));
      pinned.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'llm-inference') return;
        expect(after.workloads[i]!.replicas.peak, `${w.name}: replicas.peak at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.peak);
        expect(after.workloads[i]!.replicas.min, `${w.name}: replicas.min at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.min);
      });
    }), runs(200));
  });

  it('more llm-inference traffic never makes the chosen configuration cheaper at peak, nor lowers replicas.min', () => {
    const choiceCost = (w: Sizing['workloads'][number]) => w.explain.find((s) => s.id === 'configurationChoice')?.value;
    fc.assert(fc.property(planArb('llm-inference'), scale, (input, k) => {
      const plan = valid(input);
      const before = sizePlan(plan);
      const after = sizePlan(valid(withWorkloads(input, plan, 'llm-inference', (w) => ({
        ...w, traffic: { ...w.traffic, peakRequestsPerSecond: w.traffic.peakRequestsPerSecond * k },
      }))));
      plan.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'llm-inference') return;
        const [was, now] = [choiceCost(before.workloads[i]!), choiceCost(after.workloads[i]!)];
        // GPUs at peak × USD per GPU-hour (gpu: auto), or GPUs at peak (a given GPU, tensorParallel: auto).
        if (was !== undefined && now !== undefined) expect(now, `${w.name}: configuration cost at ×${k}`).toBeGreaterThanOrEqual(was);
        expect(after.workloads[i]!.replicas.min, `${w.name}: replicas.min at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.min);
      });
    }), runs(200));
  });

  it('more traffic never means fewer model-serving replicas', () => {
    fc.assert(fc.property(planArb('model-serving'), scale, (input, k) => {
      const plan = valid(input);
      const before = sizePlan(plan);
      const after = sizePlan(valid(withWorkloads(input, plan, 'model-serving', (w) => ({
        ...w, traffic: { peakRequestsPerSecond: w.traffic.peakRequestsPerSecond * k },
      }))));
      plan.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'model-serving') return;
        expect(after.workloads[i]!.replicas.peak, `${w.name}: replicas.peak at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.peak);
        expect(after.workloads[i]!.replicas.min, `${w.name}: replicas.min at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.min);
      });
    }), runs(200));
  });

  it('more items in the same window never mean fewer batch-inference replicas', () => {
    fc.assert(fc.property(planArb('batch-inference'), scale, (input, k) => {
      const plan = valid(input);
      const before = sizePlan(plan);
      const after = sizePlan(valid(withWorkloads(input, plan, 'batch-inference', (w) => ({ ...w, items: w.items * k }))));
      plan.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'batch-inference') return;
        expect(after.workloads[i]!.replicas.peak, `${w.name}: replicas at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.peak);
      });
    }), runs(200));
  });

  it('more bytes per run never mean fewer data-pipeline replicas', () => {
    fc.assert(fc.property(planArb('data-pipeline'), scale, (input, k) => {
      const plan = valid(input);
      const before = sizePlan(plan);
      const after = sizePlan(valid(withWorkloads(input, plan, 'data-pipeline', (w, v) => ({
        ...w, input: { ...w.input, bytesPerRun: v.input.bytesPerRun * k },
      }))));
      plan.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'data-pipeline') return;
        expect(after.workloads[i]!.replicas.peak, `${w.name}: replicas at ×${k}`).toBeGreaterThanOrEqual(before.workloads[i]!.replicas.peak);
      });
    }), runs(200));
  });

  it('doubling data-pipeline retention doubles storedBytes', () => {
    fc.assert(fc.property(planArb('data-pipeline'), (input) => {
      const plan = valid(input);
      const before = sizePlan(plan);
      const after = sizePlan(valid(withWorkloads(input, plan, 'data-pipeline', (w, v) => ({ ...w, retention: 2 * v.retention }))));
      plan.spec.workloads.forEach((w, i) => {
        if (w.kind !== 'data-pipeline') return;
        const was = before.workloads[i]!.details.storedBytes!;
        const now = after.workloads[i]!.details.storedBytes!;
        expect(relativelyClose(now, 2 * was), `${w.name}: storedBytes ${was} → ${now}, expected ${2 * was}`).toBe(true);
      });
    }), runs(200));
  });

  it('totals add up', () => {
    fc.assert(fc.property(planArb(), (input) => {
      const sizing = sizePlan(valid(input));
      expect(sizing.cluster.totals.gpus).toBe(sizing.workloads.reduce((sum, w) => sum + w.total.gpus, 0));
      for (const w of sizing.workloads) {
        expect(relativelyClose(w.total.cpuCores, w.perReplica.cpuCores * w.replicas.peak),
          `${w.name}: total.cpuCores ${w.total.cpuCores} = ${w.perReplica.cpuCores} × ${w.replicas.peak}`).toBe(true);
        expect(w.total.gpus, `${w.name}: total.gpus = perReplica.gpus × replicas.peak`).toBe(w.perReplica.gpus * w.replicas.peak);
      }
    }), runs(300));
  });
});
