/**
 * What every generated dashboard shares: tags that find the plan's dashboards, a link menu to them,
 * the time range, shared crosshair, and the variables. No timestamps, ids or versions, so the same
 * plan gives the same bytes.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { addSections } from './layout.ts';
import type { Section } from './spec.ts';

/** The tag all of one plan's dashboards carry; the link menu lists dashboards with it. */
export const planTag = (plan: string) => `plan:${plan}`;

export interface DashboardShape {
  uid: string;
  title: string;
  description: string;
  plan: string;
  tags: readonly string[];
  variables: readonly cog.Builder<dashboard.VariableModel>[];
  sections: readonly Section[];
}

export function buildDashboard(shape: DashboardShape): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(shape.title)
    .uid(shape.uid)
    .description(shape.description)
    .tags(['headroom', planTag(shape.plan), ...shape.tags])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .timezone('browser')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .annotations([])
    .links([
      new dashboard.DashboardLinkBuilder('Plan dashboards')
        .type(dashboard.DashboardLinkType.Dashboards)
        .icon('external link')
        .tags([planTag(shape.plan)])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(false)
        .targetBlank(false),
    ])
    .variables([...shape.variables]);
  const model = addSections(builder, shape.sections).build();
  // The SDK defaults links to the newer controls menu; without `placement` every Grafana shows them beside the variables.
  for (const link of model.links ?? []) delete link.placement;
  return model;
}

/** Dashboard JSON as written to disk: 2-space indent and a trailing newline. */
export function dashboardJson(model: dashboard.Dashboard): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
