import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { dashboardsFile } from './dashboards.ts';
import { isDnsLabel } from './names.ts';
import { documentsOf, shopPlan, sampleDashboards } from './testing.ts';

const { plan } = shopPlan();

describe('dashboardsFile', () => {
  it('puts each dashboard JSON, unchanged, in a sidecar ConfigMap in the configured folder', () => {
    const dashboards = sampleDashboards('shop');
    const config = { ...defaultKitConfig, grafanaFolder: 'ML capacity' };
    const file = dashboardsFile(plan, config, dashboards)!;
    expect(file.path).toBe('kubernetes/dashboards.yaml');
    const docs = documentsOf(file);
    const json = dashboards.filter((d) => d.path.endsWith('.json'));
    expect(docs).toHaveLength(json.length);
    docs.forEach((doc, i) => {
      expect(doc.kind).toBe('ConfigMap');
      expect(doc.metadata.labels.grafana_dashboard).toBe('1');
      expect(doc.metadata.annotations).toEqual({ grafana_folder: 'ML capacity' });
      const key = json[i]!.path.split('/').pop()!;
      expect(Object.keys(doc.data)).toEqual([key]);
      expect(doc.data[key]).toBe(json[i]!.contents);
      expect(JSON.parse(doc.data[key])).toEqual(JSON.parse(json[i]!.contents));
      expect(isDnsLabel(doc.metadata.name)).toBe(true);
    });
    expect(file.contents).toContain('grafana_dashboard: "1"');
  });

  it('keeps names unique and within 63 characters for long or clashing file names', () => {
    const contents = '{"title":"x"}';
    const dashboards = [
      { path: `dashboards/${'very-long-dashboard-name-'.repeat(4)}a.json`, contents },
      { path: `dashboards/${'very-long-dashboard-name-'.repeat(4)}b.json`, contents },
      { path: 'dashboards/GPU_usage.json', contents },
      { path: 'dashboards/gpu-usage.json', contents },
    ];
    const names = documentsOf(dashboardsFile(plan, defaultKitConfig, dashboards)!).map((d) => d.metadata.name as string);
    for (const name of names) expect(isDnsLabel(name)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes no file without JSON dashboards', () => {
    expect(dashboardsFile(plan, defaultKitConfig, [{ path: 'dashboards/provisioning.yaml', contents: 'apiVersion: 1\n' }])).toBeUndefined();
  });
});
