/**
 * Template variables. Every panel and target reads `${datasource}`, a variable of type prometheus:
 * it resolves on UI import, file provisioning and the sidecar alike, where `${DS_...}` inputs do not.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { promqlString } from '../promql/escape.ts';

export const DATASOURCE: Readonly<Required<DataSourceRef>> = { type: 'prometheus', uid: '${datasource}' };

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource')
    .label('Data source')
    .description('The Prometheus that scrapes the workloads and the plan exporter.')
    .type('prometheus');
}

/**
 * The cluster a dashboard shows: the values of the cluster label on the plan's series (an external
 * label where several clusters share one Prometheus, Thanos or Mimir). Where series carry no
 * cluster label the list is empty and the queries' `=~""` matches them all.
 */
export function clusterVariable(plan: string, clusterLabel: string): dashboard.QueryVariableBuilder {
  const query = `label_values(headroom_plan_info{plan=${promqlString(plan)}}, ${clusterLabel})`;
  return new dashboard.QueryVariableBuilder('cluster')
    .label('Cluster')
    .description(`The cluster (label ${clusterLabel}) whose workloads and plan series the panels show.`)
    .datasource(DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .allowCustomValue(true);
}

/**
 * The workload a workload dashboard is about: a constant (not a choice, since its pod regex and
 * container come from the plan). Selects the plan's series and the autoscaler by name.
 */
export function workloadConstant(workload: string): dashboard.ConstantVariableBuilder {
  return new dashboard.ConstantVariableBuilder('workload').label('Workload').description('The plan\'s name for this workload.').value(workload);
}

/** The overview's workload filter: the plan's workloads, several at once, all by default. */
export function workloadFilter(workloads: readonly string[]): dashboard.CustomVariableBuilder {
  return new dashboard.CustomVariableBuilder('workload')
    .label('Workload')
    .description('Workloads the plan totals add up.')
    .values(workloads.join(','))
    .options(workloads.map((w) => ({ text: w, value: w, selected: false })))
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: ['All'], value: ['$__all'], selected: true });
}
