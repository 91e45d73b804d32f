import { parsePlan, planPresets, sizePlan } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { inputUnit } from './explain-units.ts';
import { formatValue } from './format.ts';
import { explainSubjects } from './state/sizing-views.ts';

const step = (id: string, unit = '') => ({ id, unit });

describe('the unit of an explain step input', () => {
  it('reads the model naming convention', () => {
    expect(inputUnit('weightsBytes', step('weightsBytes'))).toBe('bytes');
    expect(inputUnit('kvCacheBytesPerToken', step('x'))).toBe('bytes');
    expect(inputUnit('memoryBandwidthBytesPerSecond', step('x'))).toBe('B/s');
    expect(inputUnit('prefillSeconds', step('x'))).toBe('s');
    expect(inputUnit('allReduceSecondsPerStage', step('x'))).toBe('s');
    expect(inputUnit('onDemandUsdPerHour', step('x'))).toBe('USD/hour');
    expect(inputUnit('usdPerGpuHour', step('x'))).toBe('USD/hour');
    expect(inputUnit('peakFlopsPerSecond', step('x'))).toBe('FLOP/s');
    expect(inputUnit('gpusPerReplica', step('x'))).toBe('GPUs');
    expect(inputUnit('workersPerReplica', step('x'))).toBe('workers');
    expect(inputUnit('nodesPerReplica', step('x'))).toBe('nodes');
    expect(inputUnit('llmCpuCoresPerGpu', step('x'))).toBe('cores');
    expect(inputUnit('targetUtilization', step('x'))).toBe('ratio');
    expect(inputUnit('inputTokens', step('x'))).toBe('tokens');
  });

  it('reads plan durations, which carry their unit in the schema, as seconds', () => {
    for (const name of ['deadline', 'window', 'interTokenLatency', 'latencyP95', 'serviceTime', 'scrapeInterval', 'retention']) expect(inputUnit(name, step('x'))).toBe('s');
  });

  it('gives a total addends the total unit whatever the workload is called', () => {
    expect(inputUnit('gpus-for-nodes', step('total-memory', 'bytes'))).toBe('bytes');
    expect(inputUnit('weightsBytes', step('total-gpus', 'GPUs'))).toBe('GPUs');
    expect(inputUnit('vllm', step('activeSeries', 'series'))).toBe('series');
  });

  it('leaves a name it does not know a plain number, never a guessed unit', () => {
    expect(inputUnit('burstFactor', step('replicasMax', 'replicas'))).toBe('');
    expect(inputUnit('tensorParallel', step('x', 'GPUs'))).toBe('');
  });

  it('writes every input of every preset with a unit where its name says one, and no raw byte or second counts', () => {
    for (const preset of planPresets) {
      const parsed = parsePlan(preset.yaml);
      if (!parsed.ok) throw new Error(`preset ${preset.name} does not parse`);
      for (const subject of explainSubjects(sizePlan(parsed.plan))) {
        for (const s of subject.steps) {
          for (const [name, value] of Object.entries(s.inputs)) {
            const unit = inputUnit(name, s);
            const text = formatValue(value, unit);
            if (/Bytes|^bytes/.test(name) && !/PerSecond$/.test(name)) expect(text, `${preset.name} ${s.id} ${name}`).toMatch(/ (B|KiB|MiB|GiB|TiB|PiB)$/);
            if (/Seconds$/.test(name)) expect(text, `${preset.name} ${s.id} ${name}`).toMatch(/ (ms|s|min|h|d)$/);
            expect(text, `${preset.name} ${s.id} ${name}`).not.toMatch(/^1 (GPUs|replicas|nodes|workers|tokens|sequences)$/);
          }
        }
      }
    }
  });
});
