import { describe, expect, it } from 'vitest';
import { defaultKitConfig } from '../config.ts';
import { documentsOf, planOf } from './testing.ts';
import { workloadFile } from './workload-file.ts';
import { workloadInputs } from './workload-input.ts';

const { plan, sizing } = planOf(`apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: p, namespace: ns }
spec:
  cluster: { provider: eks, nodePools: [ { name: general, instanceType: m5.2xlarge } ] }
  workloads:
    - name: api
      kind: model-serving
      traffic: { peakRequestsPerSecond: 50 }
      serviceTime: 20 ms
      model: { sizeBytes: 100 MiB }
      match: { namespace: serving, container: server }
    - name: tune
      kind: training
      model: { parameters: 1e9 }
      dataset: { tokens: 1e8 }
      deadline: 12 h
      accelerator: { gpu: A100-SXM-80GB }
    - name: etl
      kind: data-pipeline
      input: { bytesPerRun: 50 GB, runsPerDay: 1 }
      window: 1 h
      throughputPerCore: 50 MB/s
      retention: 7 d
`);
const files = Object.fromEntries(workloadInputs(plan, sizing).map((input) => [input.workload.name, workloadFile(input, defaultKitConfig)]));

describe('workloadFile', () => {
  it('gives a service a Deployment patch, an HPA and a PDB in the matched namespace and container', () => {
    const file = files.api!;
    expect(file.path).toBe('kubernetes/workloads/api.yaml');
    const docs = documentsOf(file);
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['apps/v1 Deployment', 'autoscaling/v2 HorizontalPodAutoscaler', 'policy/v1 PodDisruptionBudget']);
    for (const doc of docs) expect(doc.metadata.namespace).toBe('serving');
    const pod = docs[0]!.spec.template;
    expect(pod.spec.containers.map((c: { name: string }) => c.name)).toEqual(['server']);
    expect(pod.metadata.labels['app.kubernetes.io/name']).toBe('api');
    expect(docs[2]!.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api' });
    expect(pod.spec.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': 'm5.2xlarge' });
    expect(file.contents).toMatch(/# .*No CPU limit: CFS quotas throttle/);
  });

  it('gives training its pod template with a gang-scheduling note, and nothing else', () => {
    const file = files.tune!;
    const docs = documentsOf(file);
    expect(docs.map((d) => d.kind)).toEqual(['Job']);
    const peak = sizing.workloads.find((w) => w.name === 'tune')!.replicas.peak;
    expect(file.contents).toContain(`# Gang scheduling: all ${peak} pods must run at once.`);
    expect(file.contents).toContain('# For the pod template of the training job tune');
    expect(docs[0]!.spec.template.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    // No pool in the plan fits 8 A100s: Headroom chose one, and the comment says so.
    expect(file.contents).toMatch(/# Node pool auto-[^:]+: the plan names no pool this fits/);
  });

  it('gives a pipeline a Job patch only', () => {
    const docs = documentsOf(files.etl!);
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['batch/v1 Job']);
    expect(docs[0]!.spec.template.spec.tolerations).toBeUndefined();
  });
});
