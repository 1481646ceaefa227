import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asOnePattern, discoverFiles, displayPath, UsageError } from '../../src/discovery/discover.js';
import { tempDir } from '../fix/helpers.js';

/** A directory tree: path → content (a string), or `{ link: target }` for a symbolic link. */
function tree(entries: Record<string, string | { link: string }>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(entries)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (typeof content === 'string') writeFileSync(join(root, path), content);
    else symlinkSync(content.link, join(root, path));
  }
  return root;
}

const shown = async (root: string, paths: string[] = ['.'], options: { gitignore?: boolean; exclude?: string[]; patterns?: string[] } = {}) => {
  const result = await discoverFiles(paths, { cwd: root, ...options });
  return { files: result.files.map((f) => f.display), problems: result.problems };
};

describe('discoverFiles', () => {
  it('finds Python files in sorted order, skipping virtualenvs, dependencies, caches and build output', async () => {
    const root = tree({
      'b.py': '', 'a/z.py': '', 'a/y.py': '', 'notes.txt': '',
      '.venv/lib/x.py': '', 'venv/x.py': '', 'node_modules/p/x.py': '', 'build/x.py': '', 'pkg/__pycache__/x.py': '', '.git/hooks/x.py': '',
    });
    expect((await shown(root)).files).toEqual(['a/y.py', 'a/z.py', 'b.py']);
  });

  it('honours the root .gitignore, nested ones for their own directory, and ancestors up to the repository top', async () => {
    const root = tree({
      '.git/HEAD': '', '.gitignore': 'generated/\n', 'outer.py': '',
      'proj/.gitignore': 'scratch_*.py\n', 'proj/keep.py': '', 'proj/scratch_1.py': '', 'proj/generated/g.py': '',
      'proj/sub/.gitignore': 'local.py\n', 'proj/sub/local.py': '', 'proj/sub/ok.py': '', 'proj/other/local.py': '',
    });
    // From inside the repository: the top-level .gitignore still applies.
    expect((await shown(join(root, 'proj'))).files).toEqual(['keep.py', 'other/local.py', 'sub/ok.py']);
    expect((await shown(root)).files).toEqual(['outer.py', 'proj/keep.py', 'proj/other/local.py', 'proj/sub/ok.py']);
    expect((await shown(root, ['.'], { gitignore: false })).files).toEqual([
      'outer.py', 'proj/generated/g.py', 'proj/keep.py', 'proj/other/local.py', 'proj/scratch_1.py', 'proj/sub/local.py', 'proj/sub/ok.py',
    ]);
  });

  it('lists a .gitignore only when a pattern asks for it', async () => {
    const root = tree({ '.gitignore': 'x.py\n', 'x.py': '', 'y.py': '' });
    expect((await shown(root)).files).toEqual(['y.py']);
    expect((await shown(root, ['.'], { patterns: ['**/*.py', '**/.gitignore'] })).files).toEqual(['.gitignore', 'y.py']);
  });

  it('applies --exclude globs, relative to the root and to the working directory', async () => {
    const root = tree({ 'src/a.py': '', 'src/a_test.py': '', 'legacy/old.py': '' });
    expect((await shown(root, ['.'], { exclude: ['**/*_test.py', 'legacy/**'] })).files).toEqual(['src/a.py']);
  });

  it('shows paths from the working directory for roots below it, beside it and above it', async () => {
    const root = tree({ 'repo/src/a.py': '', 'repo/src/deep/b.py': '', 'other/c.py': '', 'repo/.gitignore': 'deep/\n' });
    const found = async (cwd: string, paths: string[]) => (await discoverFiles(paths, { cwd: join(root, cwd) })).files.map((f) => f.display);
    expect(await found('repo', ['src'])).toEqual(['src/a.py']);
    expect(await found('repo', ['.'])).toEqual(['src/a.py']);
    expect(await found('repo/src', ['.'])).toEqual(['a.py']);
    expect(await found('repo', ['../other'])).toEqual([join(root, 'other', 'c.py').split('\\').join('/')]);
    // A root above the working directory: files below the working directory are shown from it.
    expect(await found('repo/src', ['..'])).toEqual(['a.py']);
  });

  it('always checks a file named on the command line, even an ignored one', async () => {
    const root = tree({ '.gitignore': 'x.py\n', 'x.py': '' });
    expect((await shown(root, ['x.py'])).files).toEqual(['x.py']);
  });

  it('follows links to files, skips links to directories, and reports broken links and loops', async () => {
    const root = tree({
      'real/a.py': '', 'link_a.py': { link: 'real/a.py' }, 'linkdir': { link: 'real' },
      'dangling.py': { link: 'missing.py' }, 'loop1.py': { link: 'loop2.py' }, 'loop2.py': { link: 'loop1.py' },
    });
    const { files, problems } = await shown(root);
    expect(files).toEqual(['link_a.py', 'real/a.py']);
    expect(problems).toEqual(expect.arrayContaining([
      { path: 'dangling.py', message: 'broken symbolic link' },
      { path: 'loop1.py', message: 'symbolic link loop' },
      { path: 'loop2.py', message: 'symbolic link loop' },
    ]));
  });

  it('a path that does not exist is a usage error; a broken link given by name is a problem', async () => {
    const root = tree({ 'dangling.py': { link: 'missing.py' } });
    await expect(discoverFiles(['nope'], { cwd: root })).rejects.toBeInstanceOf(UsageError);
    expect((await shown(root, ['dangling.py'])).problems).toEqual([{ path: 'dangling.py', message: 'broken symbolic link' }]);
  });
});

