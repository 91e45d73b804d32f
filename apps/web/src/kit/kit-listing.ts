/**
 * The kit as the panel lists it: every file `headroom generate` writes for a plan text, with its
 * size, and the exporter bundle as an empty placeholder (the zip gets the real one). Computed by the
 * kit worker (kit.worker.ts) in the app and the embed, in-thread where no worker runs.
 */
import type { Plan, Sizing } from '@headroom/model';
import type { GeneratedFile } from '@headroom/observe';
import { byteLength, generatedKit, kitFiles } from './kit-files.ts';

export interface ListedKitFile extends GeneratedFile {
  /** Size in bytes as written to disk (UTF-8). */
  bytes: number;
}

export function kitListing(text: string, plan: Plan, sizing: Sizing): ListedKitFile[] {
  return kitFiles(generatedKit(text, plan, sizing), text, '').map((file) => ({ ...file, bytes: byteLength(file.contents) }));
}
