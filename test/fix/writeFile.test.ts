import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDirtyFiles, workTreeRoot } from '../../src/fixer/gitDirty.js';
import { writeFileAtomic } from '../../src/fixer/writeFile.js';
import { tempDir } from './helpers.js';

const bytes = (s: string) => Buffer.from(s);

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the file mode, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'script.py');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o751);
    expect(await writeFileAtomic(file, bytes('new\n'), bytes('old\n'))).toEqual({ status: 'written' });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o751);
    expect(readdirSync(dir)).toEqual(['script.py']);
  });

  it('writes nothing when the file no longer holds the bytes the fixes were computed from', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.py');
    writeFileSync(file, 'edited meanwhile\n');
    expect(await writeFileAtomic(file, bytes('fixed\n'), bytes('original\n'))).toEqual({ status: 'changed-on-disk' });
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
  });

  it('writes through a symbolic link to its target, keeping the link', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.py'), 'old\n');
    symlinkSync('real.py', join(dir, 'link.py'));
    expect(await writeFileAtomic(join(dir, 'link.py'), bytes('new\n'), bytes('old\n'))).toEqual({ status: 'written' });
    expect(lstatSync(join(dir, 'link.py')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.py'), 'utf8')).toBe('new\n');
  });

  it('reports a file that disappeared', async () => {
    const outcome = await writeFileAtomic(join(tempDir(), 'gone.py'), bytes('x'), bytes('y'));
    expect(outcome).toEqual({ status: 'error', message: 'ENOENT' });
  });
});

describe('findDirtyFiles outside a git work tree', () => {
  it('finds no work tree and reports nothing dirty', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.py'), 'x\n');
    // The temp dir must not sit inside a work tree for this test to mean anything.
    if (workTreeRoot(join(dir, 'a.py')) !== null) return;
    expect(findDirtyFiles([join(dir, 'a.py')])).toEqual({ dirty: [], notices: [] });
  });
});
