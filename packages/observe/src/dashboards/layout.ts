/**
 * Layout: sections become Grafana rows, panels flow left to right on the 24-column grid. Positions
 * and ids are computed here, explicitly, so the JSON does not depend on the SDK's auto-placement.
 * Stats form a short strip above the section's timeseries.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildPanel } from './panels.ts';
import type { PanelSpec, Section } from './spec.ts';

const GRID_WIDTH = 24;
const STAT_HEIGHT = 4;
const TIMESERIES_HEIGHT = 8;
const DEFAULT_WIDTH = 12;

function statWidth(count: number): number {
  return Math.max(4, Math.min(8, Math.floor(GRID_WIDTH / Math.max(count, 1))));
}

/** A section's panels in display order with their positions, the first line at `top`, and the height used. */
export function placePanels(section: Section, top: number): { placed: { spec: PanelSpec; gridPos: dashboard.GridPos }[]; height: number } {
  const stats = section.panels.filter((p) => p.type === 'stat').length;
  const sizeOf = (p: PanelSpec) => (p.type === 'stat' ? { w: statWidth(stats), h: STAT_HEIGHT } : { w: section.width ?? DEFAULT_WIDTH, h: TIMESERIES_HEIGHT });
  // Stats first, in their order; then the rest.
  const ordered = [...section.panels.filter((p) => p.type === 'stat'), ...section.panels.filter((p) => p.type !== 'stat')];
  const positions = new Map<PanelSpec, dashboard.GridPos>();
  let x = 0;
  let y = top;
  let lineHeight = 0;
  let lineType: PanelSpec['type'] | undefined;
  for (const panel of ordered) {
    const { w, h } = sizeOf(panel);
    if (x > 0 && (x + w > GRID_WIDTH || panel.type !== lineType)) {
      y += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    positions.set(panel, { x, y, w, h });
    lineType = panel.type;
    x += w;
    lineHeight = Math.max(lineHeight, h);
  }
  return { placed: ordered.map((spec) => ({ spec, gridPos: positions.get(spec)! })), height: y + lineHeight - top };
}

/** Adds the sections to the dashboard as rows with their panels; ids count from 1 in order. */
export function addSections(builder: dashboard.DashboardBuilder, sections: readonly Section[]): dashboard.DashboardBuilder {
  let id = 1;
  let y = 0;
  for (const section of sections) {
    if (section.panels.length === 0) continue;
    const row = new dashboard.RowBuilder(section.title).id(id++).gridPos({ x: 0, y, w: GRID_WIDTH, h: 1 }).collapsed(section.collapsed ?? false);
    const { placed, height } = placePanels(section, y + 1);
    const panels = placed.map(({ spec, gridPos }) => buildPanel(spec, { id: id++, gridPos }));
    if (section.collapsed) {
      // A collapsed row carries its panels (placed as if open) and takes one grid line.
      for (const panel of panels) row.withPanel(panel);
      builder.withRow(row);
      y += 1;
    } else {
      builder.withRow(row);
      for (const panel of panels) builder.withPanel(panel);
      y += 1 + height;
    }
  }
  return builder;
}
