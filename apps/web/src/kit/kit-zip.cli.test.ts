/**
 * The page's zip against the CLI: `headroom generate` for the example plan, written to a temporary
 * directory, and the zip the kit panel builds for the same plan text (buildKitZip over kitFiles, as
 * KitPanel's download does, with the exporter bundle from the same exporterBundle() the web build
 * emits). Runs in Node: the CLI and esbuild need it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { exporterBundle } from '@headroom/exporter/bundle';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCommand } from '../../../cli/src/commands/generate.ts';
import { evaluatePlan } from '../state/evaluate-plan.ts';
import { DEFAULT_PRESET, defaultPlanText } from '../state/store.ts';
import { generatedKit, kitFiles } from './kit-files.ts';
import { buildKitZip } from './zip.ts';

function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('the kit zip and `headroom generate`', () => {
  let root: string;
  let written: Map<string, Buffer>;
  let zip: Uint8Array;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'headroom-web-kit-'));
    await generateCommand(undefined, { out: join(root, 'kit'), force: false, preset: DEFAULT_PRESET });
    written = readTree(join(root, 'kit'));
    const evaluation = evaluatePlan(defaultPlanText());
    if (!evaluation.ok) throw new Error('the example plan does not size');
    const { text, plan, sizing } = evaluation.results;
    zip = buildKitZip(kitFiles(generatedKit(text, plan, sizing), text, await exporterBundle()));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds the same paths', () => {
    const zipped = unzipSync(zip);
    expect(Object.keys(zipped).sort()).toEqual([...written.keys()].sort());
    for (const path of ['alerts/chat-assistant.rules.yaml', 'kubernetes/prometheus-rule.yaml', 'exporter/headroom-exporter.mjs', 'exporter/Dockerfile', 'exporter/plan.yaml']) {
      expect(written.has(path), path).toBe(true);
    }
  });

  it('holds the same bytes in every file', () => {
    const zipped = unzipSync(zip);
    for (const [path, contents] of written) expect(Buffer.from(zipped[path]!).equals(contents), path).toBe(true);
  });
});
