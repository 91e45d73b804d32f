/** The committed dashboards/ and alerts/ must be exactly what the code generates (run `pnpm kit:examples`). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOTS, exampleFiles } from './examples.ts';

const root = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(root, path)];
  });
}

describe('generated examples in the repository', () => {
  const expected = new Map(exampleFiles().map((f) => [f.path, f.contents]));

  it('hold exactly the generated files (no missing, no stale)', () => {
    const onDisk = EXAMPLE_ROOTS.flatMap((dir) => filesUnder(resolve(root, dir))).sort();
    expect(onDisk, 'dashboards/ or alerts/ drifted from the code: run `pnpm kit:examples`').toEqual([...expected.keys()].sort());
  });

  it('have the generated contents', () => {
    for (const [path, contents] of expected) {
      expect(readFileSync(resolve(root, path), 'utf8'), `${path} drifted from the code: run \`pnpm kit:examples\``).toBe(contents);
    }
  });
});
