/**
 * Writes a set of files as one directory, atomically: everything goes into a temporary sibling
 * directory first, which is renamed into place only when complete. On any error nothing is left
 * half-written, and an existing directory replaced with --force is restored.
 *
 * Every kit carries a manifest (KIT_MANIFEST, @headroom/observe) listing the files written. --force replaces only a
 * previous kit: a directory whose every file is in its manifest. Anything else in it (a `.git`, a
 * README someone added, a folder that was never a kit) makes --force refuse, naming what it found,
 * so that it never deletes what Headroom did not write.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { KIT_MANIFEST, kitManifest, kitManifestFiles, type GeneratedFile } from '@headroom/observe';
import { CliError } from './errors.ts';

export function writeTree(outDir: string, files: readonly GeneratedFile[], options: { force: boolean }): void {
  const target = resolve(outDir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new CliError(`${outDir} exists and is not a directory`);
    if (readdirSync(target).length > 0) {
      if (!options.force) throw new CliError(`${outDir} is not empty; pass --force to replace a kit generated there before`);
      assertPreviousKit(outDir, target);
    }
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  try {
    // mkdtemp makes the directory private (0700); the kit is meant to be read by others.
    chmodSync(staging, 0o755);
    const withManifest = files.some((f) => f.path === KIT_MANIFEST) ? files : [...files, kitManifest(files)];
    for (const file of withManifest) {
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

/** Refuses unless `target` holds a kit manifest and nothing but the files it lists. */
function assertPreviousKit(outDir: string, target: string): void {
  let listedFiles: string[] | undefined;
  try {
    listedFiles = kitManifestFiles(readFileSync(join(target, KIT_MANIFEST), 'utf8'));
  } catch {
    listedFiles = undefined;
  }
  if (!listedFiles) {
    throw new CliError(`${outDir} is not a kit Headroom generated (no ${KIT_MANIFEST}); --force replaces only a previous kit, so choose an empty or new directory`);
  }
  const listed = new Set([...listedFiles, KIT_MANIFEST]);
  const foreign = filesUnder(target).map((path) => relative(target, path).split(sep).join('/')).filter((path) => !listed.has(path));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw new CliError(`${outDir} holds files Headroom did not write (${shown}); --force replaces only a previous kit and will not delete them`);
  }
}

/** Every file and symbolic link under `dir` (links are not followed), plus empty directories. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const entries = readdirSync(current);
    if (entries.length === 0 && current !== dir) found.push(`${current}${sep}`);
    for (const entry of entries) {
      const path = join(current, entry);
      if (lstatSync(path).isDirectory()) pending.push(path);
      else found.push(path);
    }
  }
  return found.sort();
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
