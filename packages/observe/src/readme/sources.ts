/**
 * Which production metric sources a kit reads, found in the kit's own expressions (rule `expr`s
 * and dashboard targets), so the README's "what must run first" names exactly what the rules and
 * panels query, including series that a later rule adds.
 */
import type { RuleGroup } from '../rules/types.ts';

export type SourceId = 'kube-state-metrics' | 'cadvisor' | 'kubelet' | 'node-exporter' | 'dcgm' | 'vllm' | 'triton' | 'instrumentation';

// Metric name prefixes of each exporter (their documentation: kube-state-metrics docs/metrics,
// cAdvisor docs/storage/prometheus.md, dcgm-exporter default-counters.csv, vLLM docs "Metrics",
// Triton docs user_guide/metrics.md). `headroom_plan_*` is the kit's own exporter, not listed.
const PREFIXES: readonly { prefix: RegExp; source: SourceId }[] = [
  { prefix: /^kube_/, source: 'kube-state-metrics' },
  { prefix: /^container_/, source: 'cadvisor' },
  { prefix: /^kubelet_/, source: 'kubelet' },
  { prefix: /^node_/, source: 'node-exporter' },
  { prefix: /^DCGM_/, source: 'dcgm' },
  { prefix: /^vllm:/, source: 'vllm' },
  { prefix: /^nv_/, source: 'triton' },
  { prefix: /^headroom_(?!plan_)/, source: 'instrumentation' },
];

/** kube-state-metrics exposes node labels only when allowed (its `--metric-labels-allowlist` flag). */
export const INSTANCE_TYPE_LABEL = 'label_node_kubernetes_io_instance_type';

export interface SourceUse {
  source: SourceId;
  /** Metric names read from this source, sorted. */
  metrics: string[];
}

export interface KitSources {
  sources: SourceUse[];
  /** True when an expression reads nodes' instance-type label from kube_node_labels. */
  readsInstanceType: boolean;
}

// A metric name standing alone: not the tail of a record name such as a:headroom_x:signal.
const NAME = /(?<![A-Za-z0-9_:])[A-Za-z_][A-Za-z0-9_:]*/g;
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

/** Every `expr` string in a parsed dashboard JSON document. */
function dashboardExprs(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const item of node) dashboardExprs(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') out.push(value);
      else dashboardExprs(value, out);
    }
  }
  return out;
}

export function kitSources(ruleGroups: readonly RuleGroup[], dashboards: readonly { contents: string }[]): KitSources {
  const exprs = [
    ...ruleGroups.flatMap((g) => g.rules.map((r) => r.expr)),
    ...dashboards.flatMap((d) => dashboardExprs(JSON.parse(d.contents) as unknown, [])),
  ];
  const found = new Map<SourceId, Set<string>>();
  for (const expr of exprs) {
    for (const name of expr.replace(QUOTED, '""').match(NAME) ?? []) {
      const source = PREFIXES.find((p) => p.prefix.test(name))?.source;
      if (!source) continue;
      const metrics = found.get(source) ?? new Set<string>();
      metrics.add(name);
      found.set(source, metrics);
    }
  }
  return {
    sources: PREFIXES.map((p) => p.source).filter((s, i, all) => all.indexOf(s) === i && found.has(s)).map((source) => ({ source, metrics: [...found.get(source)!].sort() })),
    readsInstanceType: exprs.some((e) => e.includes('kube_node_labels') && e.includes(INSTANCE_TYPE_LABEL)),
  };
}
