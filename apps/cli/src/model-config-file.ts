/**
 * Reading a Hugging Face config.json for `model: { config }` and `headroom model import`: a file
 * path relative to the plan's folder, read no further than a bound (published configs are a few
 * kilobytes; 1 MiB leaves room for any), parsed as JSON. Errors are answers, never exceptions.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ModelConfigFile, ModelConfigReader } from '@headroom/model';

export const MAX_MODEL_CONFIG_BYTES = 1024 * 1024;

export function readModelConfigFile(path: string): ModelConfigFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, message: 'cannot read the config (is a directory)' };
    const buffer = Buffer.alloc(MAX_MODEL_CONFIG_BYTES + 1);
    let read = 0;
    for (let n = -1; n !== 0 && read < buffer.length;) {
      n = readSync(fd, buffer, read, buffer.length - read, null);
      read += n;
    }
    if (read > MAX_MODEL_CONFIG_BYTES) return { ok: false, message: `is larger than ${MAX_MODEL_CONFIG_BYTES} bytes: not a config.json` };
    try {
      return { ok: true, config: JSON.parse(new TextDecoder('utf-8').decode(buffer.subarray(0, read))) as unknown };
    } catch (error) {
      return { ok: false, message: `not valid JSON (${(error as Error).message})` };
    }
  } catch (error) {
    return { ok: false, message: describe(error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A reader of config paths as written in the plan at `planFile`: relative to the plan's folder.
 * Each file is read once however many workloads name it.
 */
export function modelConfigsBeside(planFile: string): ModelConfigReader {
  const folder = dirname(resolve(planFile));
  const read = new Map<string, ModelConfigFile>();
  return (path) => {
    const file = resolve(folder, path);
    let loaded = read.get(file);
    if (!loaded) {
      loaded = readModelConfigFile(file);
      read.set(file, loaded);
    }
    return loaded;
  };
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read the config (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message})`;
}
