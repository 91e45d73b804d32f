/** Human labels for plan keys (`peakRequestsPerSecond` reads "Peak requests per second") and kinds. */
import type { WorkloadKind } from '@headroom/model';

/** Words that keep their own spelling wherever they stand (lower-cased key word -> label word). */
const SPELLINGS: Record<string, string> = {
  api: 'API',
  cpu: 'CPU',
  flops: 'FLOPs',
  gpu: 'GPU',
  gpus: 'GPUs',
  kv: 'KV',
  llm: 'LLM',
  lora: 'LoRA',
  mfu: 'MFU',
  p95: 'p95',
  prometheus: 'Prometheus',
  promql: 'PromQL',
  slo: 'SLO',
  ttl: 'TTL',
  zero: 'ZeRO',
};

/** camelCase split into words, sentence-cased, with the spellings above. */
export function labelFor(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => SPELLINGS[word.toLowerCase()] ?? word.toLowerCase());
  const [first = '', ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/**
 * The kinds' titles, as each kind's definition in @headroom/model gives them (labels.test.ts checks
 * every kind). Copied rather than read from `kinds`: that list holds every kind's schema and sizing
 * (zod, most of the model), and the page's edit helpers need only the words.
 */
const KIND_TITLES = new Map<string, string>(
  Object.entries({
    'llm-inference': 'LLM serving',
    'model-serving': 'Model serving',
    training: 'Training and fine-tuning',
    'batch-inference': 'Batch inference',
    'data-pipeline': 'Data pipeline',
  } satisfies Record<WorkloadKind, string>),
);

/** A workload kind's title ("LLM serving"), or the kind itself when unknown. */
export const kindTitle = (kind: string): string => KIND_TITLES.get(kind) ?? kind;
