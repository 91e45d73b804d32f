import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../state/evaluate-plan.ts';
import { defaultPlanText } from '../state/store.ts';
import { generatedKit, groupByFolder, kitFiles } from './kit-files.ts';
import { buildKitZip } from './zip.ts';

const results = (() => {
  const evaluation = evaluatePlan(defaultPlanText());
  if (!evaluation.ok) throw new Error('the example plan does not size');
  return evaluation.results;
})();
const files = kitFiles(generatedKit(results.text, results.plan, results.sizing), results.text, '// bundle é\n');

describe('buildKitZip', () => {
  it('gives the same bytes for the same files', () => {
    const first = buildKitZip(files);
    expect(buildKitZip(files.map((f) => ({ ...f })))).toEqual(first);
  });

  it('stamps every entry 1980-01-01 00:00 whatever the time zone', () => {
    const zip = buildKitZip(files);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let entries = 0;
    for (let offset = 0; offset + 4 <= zip.length; offset++) {
      if (view.getUint32(offset, true) !== 0x04034b50) continue; // local file header
      expect([view.getUint16(offset + 10, true), view.getUint16(offset + 12, true)]).toEqual([0, (1 << 5) | 1]);
      entries++;
    }
    expect(entries).toBeGreaterThanOrEqual(files.length);
  });

  it('round-trips every file as UTF-8 under its kit path', () => {
    const unzipped = unzipSync(buildKitZip(files));
    const decoder = new TextDecoder();
    expect(Object.keys(unzipped)).toEqual(files.map((f) => f.path));
    for (const file of files) expect(decoder.decode(unzipped[file.path])).toBe(file.contents);
  });

  it('rejects two files with one path', () => {
    expect(() => buildKitZip([files[0]!, files[0]!])).toThrow(/duplicate kit path/);
  });
});

describe('the kit files', () => {
  it('reuses the generated kit for the same plan text', () => {
    expect(generatedKit(results.text, results.plan, results.sizing)).toBe(generatedKit(results.text, results.plan, results.sizing));
  });

  it('groups by folder in kit order', () => {
    expect(groupByFolder(files).map((g) => g.folder)).toEqual(['dashboards', 'alerts', 'kubernetes', 'kubernetes/workloads', 'exporter', '.']);
  });
});
