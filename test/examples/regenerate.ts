/** Rewrites dashboards/ and alerts/ at the repository root from the bundled presets. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXAMPLE_ROOTS, exampleFiles } from './examples.ts';

const root = resolve(import.meta.dirname, '../..');
const files = exampleFiles();
for (const dir of EXAMPLE_ROOTS) rmSync(resolve(root, dir), { recursive: true, force: true });
for (const file of files) {
  const path = resolve(root, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.contents);
}
console.log(`wrote ${files.length} files under ${EXAMPLE_ROOTS.join('/, ')}/`);
