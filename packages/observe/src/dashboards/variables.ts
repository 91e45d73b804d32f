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
 * The namespace a workload dashboard reads production metrics from: the namespaces where pods
 * matching the workload's pod regex run (kube-state-metrics), the plan's namespace first. Lets one
 * dashboard follow the same workload into another namespace (staging) without regenerating.
 */
export function namespaceVariable(podRegex: string, planned: string): dashboard.QueryVariableBuilder {
  const query = `label_values(kube_pod_info{pod=~${promqlString(podRegex)}}, namespace)`;
  return new dashboard.QueryVariableBuilder('namespace')
    .label('Namespace')
    .description('Namespace of the workload\'s pods; the plan places them in the selected one by default.')
    .datasource(DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .current({ text: planned, value: planned, selected: true })
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
