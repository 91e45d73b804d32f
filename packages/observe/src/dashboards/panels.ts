/**
 * Panel specs to Grafana panels with the foundation SDK. Every panel and target reads the
 * `${datasource}` variable; reference lines (plan, SLO) are red and dashed; fixed thresholds are
 * drawn as dashed lines on timeseries and colour the value on stats.
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { PanelSpec, QuerySpec, ThresholdStep } from './spec.ts';
import { DATASOURCE } from './variables.ts';

/** refId of the i-th target: A, B, ... Z, AA, AB, ... */
export function refId(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : refId(Math.floor(index / 26) - 1) + letter;
}

function target(query: QuerySpec, index: number): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(query.expr)
    .legendFormat(query.legend)
    .range()
    .refId(refId(index));
}

function thresholds(steps: readonly ThresholdStep[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps.map((s) => ({ ...s })));
}

const referenceStyle = (color = 'red'): dashboard.DynamicConfigValue[] => [
  { id: 'color', value: { mode: 'fixed', fixedColor: color } },
  { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
  { id: 'custom.fillOpacity', value: 0 },
];

export interface Placement {
  id: number;
  gridPos: dashboard.GridPos;
}

/** What every panel builder has: the calls that place a panel and say what it shows. */
interface PanelBasics<Self> {
  id(id: number): Self;
  gridPos(gridPos: dashboard.GridPos): Self;
  title(title: string): Self;
  description(description: string): Self;
  datasource(datasource: typeof DATASOURCE): Self;
  unit(unit: string): Self;
  targets(targets: prometheus.DataqueryBuilder[]): Self;
}

/** Place, title, describe, unit and queries: the same for every panel type. */
function withBasics<Builder extends PanelBasics<Builder>>(builder: Builder, spec: PanelSpec, at: Placement): Builder {
  return builder
    .id(at.id)
    .gridPos(at.gridPos)
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit.unit)
    .targets(spec.queries.map(target));
}

function timeseriesPanel(spec: PanelSpec, at: Placement): timeseries.PanelBuilder {
  const panel = withBasics(new timeseries.PanelBuilder(), spec, at)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic))
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).calcs([]))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.None))
    .lineWidth(1)
    .fillOpacity(10)
    .axisSoftMin(0);
  if (spec.unit.label) panel.axisLabel(spec.unit.label);
  if (spec.thresholds) {
    panel.thresholds(thresholds(spec.thresholds))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  // A templated legend names one series per label value: style the query's series, not one name.
  spec.queries.forEach((query, i) => {
    if (!query.reference) return;
    const style = referenceStyle(query.referenceColor);
    if (query.legend.includes('{{')) panel.overrideByQuery(refId(i), style);
    else panel.overrideByName(query.legend, style);
  });
  return panel;
}

function statPanel(spec: PanelSpec, at: Placement): stat.PanelBuilder {
  const panel = withBasics(new stat.PanelBuilder(), spec, at)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .textMode(common.BigValueTextMode.Value)
    .justifyMode(common.BigValueJustifyMode.Auto);
  if (spec.thresholds) {
    panel.thresholds(thresholds(spec.thresholds)).colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds));
  } else {
    panel.colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Fixed).fixedColor('text'));
  }
  return panel;
}

export function buildPanel(spec: PanelSpec, at: Placement): cog.Builder<dashboard.Panel> {
  return spec.type === 'stat' ? statPanel(spec, at) : timeseriesPanel(spec, at);
}
