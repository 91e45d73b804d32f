/**
 * The kit as one zip file. Pure and deterministic: every entry gets the same fixed timestamp, so
 * the same files give the same bytes. Contents are UTF-8, as `headroom generate` writes them.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { GeneratedFile } from '@headroom/observe';

/** 1980-01-01 00:00, the earliest time a zip entry can hold (fflate reads it in local time). */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function buildKitZip(files: readonly GeneratedFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    if (file.path in entries) throw new Error(`internal: duplicate kit path ${file.path}`);
    entries[file.path] = [strToU8(file.contents), { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(entries, { mtime: FIXED_MTIME });
}
