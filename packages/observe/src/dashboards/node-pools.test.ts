import { findPlanPreset } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { matcherValues, panelsOf, promqlErrors, sizedPlan, type DashboardJson, type PanelJson } from '../test-support.ts';
import { dashboardFiles } from './index.ts';

function overview(preset: string, config = defaultKitConfig): DashboardJson {
  const { plan, sizing } = sizedPlan(findPlanPreset(preset)!.yaml);
  return JSON.parse(dashboardFiles(plan, sizing, config)[0]!.contents) as DashboardJson;
}

/** The panels of the overview's "Node pools" row (an open row: the panels follow it). */
function nodePoolPanels(model: DashboardJson): PanelJson[] {
  const start = model.panels.findIndex((p) => p.type === 'row' && p.title === 'Node pools');
  const end = model.panels.findIndex((p, i) => i > start && p.type === 'row');
  return model.panels.slice(start + 1, end);
}

describe('overview: node pools row', () => {
  it('follows the plan totals and compares nodes, GPUs, CPU and memory per instance type with the plan\'s pools', () => {
    const model = overview('chat-assistant');
    expect(model.panels.filter((p) => p.type === 'row').map((p) => p.title).slice(0, 2)).toEqual(['Plan', 'Node pools']);
    const panels = nodePoolPanels(model);
    expect(panels.map((p) => p.title)).toEqual(['Nodes without an instance type', 'Ready nodes vs plan', 'Allocatable GPUs vs plan', 'Allocatable CPU vs plan', 'Allocatable memory vs plan']);
    expect(panels.map((p) => p.fieldConfig?.defaults?.unit)).toEqual(['short', 'short', 'short', 'short', 'bytes']);
    for (const panel of panels.slice(1)) {
      const [actual, planned] = panel.targets!;
      expect(actual!.legendFormat).toBe('{{instance_type}}');
      expect(planned!.legendFormat).toBe('{{instance_type}} planned');
      expect(planned!.expr).toMatch(/^sum by \(instance_type\) \(max by \(pool, instance_type\) \(headroom_plan_pool_[a-z_]+\{cluster=~"\$\{cluster\}", plan="chat-assistant"/);
      // The planned series of every instance type is drawn red and dashed (by query: the legend is templated).
      expect(JSON.stringify(panel)).toContain('"matcher":{"id":"byFrameRefID","options":"B"}');
    }
  });

  it('reads the recorded instance type of each node, kube-state-metrics\' Ready condition and allocatable, in the selected cluster only', () => {
    const panels = nodePoolPanels(overview('llm-chat'));
    const exprs = panels.flatMap((p) => p.targets!.map((t) => t.expr));
    for (const expr of exprs) {
      expect(promqlErrors(expr), expr).toEqual([]);
      // Every selector matches the cluster variable (which the parser sees as a placeholder).
      expect(matcherValues(expr, 'cluster'), expr).toEqual(Array((expr.replace(/\$\{\w+\}/g, '').match(/\{/g) ?? []).length).fill('x'));
    }
    const [unlabelled, nodes, gpus, cpu, memory] = panels.map((p) => p.targets![0]!.expr);
    expect(unlabelled).toContain('unless on (cluster, node) node:headroom_node_instance_type:info{cluster=~"${cluster}", plan="llm-chat"}');
    expect(nodes).toContain('kube_node_status_condition{cluster=~"${cluster}", condition="Ready", status="true"}');
    expect(gpus).toContain('node:headroom_node_gpus_allocatable:sum{cluster=~"${cluster}", plan="llm-chat"}');
    expect(cpu).toContain('kube_node_status_allocatable{cluster=~"${cluster}", resource="cpu"}');
    expect(memory).toContain('kube_node_status_allocatable{cluster=~"${cluster}", resource="memory"}');
  });

  it('uses the configured cluster label', () => {
    const panels = nodePoolPanels(overview('llm-chat', { ...defaultKitConfig, clusterLabel: 'k8s_cluster' }));
    for (const expr of panels.flatMap((p) => p.targets!.map((t) => t.expr))) {
      expect(matcherValues(expr, 'cluster')).toEqual([]);
      expect(matcherValues(expr, 'k8s_cluster').length).toBeGreaterThan(0);
      expect(expr).not.toMatch(/\bon \(cluster\b|by \(cluster\b/);
    }
  });
});
