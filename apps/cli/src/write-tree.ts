/**
 * Writes a set of files as one directory, atomically: everything goes into a temporary sibling
 * directory first, which is renamed into place only when complete. On any error nothing is left
 * half-written, and an existing directory replaced with --force is restored.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { GeneratedFile } from '@headroom/observe';
import { CliError } from './errors.ts';

export function writeTree(outDir: string, files: readonly GeneratedFile[], options: { force: boolean }): void {
  const target = resolve(outDir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new CliError(`${outDir} exists and is not a directory`);
    if (readdirSync(target).length > 0 && !options.force) throw new CliError(`${outDir} is not empty; pass --force to replace it`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  try {
    // mkdtemp makes the directory private (0700); the kit is meant to be read by others.
    chmodSync(staging, 0o755);
    for (const file of files) {
      const path = resolve(staging, file.path);
      if (!path.startsWith(staging + sep)) throw new Error(`internal: generated path escapes the output directory: ${file.path}`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    replace(target, staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Moves `staging` to `target`, keeping the old target until the new one is in place. */
function replace(target: string, staging: string): void {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  const backup = `${staging}.old`;
  renameSync(target, backup);
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(backup, target);
    throw error;
  }
  rmSync(backup, { recursive: true, force: true });
}
