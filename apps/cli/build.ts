/**
 * Builds the installable CLI into apps/cli/dist: `headroom.mjs` and its chunks (the command with
 * every workspace package and runtime dependency bundled, so the packed tarball has no
 * dependencies to fetch and runs on plain Node 20; split into chunks per command, so `size` loads only the
 * model) and `headroom-exporter.mjs` (the standalone exporter that `generate` copies into a kit's
 * exporter/ folder). One build at a time (build-lock.mjs). The build goes to a fresh folder; when
 * it equals dist/ (esbuild is deterministic: unchanged sources) only the build time is updated,
 * else it replaces dist/ by rename, so a concurrent run never reads half a build. Run by
 * `npm pack` (prepack) and by launch.mjs (`pnpm headroom`) when the sources changed.
 */
import { mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { buildExporterBundle, EXPORTER_BUNDLE_FILE, NODE_BUNDLE_OPTIONS } from '@headroom/exporter/bundle';
import { acquireBuildLock } from './build-lock.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, 'dist');

/**
 * esbuild itself is not shipped: the packed CLI reads its prebuilt exporter bundle (bundle.ts
 * builds one only when running from the TypeScript sources), so its `import 'esbuild'` gets a stub.
 */
const withoutEsbuild: Plugin = {
  name: 'without-esbuild',
  setup(builder) {
    builder.onResolve({ filter: /^esbuild$/ }, () => ({ path: 'esbuild', namespace: 'without-esbuild' }));
    builder.onLoad({ filter: /.*/, namespace: 'without-esbuild' }, () => ({
      contents: "export function build() { throw new Error('internal: the packed CLI does not run esbuild'); }",
      loader: 'js',
    }));
  },
};

export async function buildCli(): Promise<void> {
  // The build is as old as the sources it read: a file saved while it runs still counts as newer.
  const started = new Date();
  const staging = `${dist}.${process.pid}.${Date.now()}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await Promise.all([
    build({
      ...NODE_BUNDLE_OPTIONS,
      entryPoints: { headroom: join(here, 'src/main.ts') },
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      // Chunks beside the entry: code reads files next to itself (bundle.ts: headroom-exporter.mjs).
      chunkNames: '[name]-[hash]',
      splitting: true,
      plugins: [withoutEsbuild],
    }),
    buildExporterBundle().then((bundle) => writeFile(join(staging, EXPORTER_BUNDLE_FILE), bundle)),
  ]);
  if (await sameTree(staging, dist)) {
    await rm(staging, { recursive: true, force: true });
  } else {
    // Replace dist/ in two renames; a run between them finds no dist/ and builds it itself.
    const old = `${staging}.old`;
    await rename(dist, old).catch((error: NodeJS.ErrnoException) => { if (error.code !== 'ENOENT') throw error; });
    await rename(staging, dist);
    await rm(old, { recursive: true, force: true });
  }
  await utimes(join(dist, 'headroom.mjs'), started, started);
}

/** Whether two folders hold the same files with the same bytes. */
async function sameTree(a: string, b: string): Promise<boolean> {
  const list = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length)).sort();
  let left: string[];
  let right: string[];
  try {
    [left, right] = await Promise.all([list(a), list(b)]);
  } catch {
    return false;
  }
  if (left.join('\n') !== right.join('\n')) return false;
  for (const file of left) if (!(await readFile(join(a, file))).equals(await readFile(join(b, file)))) return false;
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const release = acquireBuildLock();
  try {
    await buildCli();
  } finally {
    release();
  }
}
