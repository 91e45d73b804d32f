/**
 * Checks that the resources snippets really are strategic-merge patches: kustomize (built into
 * kubectl) merges them into workloads that have other containers and a CPU limit. Skipped where
 * kubectl is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fileAt, presetKits, type Obj } from './testing.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasKubectl)('resources snippets under kustomize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-kustomize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(presetKits().map((kit) => [kit.preset, kit] as const))('merge into the workloads of %s', (_, kit) => {
    const work = mkdtempSync(join(dir, `${kit.preset}-`));
    const patches: Obj[] = [];
    // A LeaderWorkerSet is a custom resource: kustomize merges it as JSON (lists replaced), so its
    // templates are merged by hand, as the file says; the Deployments and Jobs are patches.
    const snippets = kit.plan.spec.workloads
      .map((w) => ({ w, patch: parseAllDocuments(fileAt(kit.files, `kubernetes/workloads/${w.name}.yaml`).contents)[0]!.toJS() as Obj }))
      .filter(({ patch }) => patch.kind !== 'LeaderWorkerSet');
    const bases = snippets.map(({ w, patch }) => {
      patches.push(patch);
      const container = patch.spec.template.spec.containers[0].name;
      const pod = { containers: [{ name: 'proxy', image: 'envoy' }, { name: container, image: 'server', resources: { requests: { cpu: '1' }, limits: { cpu: '2', 'ephemeral-storage': '1Ti' } } }], restartPolicy: patch.kind === 'Job' ? 'Never' : 'Always' };
      return patch.kind === 'Deployment'
        ? { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: w.name, namespace: patch.metadata.namespace }, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': w.name } }, template: { metadata: { labels: { 'app.kubernetes.io/name': w.name } }, spec: pod } } }
        : { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: w.name, namespace: patch.metadata.namespace }, spec: { template: { spec: pod } } };
    });
    writeFileSync(join(work, 'base.yaml'), bases.map((b) => stringify(b)).join('---\n'));
    patches.forEach((p, i) => writeFileSync(join(work, `patch-${i}.yaml`), stringify(p)));
    writeFileSync(join(work, 'kustomization.yaml'), stringify({ resources: ['base.yaml'], patches: patches.map((_, i) => ({ path: `patch-${i}.yaml` })) }));
    const merged = parseAllDocuments(execFileSync('kubectl', ['kustomize', work], { encoding: 'utf8' })).map((d) => d.toJS() as Obj);

    for (const patch of patches) {
      const result = merged.find((m) => m.kind === patch.kind && m.metadata.name === patch.metadata.name)!;
      const wanted = patch.spec.template.spec.containers[0];
      const containers = result.spec.template.spec.containers as Obj[];
      expect(containers.map((c) => c.name).sort()).toEqual(['proxy', wanted.name].sort());
      const got = containers.find((c) => c.name === wanted.name)!;
      expect(got.image).toBe('server');
      expect(got.resources.requests).toEqual(wanted.resources.requests);
      const { cpu: _cpu, ...limits } = wanted.resources.limits;
      expect(got.resources.limits).toEqual({ ...limits, 'ephemeral-storage': '1Ti' });
      expect(result.spec.template.spec.nodeSelector).toEqual(patch.spec.template.spec.nodeSelector);
      expect(result.spec.template.spec.tolerations).toEqual(patch.spec.template.spec.tolerations);
    }
  });
});
