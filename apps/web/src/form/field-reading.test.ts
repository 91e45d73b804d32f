import { describe, expect, it } from 'vitest';
import { workloadFormNodes, type FieldSpec, type FormNode } from './field-spec.ts';
import { bareNumberReading, plausibilityWarning, quantityDimension } from './field-reading.ts';

/** The field at `keys` of a workload kind's form. */
function field(kind: string, ...keys: string[]): FieldSpec {
  let nodes: readonly FormNode[] = workloadFormNodes(kind)!;
  let found: FormNode | undefined;
  for (const key of keys) {
    found = nodes.find((n) => n.key === key);
    if (found?.kind === 'group') nodes = found.children;
  }
  if (found?.kind !== 'field') throw new Error(`no field ${keys.join('.')} on ${kind}`);
  return found;
}

const at = (...rest: (string | number)[]) => ['spec', 'workloads', 0, ...rest];

describe('how a typed value is read', () => {
  it('knows each quantity field\'s dimension from the model\'s own description', () => {
    expect(quantityDimension(field('llm-inference', 'slo', 'timeToFirstToken'))).toBe('seconds');
    expect(quantityDimension(field('model-serving', 'model', 'sizeBytes'))).toBe('bytes');
    expect(quantityDimension(field('data-pipeline', 'throughputPerCore'))).toBe('bytesPerSecond');
    expect(quantityDimension(field('llm-inference', 'traffic', 'peakRequestsPerSecond'))).toBeUndefined();
  });

  it('says a bare 60 is 60 s and a bare 80 is 80 bytes, and nothing once a unit is typed', () => {
    expect(bareNumberReading('seconds', '60')).toMatch(/^60 → 60 s: a bare number is read as seconds/);
    expect(bareNumberReading('seconds', '3600')).toMatch(/^3600 → 3600 s \(60 min\)/);
    expect(bareNumberReading('bytes', '80')).toMatch(/^80 → 80 B: a bare number is read as bytes; write a unit to mean another, as in "80 GiB"/);
    expect(bareNumberReading('seconds', '60 s')).toBeUndefined();
    expect(bareNumberReading('bytes', '80 GB')).toBeUndefined();
  });

  it('warns of a TTFT SLO of 60 s or 0.1 ms, a model of 80 bytes, 8 parameters; not of the example\'s values', () => {
    const ttft = field('llm-inference', 'slo', 'timeToFirstToken');
    expect(plausibilityWarning(ttft, at('slo', 'timeToFirstToken'), '60')).toMatch(/^Unusual: 60 s is above 30 s, five times the loosest TTFT limit MLPerf Inference sets \(6 s/);
    expect(plausibilityWarning(ttft, at('slo', 'timeToFirstToken'), '0.1 ms')).toMatch(/^Unusual: 0\.1 ms is below 50 ms/);
    expect(plausibilityWarning(ttft, at('slo', 'timeToFirstToken'), '1 s')).toBeUndefined();
    expect(plausibilityWarning(ttft, at('slo', 'timeToFirstToken'), 'soon')).toBeUndefined();
    const size = field('model-serving', 'model', 'sizeBytes');
    expect(plausibilityWarning(size, at('model', 'sizeBytes'), '80')).toMatch(/^Unusual: 80 B is below 1 KiB/);
    expect(plausibilityWarning(size, at('model', 'sizeBytes'), '1.5 GiB')).toBeUndefined();
    const parameters = field('llm-inference', 'model', 'parameters');
    expect(plausibilityWarning(parameters, at('model', 'parameters'), '8')).toMatch(/^Unusual: 8 is below 10,000,000/);
    expect(plausibilityWarning(parameters, at('model', 'parameters'), '8e9')).toBeUndefined();
  });
});
