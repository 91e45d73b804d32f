/** @headroom/observe: the verification kit from a plan and its sizing, as in-memory files. */
export { defaultKitConfig, type GeneratedFile, type KitConfig } from './config.ts';
export { generateKit, type KitOptions } from './kit.ts';
export { sloBucketNotices } from './rules/slo-bucket.ts';
export { KIT_MANIFEST, kitManifest, kitManifestFiles } from './manifest.ts';
export * from './verify/index.ts';
