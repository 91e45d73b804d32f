/**
 * The plan's Grafana dashboards: the overview, one per workload in plan order, and the file
 * provisioning that loads them. Pure and deterministic: the same plan gives the same bytes.
 */
import type { Plan, Sizing } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { workloadContexts } from '../workloads.ts';
import { poolChecks } from '../pools/rules.ts';
import { withGrafanaSafeRegex } from './grafana-escape.ts';
import { overviewDashboard } from './overview.ts';
import { provisioningFile } from './provisioning.ts';
import { dashboardJson } from './shell.ts';
import { dashboardUid } from './uid.ts';
import { workloadDashboard } from './workload.ts';

export { provisioningPath } from './provisioning.ts';

const OVERVIEW = 'overview';

/**
 * File stems of the workload dashboards, distinct from the overview's and each other's: a workload
 * named "overview" becomes "overview-workload".
 */
export function workloadStems(workloads: readonly string[]): string[] {
  const used = new Set([OVERVIEW]);
  return workloads.map((name) => {
    let stem = name;
    while (used.has(stem)) stem = `${stem}-workload`;
    used.add(stem);
    return stem;
  });
}

export function dashboardFiles(plan: Plan, sizing: Sizing, config: KitConfig): GeneratedFile[] {
  const planName = plan.metadata.name;
  const contexts = workloadContexts(plan, sizing).map(withGrafanaSafeRegex);
  contexts.forEach((c, i) => {
    if (c.sizing.name !== c.target.workload) throw new Error(`internal: sizing.workloads[${i}] is ${c.sizing.name}, not ${c.target.workload}`);
  });
  const stems = workloadStems(contexts.map((c) => c.target.workload));
  return [
    { path: `dashboards/${planName}-${OVERVIEW}.json`, contents: dashboardJson(overviewDashboard(planName, contexts, dashboardUid(planName, OVERVIEW), config.clusterLabel, poolChecks(sizing).pools)) },
    ...contexts.map((context, i) => ({
      path: `dashboards/${planName}-${stems[i]!}.json`,
      contents: dashboardJson(workloadDashboard(planName, context, {
        uid: dashboardUid(planName, stems[i]!),
        title: `Headroom / ${planName} / ${context.target.workload} (${context.target.kind})`,
      }, config.clusterLabel)),
    })),
    provisioningFile(plan, config),
  ];
}
