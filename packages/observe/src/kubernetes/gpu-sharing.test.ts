import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { planPresets } from '@headroom/model';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateKit } from '../index.ts';
import { defaultKitConfig } from '../config.ts';
import { DEVICE_PLUGIN_CONFIG_LABEL, gpuSharingPath, MIG_PARTED_CONFIG_MAP, TIME_SLICING_CONFIG_MAP } from './gpu-sharing.ts';
import { kubernetesFiles } from './index.ts';
import { documentsOf, fileAt, findDoc, planOf } from './testing.ts';

const preset = planPresets.find((p) => p.name === 'small-models-on-mig')!;
const { plan, sizing } = planOf(preset.yaml);
const files = kubernetesFiles(plan, sizing, defaultKitConfig, { ruleGroups: [], dashboards: [] });
const docs = documentsOf(fileAt(files, gpuSharingPath));
const workloadDocs = (name: string) => documentsOf(fileAt(files, `kubernetes/workloads/${name}.yaml`));

describe('GPU sharing manifests (preset small-models-on-mig)', () => {
  it('gives the MIG manager a mig-parted config with an all-<profile> layout per profile the plan uses', () => {
    const mig = docs.find((d) => d.metadata.name === MIG_PARTED_CONFIG_MAP)!;
    expect(mig.metadata.namespace).toBe('gpu-operator');
    const config = parse(mig.data['config.yaml']);
    expect(config.version).toBe('v1');
    expect(config['mig-configs']['all-1g.10gb']).toEqual([{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.10gb': 7 } }]);
    expect(config['mig-configs']['all-2g.20gb']).toEqual([{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '2g.20gb': 3 } }]);
    expect(config['mig-configs']['all-disabled']).toEqual([{ devices: 'all', 'mig-enabled': false }]);
  });

  it('gives the device plugin a time-slicing config of the plan\'s replicas per GPU', () => {
    const sliced = docs.find((d) => d.metadata.name === TIME_SLICING_CONFIG_MAP)!;
    expect(parse(sliced.data['time-sliced-3'])).toEqual({
      version: 'v1', flags: { migStrategy: 'none' },
      sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: 3 }] } },
    });
  });

  it('requests nvidia.com/mig-<profile> for MIG and a time-sliced nvidia.com/gpu on its config\'s nodes', () => {
    const classifier = workloadDocs('intent-classifier')[0]!.spec.template.spec;
    expect(classifier.containers[0].resources.limits).toMatchObject({ 'nvidia.com/mig-1g.10gb': '1' });
    expect(classifier.containers[0].resources.limits['nvidia.com/gpu']).toBeUndefined();
    const ocr = workloadDocs('ocr')[0]!.spec.template.spec;
    expect(ocr.containers[0].resources.limits).toMatchObject({ 'nvidia.com/gpu': '1' });
    expect(ocr.nodeSelector[DEVICE_PLUGIN_CONFIG_LABEL]).toBe('time-sliced-3');
  });

  it('autoscales a MIG server on DCGM_FI_PROF_GR_ENGINE_ACTIVE, which dcgm-exporter reports per instance (it has no GPU_UTIL for MIG)', () => {
    const query = findDoc(workloadDocs('intent-classifier'), 'ScaledObject').spec.triggers[0].metadata.query as string;
    expect(query).toContain('DCGM_FI_PROF_GR_ENGINE_ACTIVE');
    expect(query).toContain('GPU_I_PROFILE!=""');
    expect(query).not.toContain('DCGM_FI_DEV_GPU_UTIL');
  });

  it('writes no sharing file for a plan without shares', () => {
    const other = planOf(planPresets.find((p) => p.name === 'chat-assistant')!.yaml);
    expect(kubernetesFiles(other.plan, other.sizing, defaultKitConfig, { ruleGroups: [], dashboards: [] }).map((f) => f.path)).not.toContain(gpuSharingPath);
  });
});

const run = promisify(execFile);

