/**
 * Dashboards as ConfigMaps for the Grafana sidecar (kiwigrid k8s-sidecar, as in the Grafana and
 * kube-prometheus-stack Helm charts): one ConfigMap per dashboard, found by its label.
 */
import { fingerprint, type Plan } from '@headroom/model';
import type { GeneratedFile, KitConfig } from '../config.ts';
import { fileHeader } from './header.ts';
import { objectMeta, standardLabels } from './labels.ts';
import { dnsName } from './names.ts';
import { manifestsText, type Manifest } from './yaml-text.ts';

export const dashboardsPath = 'kubernetes/dashboards.yaml';

/** The sidecar's default label (sidecar.dashboards.label / labelValue in the Grafana chart). */
export const SIDECAR_LABEL = 'grafana_dashboard';
/** Annotation naming the Grafana folder; the chart's sidecar.dashboards.folderAnnotation must name it. */
export const FOLDER_ANNOTATION = 'grafana_folder';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** A ConfigMap data key may hold only [-._a-zA-Z0-9]. */
const dataKey = (name: string) => name.replace(/[^-._a-zA-Z0-9]/g, '-');

export function dashboardConfigMaps(plan: Plan, config: KitConfig, dashboards: readonly GeneratedFile[]): Manifest[] {
  const planName = plan.metadata.name;
  const used = new Set<string>();
  return dashboards
    .filter((file) => file.path.endsWith('.json'))
    .map((file) => {
      const key = dataKey(baseName(file.path));
      const stem = key.replace(/\.json$/, '');
      let name = dnsName(['headroom', planName, 'dashboard', stem]);
      // Two file names that differ only in characters a name cannot hold would collide.
      if (used.has(name)) name = dnsName(['headroom', planName, 'dashboard', stem, fingerprint(file.path).slice(0, 8)]);
      used.add(name);
      return {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: objectMeta(name, plan.metadata.namespace, { ...standardLabels(planName, 'headroom-dashboards'), [SIDECAR_LABEL]: '1' }, { [FOLDER_ANNOTATION]: config.grafanaFolder }),
          data: { [key]: file.contents },
        },
      };
    });
}

export function dashboardsFile(plan: Plan, config: KitConfig, dashboards: readonly GeneratedFile[]): GeneratedFile | undefined {
  const manifests = dashboardConfigMaps(plan, config, dashboards);
  if (manifests.length === 0) return undefined;
  return {
    path: dashboardsPath,
    contents: manifestsText(fileHeader(plan.metadata.name, `The plan's Grafana dashboards for the Grafana sidecar, which loads ConfigMaps labelled ${SIDECAR_LABEL}: "1".
The sidecar watches its own namespace unless sidecar.dashboards.searchNamespace is ALL (or names this one).
For the ${FOLDER_ANNOTATION} annotation to pick the folder, set sidecar.dashboards.folderAnnotation: ${FOLDER_ANNOTATION}
and sidecar.dashboards.provider.foldersFromFilesStructure: true in the Grafana chart.
Apply with kubectl apply --server-side: client-side apply copies each object into an annotation
limited to 256 KiB, which large dashboards exceed.`), manifests),
  };
}
