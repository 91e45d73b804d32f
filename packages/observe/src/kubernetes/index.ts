/**
 * Kubernetes manifests for the verification kit (DESIGN.md, "The verification kit"): the rules as a
 * PrometheusRule, the plan exporter with its ServiceMonitor, dcgm-exporter's ServiceMonitor when
 * the plan has NVIDIA GPUs, dashboards as sidecar ConfigMaps, and per-workload resources, HPA and
 * PodDisruptionBudget snippets. Reads the Sizing; computes none of it.
 */
import type { Plan, Sizing } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { dashboardsFile } from './dashboards.ts';
import { dcgmFile } from './dcgm.ts';
import { exporterFile } from './exporter.ts';
import { usesNvidiaGpus } from './gpu.ts';
import { gpuSharingFile } from './gpu-sharing.ts';
import { prometheusRuleFile } from './prometheus-rule.ts';
import { servingMetricsFiles } from './serving-metrics.ts';
import { workloadFile } from './workload-file.ts';
import { workloadInputs } from './workload-input.ts';

export interface KubernetesInputs {
  /** The `groups` of the plain Prometheus rule file, wrapped unchanged. */
  ruleGroups: unknown[];
  /** The generated dashboards (dashboards/*.json); other files are ignored. */
  dashboards: GeneratedFile[];
  /** The plan's own text for the exporter's ConfigMap (default: the validated plan written back as YAML). */
  planYaml?: string;
}

/** Files under kubernetes/, always in the same order: rule, exporter, dcgm, GPU sharing, dashboards, serving-metrics scraping, workloads in plan order. */
export function kubernetesFiles(plan: Plan, sizing: Sizing, config: KitConfig, inputs: KubernetesInputs): GeneratedFile[] {
  const dashboards = dashboardsFile(plan, config, inputs.dashboards);
  const workloads = workloadInputs(plan, sizing);
  const sharing = gpuSharingFile(plan, sizing);
  return [
    prometheusRuleFile(plan, config, inputs.ruleGroups),
    exporterFile(plan, sizing, config, inputs.planYaml),
    ...(usesNvidiaGpus(sizing) ? [dcgmFile(plan, config)] : []),
    ...(sharing ? [sharing] : []),
    ...(dashboards ? [dashboards] : []),
    ...servingMetricsFiles(plan, config, workloads),
    ...workloads.map((input) => workloadFile(input, config)),
  ];
}