describe('the MIG activity rule under promtool, on dcgm-exporter\'s MIG series', () => {
  it('averages the workload\'s instances whatever profile name dcgm-exporter reports, and ignores whole-GPU series', async () => {
    const rules = generateKit(plan, sizing).find((f) => f.path.endsWith('.rules.yaml'))!;
    const dir = mkdtempSync(join(tmpdir(), 'headroom-mig-'));
    writeFileSync(join(dir, 'rules.yaml'), rules.contents);
    const owner = (pod: string, rs: string) => [
      `      - series: 'kube_pod_owner{cluster="c", namespace="ml-prod", pod="${pod}", uid="u-${pod}", owner_kind="ReplicaSet", owner_name="${rs}", owner_is_controller="true"}'\n        values: '1x10'`,
    ].join('\n');
    // dcgm-exporter with honorLabels: one series per MIG instance (GPU_I_PROFILE, GPU_I_ID), the pod's labels attached.
    const dcgm = (pod: string, container: string, gpu: string, extra: string, value: number) =>
      `      - series: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE{cluster="c", namespace="ml-prod", pod="${pod}", container="${container}", gpu="${gpu}", UUID="GPU-5c2e8b1a-0000-0000-0000-00000000000${gpu}", device="nvidia${gpu}", modelName="NVIDIA A100-SXM4-80GB", Hostname="ip-10-0-1-7"${extra}, DCGM_FI_DRIVER_VERSION="550.90.07"}'\n        values: '${value}x10'`;
    const test = `rule_files: [rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'kube_replicaset_owner{cluster="c", namespace="ml-prod", replicaset="intent-classifier-6f9d", owner_kind="Deployment", owner_name="intent-classifier", owner_is_controller="true"}'
        values: '1x10'
      - series: 'kube_replicaset_owner{cluster="c", namespace="ml-prod", replicaset="support-llm-84c7", owner_kind="Deployment", owner_name="support-llm", owner_is_controller="true"}'
        values: '1x10'
${owner('intent-classifier-6f9d-a1', 'intent-classifier-6f9d')}
${owner('intent-classifier-6f9d-b2', 'intent-classifier-6f9d')}
${owner('support-llm-84c7-c3', 'support-llm-84c7')}
${dcgm('intent-classifier-6f9d-a1', 'intent-classifier', '0', ', GPU_I_PROFILE="1g.10gb", GPU_I_ID="13"', 0.5)}
${dcgm('intent-classifier-6f9d-b2', 'intent-classifier', '0', ', GPU_I_PROFILE="1g.10gb", GPU_I_ID="11"', 0.9)}
${dcgm('intent-classifier-6f9d-a1', 'intent-classifier', '1', '', 1)}
${dcgm('support-llm-84c7-c3', 'support-llm', '1', ', GPU_I_PROFILE="2g.19gb", GPU_I_ID="5"', 0.25)}
    promql_expr_test:
      - expr: namespace_workload:headroom_mig_instance_active:signal
        eval_time: 5m
        exp_samples:
          - labels: 'namespace_workload:headroom_mig_instance_active:signal{cluster="c", plan="small-models-on-mig", namespace="ml-prod", workload="intent-classifier", kind="model-serving"}'
            value: 0.7
          - labels: 'namespace_workload:headroom_mig_instance_active:signal{cluster="c", plan="small-models-on-mig", namespace="ml-prod", workload="support-llm", kind="llm-inference"}'
            value: 0.25
`;
    writeFileSync(join(dir, 'mig.test.yaml'), test);
    const { stdout } = await run('promtool', ['test', 'rules', 'mig.test.yaml'], { cwd: dir, timeout: 60_000 });
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('counts a MIG-partitioned node\'s GPUs from its instances (nvidia.com/gpu reads 0 there), so the node is not reported short', async () => {
    const rules = generateKit(plan, sizing).find((f) => f.path.endsWith('.rules.yaml'))!;
    const dir = mkdtempSync(join(tmpdir(), 'headroom-mig-node-'));
    writeFileSync(join(dir, 'rules.yaml'), rules.contents);
    // kube-state-metrics' shape: resource names sanitised (nvidia.com/mig-1g.10gb → nvidia_com_mig_1g_10gb), unit integer.
    const allocatable = (node: string, resource: string, value: number) =>
      `      - series: 'kube_node_status_allocatable{cluster="c", job="kube-state-metrics", instance="10.0.0.5:8080", node="${node}", resource="${resource}", unit="integer"}'\n        values: '${value}x40'`;
    const labels = (node: string) =>
      `      - series: 'kube_node_labels{cluster="c", job="kube-state-metrics", instance="10.0.0.5:8080", node="${node}", label_node_kubernetes_io_instance_type="p4de.24xlarge"}'\n        values: '1x40'`;
    const test = `rule_files: [rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
${labels('ip-10-0-1-7')}
${labels('ip-10-0-1-8')}
      - series: 'headroom_plan_info{cluster="c", plan="small-models-on-mig", namespace="ml-prod", version="headroom/v1", hash="h"}'
        values: '1x40'
${allocatable('ip-10-0-1-7', 'nvidia_com_gpu', 5)}
${allocatable('ip-10-0-1-7', 'nvidia_com_mig_1g_10gb', 14)}
${allocatable('ip-10-0-1-7', 'nvidia_com_mig_2g_20gb', 3)}
${allocatable('ip-10-0-1-8', 'nvidia_com_gpu', 0)}
${allocatable('ip-10-0-1-8', 'nvidia_com_mig_1g_10gb', 21)}
    promql_expr_test:
      - expr: node:headroom_node_gpus_allocatable:sum
        eval_time: 20m
        exp_samples:
          - labels: 'node:headroom_node_gpus_allocatable:sum{cluster="c", node="ip-10-0-1-7", instance_type="p4de.24xlarge", plan="small-models-on-mig"}'
            value: 8
          - labels: 'node:headroom_node_gpus_allocatable:sum{cluster="c", node="ip-10-0-1-8", instance_type="p4de.24xlarge", plan="small-models-on-mig"}'
            value: 3
`;
    writeFileSync(join(dir, 'node.test.yaml'), test);
    const { stdout } = await run('promtool', ['test', 'rules', 'node.test.yaml'], { cwd: dir, timeout: 60_000 });
    expect(stdout).toMatch(/SUCCESS/);
  });
});