describe('displayPath', () => {
  it('is the path relative to the working directory with forward slashes, or the absolute path outside it', () => {
    expect(displayPath('/repo', '/repo/a/b.py')).toBe('a/b.py');
    expect(displayPath('/repo', '/repo')).toBe('.');
    expect(displayPath('/repo', '/repo-other/b.py')).toBe('/repo-other/b.py');
    expect(displayPath('/repo', '/elsewhere/b.py')).toBe('/elsewhere/b.py');
    // Not normalized: resolved as path.relative does.
    expect(displayPath('/repo', '/repo/a/../b.py')).toBe('b.py');
    expect(displayPath('/repo', '/repo//b.py')).toBe('b.py');
    expect(displayPath('/repo/', '/repo/a.py')).toBe('a.py');
  });
});

describe('asOnePattern', () => {
  it('merges patterns that all start with **/ into one brace pattern, and leaves others alone', () => {
    expect(asOnePattern(['**/*.py', '**/.github/workflows/*.yml'])).toEqual(['**/{*.py,.github/workflows/*.yml}']);
    expect(asOnePattern(['**/*.py'])).toEqual(['**/*.py']);
    expect(asOnePattern(['**/*.py', 'src/*.py'])).toEqual(['**/*.py', 'src/*.py']);
    expect(asOnePattern(['**/*.{py,pyi}', '**/*.txt'])).toEqual(['**/*.{py,pyi}', '**/*.txt']);
  });

  it('finds what the separate patterns find, nested directories and dot-directories included', async () => {
    const root = tree({ 'a.py': '', 'd/requirements/base.txt': '', 'd/x.txt': '', '.github/workflows/ci.yml': '', 'sub/.github/workflows/b.yaml': '', 'Dockerfile.gpu': '' });
    const patterns = ['**/*.py', '**/requirements/*.txt', '**/.github/workflows/*.yml', '**/.github/workflows/*.yaml', '**/Dockerfile.*'];
    expect((await shown(root, ['.'], { patterns })).files).toEqual(['.github/workflows/ci.yml', 'Dockerfile.gpu', 'a.py', 'd/requirements/base.txt', 'sub/.github/workflows/b.yaml']);
  });
});

describe('discoverFiles on unreadable directories', () => {
  // Permissions do not stop the superuser: the case cannot be made there.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('reports a directory it cannot read, unless it is ignored anyway', async () => {
    const root = tree({ 'a.py': '', 'locked/b.py': '', 'data/c.py': '', '.gitignore': 'data/\n' });
    chmodSync(join(root, 'locked'), 0o000);
    chmodSync(join(root, 'data'), 0o000);
    try {
      const { files, problems } = await shown(root);
      expect(files).toEqual(['a.py']);
      expect(problems).toEqual([{ path: 'locked', message: 'cannot read directory: permission denied' }]);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
      chmodSync(join(root, 'data'), 0o755);
    }
  });
});
