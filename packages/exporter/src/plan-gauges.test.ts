/**
 * The node-pool series as prom-client renders them: for every pool the Sizing plans, its nodes and
 * allocatable (per node and for the pool) under the pool's name and instance type, in the
 * Prometheus text format and in OpenMetrics, read back with the real promtool.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlanPreset } from '@headroom/model';
import { Registry, type OpenMetricsContentType } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { loadPlanFile, type LoadedPlan } from './plan-source.ts';
import { PlanGauges } from './plan-gauges.ts';

async function loadPreset(name: string): Promise<LoadedPlan> {
  const file = join(mkdtempSync(join(tmpdir(), 'pool-gauges-')), 'plan.yaml');
  writeFileSync(file, findPlanPreset(name)!.yaml);
  const result = await loadPlanFile(file);
  if (!result.ok) throw new Error(result.message);
  return result.loaded;
}

function promtool(args: string[], input: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('promtool', args, (error, stdout, stderr) => resolve(`${error ? 'failed' : 'ok'}: ${stdout}${stderr}`));
    child.stdin!.end(input);
  });
}

/** `name{labels} value` lines of one family in a text-format body. */
const linesOf = (body: string, name: string) => body.split('\n').filter((line) => line.startsWith(`${name}{`));

describe('node pool gauges', () => {
  it('publishes every planned pool: nodes, and allocatable per node and per pool, by pool and instance type', async () => {
    const loaded = await loadPreset('chat-assistant');
    const registry = new Registry();
    new PlanGauges([registry]).update(loaded.samples);
    const body = await registry.metrics();
    const pools = loaded.sizing.cluster.nodePools;
    expect(pools.length).toBeGreaterThan(1);
    expect(linesOf(body, 'headroom_plan_pool_nodes')).toHaveLength(pools.length);
    for (const pool of pools) {
      const service = pool.workloads.some((w) => loaded.sizing.workloads.find((s) => s.name === w)!.runsAs === 'service');
      const labels = `plan="chat-assistant",pool="${pool.name}",instance_type="${pool.instanceType}",always_on="${service}"`;
      expect(body).toContain(`headroom_plan_pool_nodes{${labels}} ${pool.nodes}\n`);
      expect(body).toContain(`headroom_plan_pool_allocatable_cpu_cores{${labels},scope="node"} ${pool.allocatable.cpuCores}\n`);
      expect(body).toContain(`headroom_plan_pool_allocatable_cpu_cores{${labels},scope="total"} ${pool.allocatable.cpuCores * pool.nodes}\n`);
      expect(body).toContain(`headroom_plan_pool_allocatable_memory_bytes{${labels},scope="total"} ${pool.allocatable.memoryBytes * pool.nodes}\n`);
      expect(body).toContain(`headroom_plan_pool_allocatable_pods{${labels},scope="node"} ${pool.allocatable.pods}\n`);
      expect(body).toMatch(new RegExp(`headroom_plan_pool_allocatable_gpus\\{${labels.replace(/[.]/g, '\\.')},scope="total",gpu_model="[^"]+"\\} ${pool.allocatable.gpus * pool.nodes}\\n`));
    }
    // The plan's own pools keep their names; a GPU pool names the model of its instance type.
    expect(body).toContain('headroom_plan_pool_nodes{plan="chat-assistant",pool="gpu",instance_type="p5.48xlarge",always_on="true"} 1\n');
    expect(body).toContain('headroom_plan_pool_allocatable_gpus{plan="chat-assistant",pool="gpu",instance_type="p5.48xlarge",always_on="true",scope="node",gpu_model="H100-SXM-80GB"} 8\n');
    // A pool of jobs only (the nightly batch) is not expected to keep its nodes between runs.
    expect(body).toContain('headroom_plan_pool_nodes{plan="chat-assistant",pool="auto-g6-xlarge",instance_type="g6.xlarge",always_on="false"} 14\n');
    expect(await promtool(['check', 'metrics'], body)).toMatch(/^ok: /);
  });

  it('publishes a pool the plan names but fills with nothing as zero nodes, with its per-node allocatable', async () => {
    const loaded = await loadPreset('rag');
    const registry = new Registry();
    new PlanGauges([registry]).update(loaded.samples);
    const body = await registry.metrics();
    expect(body).toContain('headroom_plan_pool_nodes{plan="rag",pool="l4",instance_type="g6.xlarge",always_on="false"} 0\n');
    expect(body).toContain('headroom_plan_pool_allocatable_gpus{plan="rag",pool="l4",instance_type="g6.xlarge",always_on="false",scope="node",gpu_model="L4-24GB"} 1\n');
    expect(body).toContain('headroom_plan_pool_allocatable_gpus{plan="rag",pool="l4",instance_type="g6.xlarge",always_on="false",scope="total",gpu_model="L4-24GB"} 0\n');
  });

  it('renders the same series in OpenMetrics, which promtool accepts', async () => {
    const loaded = await loadPreset('llm-chat');
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    new PlanGauges([registry]).update(loaded.samples);
    const body = await registry.metrics();
    expect(body).toContain('# TYPE headroom_plan_pool_nodes gauge\n');
    expect(body).toContain('headroom_plan_pool_nodes{plan="llm-chat",pool="h100",instance_type="a3-highgpu-8g",always_on="true"} 3\n');
    expect(body.trimEnd()).toMatch(/# EOF$/);
    expect(await promtool(['check', 'metrics'], body)).toMatch(/^ok: /);
  });
});
