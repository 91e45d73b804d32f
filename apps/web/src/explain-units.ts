/**
 * The unit of an explain step's input, read from its name. The model names its inputs by a fixed
 * convention (packages/model: `weightsBytes`, `prefillSeconds`, `onDemandUsdPerHour`,
 * `gpusPerReplica`), with a few plan fields that carry their unit in the schema instead
 * (`deadline`, `window`, `interTokenLatency`: durations in seconds after parsing). Units are the
 * explain steps' own vocabulary, so `formatValue` writes both. A name no rule knows is a plain
 * number, shown exactly as the model computed it: never a guessed unit.
 */
import type { ExplainStep } from '@headroom/model';

/** Plan fields whose parsed value is a duration in seconds (docs/plan.md, "Quantities"). */
const DURATIONS = new Set(['deadline', 'window', 'serviceTime', 'latencyP95', 'interTokenLatency', 'timeToFirstToken', 'scrapeInterval', 'retention', 'interval']);

/** Name patterns, most specific first. */
const RULES: readonly (readonly [pattern: RegExp, unit: string])[] = [
  [/BytesPerSecond$|^throughputPerCore$/, 'B/s'],
  [/Flops(PerSecond|PerGpu)$/, 'FLOP/s'],
  [/^trainingFlops$/, 'FLOP'],
  [/UsdPerHour$|^usdPerGpuHour$/, 'USD/hour'],
  [/Usd$|^costPerMonth/, 'USD'],
  [/^bytes|Bytes/, 'bytes'],
  [/Seconds(PerStage)?$|^secondsPer/, 's'],
  [/^hoursPer/, 'h'],
  [/Utilization$|Efficiency$|[mM]fu$|^pipelineBubble$|Probability$|^serviceOnlyFloor$/, 'ratio'],
  [/^peakRequestsPerSecond$/, 'req/s'],
  [/ItemsPerSecond$/, 'items/s'],
  [/^samplesPerSecond$/, 'samples/s'],
  [/EventsPerSecond$/, 'events/s'],
  [/TokensPerSecond/, 'tokens/s'],
  [/^gpus|Gpus$/, 'GPUs'],
  [/^vcpus$/, 'vCPUs'],
  [/^(cpus|cores)$|CpuCores|CoresPer/, 'cores'],
  [/[rR]eplicas(ForLoad|WithRedundancy|Min|Peak|Max)?$|^replicas/, 'replicas'],
  [/[nN]odes(PerReplica)?$/, 'nodes'],
  [/[pP]ods$/, 'pods'],
  [/[sS]equences$/, 'sequences'],
  [/[tT]okens$|^tokensPer/, 'tokens'],
  [/[pP]arameters$/, 'parameters'],
  [/^workers|Workers$/, 'workers'],
  [/^zones$/, 'zones'],
  [/^layers$/, 'layers'],
  [/^experts/, 'experts'],
  [/^epochs$/, 'epochs'],
  [/Days$/, 'days'],
  [/^maxNumSeqs$/, 'sequences'],
  [/^availabilityFloor$/, 'replicas'],
  [/[sS]eries$/, 'series'],
  [/^items$/, 'items'],
  [/^(kvHeads|attentionHeads)$/, 'heads'],
  [/^executors$/, 'executors'],
  [/^candidates$|Candidates$/, 'candidates'],
];

/** The unit of input `name` of `step`: the step's own for the totals' addends, else by the naming convention. */
export function inputUnit(name: string, step: Pick<ExplainStep, 'id' | 'unit'>): string {
  // A total's addends are named after workloads and pools, whatever those are called.
  if (step.id.startsWith('total-')) return step.unit;
  if (DURATIONS.has(name)) return 's';
  for (const [pattern, unit] of RULES) if (pattern.test(name)) return unit;
  // The monitoring series step sums scrape jobs named after their exporters (cadvisor, vllm…).
  return step.id === 'activeSeries' ? step.unit : '';
}
