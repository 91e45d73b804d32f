import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_MANIFEST } from '@headroom/observe';
import { writeTree } from './write-tree.ts';

const files = [{ path: 'a/one.yaml', contents: 'one: 1\n' }, { path: 'b/c/two.json', contents: '{}\n' }];

describe('writeTree', () => {
  it('writes every file, readable by others, and a manifest listing them', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tree-')), 'kit');
    writeTree(out, files, { force: false });
    expect(readFileSync(join(out, 'a/one.yaml'), 'utf8')).toBe('one: 1\n');
    expect(readFileSync(join(out, 'b/c/two.json'), 'utf8')).toBe('{}\n');
    expect(JSON.parse(readFileSync(join(out, KIT_MANIFEST), 'utf8'))).toEqual({ generator: 'headroom', files: ['a/one.yaml', 'b/c/two.json'] });
    expect(statSync(out).mode & 0o777).toBe(0o755);
  });

  it('refuses a non-empty directory without --force, and replaces a previous kit with --force', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tree-')), 'kit');
    writeTree(out, [{ path: 'old.txt', contents: 'old' }, ...files], { force: false });
    expect(() => writeTree(out, files, { force: false })).toThrow(/not empty; pass --force/);
    writeTree(out, files, { force: true });
    expect(existsSync(join(out, 'old.txt'))).toBe(false);
    expect(existsSync(join(out, 'a/one.yaml'))).toBe(true);
  });

  it('--force refuses a directory that is not a kit, and leaves it untouched', () => {
    const out = mkdtempSync(join(tmpdir(), 'tree-'));
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(out, 'notes.md'), 'mine');
    expect(() => writeTree(out, files, { force: true })).toThrow(/is not a kit Headroom generated \(no \.headroom-kit\.json\); --force replaces only a previous kit/);
    expect(readdirSync(out).sort()).toEqual(['.git', 'notes.md']);
  });

  it('--force refuses a previous kit with files added to it, naming them', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tree-')), 'kit');
    writeTree(out, files, { force: false });
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, '.git', 'config'), '');
    writeFileSync(join(out, 'a', 'mine.yaml'), 'mine');
    symlinkSync('/etc', join(out, 'link'));
    expect(() => writeTree(out, files, { force: true })).toThrow(/holds files Headroom did not write \(\.git\/config, a\/mine\.yaml, link\); --force replaces only a previous kit and will not delete them/);
    expect(readFileSync(join(out, 'a', 'mine.yaml'), 'utf8')).toBe('mine');
  });

  it('leaves nothing half-written when a write fails, and keeps the old directory', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tree-'));
    const out = join(parent, 'kit');
    writeTree(out, [{ path: 'old.txt', contents: 'old' }], { force: false });
    // The second file cannot be written: its parent path is the first file.
    const clash = [{ path: 'x', contents: 'file' }, { path: 'x/y.yaml', contents: 'nope' }];
    expect(() => writeTree(out, clash, { force: true })).toThrow();
    expect(readdirSync(out).sort()).toEqual([KIT_MANIFEST, 'old.txt']);
    expect(readdirSync(parent)).toEqual(['kit']);
  });
});
