/**
 * The files of the verification kit, exactly as `headroom generate` writes them: generateKit's
 * files, then exporterFiles() with the exporter bundle and the plan's own text.
 */
import type { Plan, Sizing } from '@headroom/model';
import { defaultKitConfig, generateKit, kitManifest, type GeneratedFile } from '@headroom/observe';
import { exporterFiles } from '@headroom/exporter/bundle-files';
import { EXPORTER_ASSET } from './exporter-asset.ts';

/** Plan texts whose kit is kept; generation takes tens of ms, so undo/redo and re-renders reuse it. */
const CACHE_SIZE = 4;
const cache = new Map<string, GeneratedFile[]>();

/** generateKit for one plan text, memoised per text (plan and sizing follow from the text). */
export function generatedKit(text: string, plan: Plan, sizing: Sizing): GeneratedFile[] {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const files = generateKit(plan, sizing, { planText: text });
  cache.set(text, files);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return files;
}

/** The whole kit, in `headroom generate`'s order, with `bundle` as the exporter script. */
export function kitFiles(generated: readonly GeneratedFile[], planText: string, bundle: string): GeneratedFile[] {
  const files = [...generated, ...exporterFiles(bundle, planText, defaultKitConfig.exporterPort)];
  return [...files, kitManifest(files)];
}

/** True for the exporter bundle, which the page fetches only when it builds the zip. */
export function isExporterBundle(path: string): boolean {
  return path === EXPORTER_ASSET;
}

export interface KitFolder<File extends GeneratedFile = GeneratedFile> {
  folder: string;
  files: File[];
}

/** Files grouped by their folder, folders in order of first appearance, files in kit order. */
export function groupByFolder<File extends GeneratedFile>(files: readonly File[]): KitFolder<File>[] {
  const folders = new Map<string, File[]>();
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    const folder = slash < 0 ? '.' : file.path.slice(0, slash);
    const list = folders.get(folder) ?? [];
    list.push(file);
    folders.set(folder, list);
  }
  return [...folders].map(([folder, list]) => ({ folder, files: list }));
}

const encoder = new TextEncoder();

/** Size in bytes as written to disk (UTF-8). */
export function byteLength(contents: string): number {
  return encoder.encode(contents).length;
}
