import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from './write-tree.ts';

const files = [{ path: 'a/one.yaml', contents: 'one: 1\n' }, { path: 'b/c/two.json', contents: '{}\n' }];

describe('writeTree', () => {
  it('writes every file, readable by others', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tree-')), 'kit');
    writeTree(out, files, { force: false });
    expect(readFileSync(join(out, 'a/one.yaml'), 'utf8')).toBe('one: 1\n');
    expect(readFileSync(join(out, 'b/c/two.json'), 'utf8')).toBe('{}\n');
    expect(statSync(out).mode & 0o777).toBe(0o755);
  });

  it('refuses a non-empty directory without --force and replaces it with --force', () => {
    const out = mkdtempSync(join(tmpdir(), 'tree-'));
    writeFileSync(join(out, 'old.txt'), 'old');
    expect(() => writeTree(out, files, { force: false })).toThrow(/not empty; pass --force/);
    expect(readFileSync(join(out, 'old.txt'), 'utf8')).toBe('old');
    writeTree(out, files, { force: true });
    expect(existsSync(join(out, 'old.txt'))).toBe(false);
    expect(existsSync(join(out, 'a/one.yaml'))).toBe(true);
  });

  it('leaves nothing half-written when a write fails, and keeps the old directory', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tree-'));
    const out = join(parent, 'kit');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    // The second file cannot be written: its parent path is the first file.
    const clash = [{ path: 'x', contents: 'file' }, { path: 'x/y.yaml', contents: 'nope' }];
    expect(() => writeTree(out, clash, { force: true })).toThrow();
    expect(readdirSync(out)).toEqual(['old.txt']);
    expect(readdirSync(parent)).toEqual(['kit']);
  });
});
