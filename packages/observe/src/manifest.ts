/**
 * The kit's manifest: the list of files Headroom wrote, at the top of every kit (the CLI's
 * directory and the calculator's zip alike). `headroom generate --force` replaces a directory only
 * when it holds this manifest and nothing but the files it lists.
 */
import type { GeneratedFile } from './config.ts';

export const KIT_MANIFEST = '.headroom-kit.json';

interface KitManifest {
  generator: 'headroom';
  files: string[];
}

/** The manifest file for a kit of `files`. */
export function kitManifest(files: readonly GeneratedFile[]): GeneratedFile {
  const manifest: KitManifest = { generator: 'headroom', files: files.map((f) => f.path).sort() };
  return { path: KIT_MANIFEST, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** The files a manifest lists, or undefined when `text` is not a Headroom kit manifest. */
export function kitManifestFiles(text: string): string[] | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<KitManifest>;
    return parsed.generator === 'headroom' && Array.isArray(parsed.files) && parsed.files.every((f) => typeof f === 'string') ? parsed.files : undefined;
  } catch {
    return undefined;
  }
}
