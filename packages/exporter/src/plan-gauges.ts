/**
 * The plan as gauges: one prom-client Gauge per headroom_plan_* family (names, help and labels from
 * @headroom/model's planMetricFamilies and, for node pools, @headroom/observe's poolMetricFamilies,
 * so the exporter and the generated rules cannot disagree).
 * `update` replaces every series in one synchronous pass, so a scrape sees the old plan or the
 * new one, never a mix, and no scrape finds the families empty.
 */
import { planMetricFamilies, type PlanSample } from '@headroom/model';
import { poolMetricFamilies } from '@headroom/model';
import { Gauge, type OpenMetricsContentType, type PrometheusContentType, type Registry } from 'prom-client';

const WORKLOAD_LABELS = ['plan', 'namespace', 'workload', 'kind'] as const;

/** Every published family with its full label names. */
function families(): { name: string; help: string; labelNames: string[] }[] {
  const workload = Object.values(planMetricFamilies).map((family) => ({
    name: family.name,
    help: family.help,
    labelNames: family.name === planMetricFamilies.info.name ? ['plan', 'namespace', ...family.extraLabels] : [...WORKLOAD_LABELS, ...family.extraLabels],
  }));
  const pools = Object.values(poolMetricFamilies).map((family) => ({ name: family.name, help: family.help, labelNames: [...family.labels] }));
  return [...workload, ...pools];
}

export class PlanGauges {
  private readonly gauges = new Map<string, Gauge>();

  constructor(registries: (Registry<PrometheusContentType> | Registry<OpenMetricsContentType>)[]) {
    for (const family of families()) this.gauges.set(family.name, new Gauge({ ...family, registers: registries }));
  }

  update(samples: readonly PlanSample[]): void {
    for (const sample of samples) {
      if (!this.gauges.has(sample.name)) throw new Error(`internal: plan sample ${sample.name} has no gauge family`);
    }
    for (const gauge of this.gauges.values()) gauge.reset();
    for (const sample of samples) this.gauges.get(sample.name)!.set(sample.labels, sample.value);
  }
}
