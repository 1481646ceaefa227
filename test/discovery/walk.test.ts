import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { asOnePattern, DEFAULT_EXCLUDES } from '../../src/discovery/discover.js';
import { GlobWalker } from '../../src/discovery/walk.js';
import { discoveryPatterns } from '../../src/runner/fileKinds.js';
import { tempDir } from '../fix/helpers.js';

/** Entries that test where globs apply: dot directories, look-alike names, files named like excluded directories. */
const TREE = [
  'a.py', 'src/b.py', 'src/b_test.py', 'src/deep/er/c.py', 'src/.hidden/d.py', '.github/workflows/ci.yml', 'sub/.github/workflows/x.yaml',
  'req/requirements/base.txt', 'requirements-dev.txt', 'notes.txt', 'Dockerfile', 'Dockerfile.gpu', 'docker/app.dockerfile',
  'build/x.py', 'pkg/build/y.py', 'pkg/builder/z.py', 'node_modules/m/x.py', 'env', 'venv.py', '.venv/lib/x.py', 'legacy/old.py',
  'legacy/keep/new.py', 'generated_1/g.py', 'pkg/__pycache__/p.py', 'dir.py/inner.py', '.env', 'conf/.env.local', 'nb/a.ipynb',
  'x/.gitignore', '.gitignore',
  // What `*.py` matches with `dot` and what its `(?=.)` refuses: the walk tests such suffixes itself.
  '.py', '..py', 'odd/\n.py', 'odd/\u2028a.py', 'odd/a.py\n',
];

function makeTree(): string {
  const root = tempDir();
  for (const path of TREE) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
  }
  symlinkSync('src', join(root, 'linked_dir'));
  symlinkSync('a.py', join(root, 'linked.py'));
  return root;
}

/** What fast-glob returned for the same patterns and ignore globs, with the options discovery gave it. */
function fastGlob(root: string, patterns: string[], ignore: string[]): string[] {
  return fg.sync(patterns, { cwd: root, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore, suppressErrors: true, caseSensitiveMatch: true })
    .map((e) => e.path).sort();
}

const walked = (root: string, patterns: string[], ignore: string[]) => new GlobWalker(patterns, ignore).walk(root).entries.map((e) => e.path).sort();

describe('GlobWalker', () => {
  const root = makeTree();
  const defaults = DEFAULT_EXCLUDES.map((d) => `**/${d}/**`);
  const userGlobs: string[][] = [
    [], ['legacy/**'], ['**/*_test.py'], ['src'], ['src/'], ['src/**'], ['*.py'], ['**/build'], ['{legacy,pkg}/**'], ['**/.hidden/**'],
    ['generated_*/**'], ['src/deep/*/c.py'], ['**/*.yml'], [join(root, 'src') + '/**'], [join(root, 'src')], [join(root, 'a.py')],
    ['legacy/**', '!legacy/keep/**'], ['!a.py'], ['legacy/keep'], ['**/build/'], ['src//deep/**'], ['[sl]rc/**'], ['@(src|pkg)/**'], ['src/deep'],
    ['**/legacy/**'], ['**/src/deep/**'], ['**/dir.py/**'], ['**/a.py/**'], ['**/{legacy,er}/**'],
  ];

  for (const extra of userGlobs) {
    it(`keeps what fast-glob kept, excluding ${JSON.stringify(extra)}`, () => {
      const patterns = asOnePattern([...discoveryPatterns(), '**/.gitignore']);
      const ignore = [...defaults, ...extra];
      const expected = fastGlob(root, patterns, ignore);
      expect(expected.length).toBeGreaterThan(0);
      expect(walked(root, patterns, ignore)).toEqual(expected);
    });
  }

  it('keeps what fast-glob kept for patterns that are not merged', () => {
    const patterns = ['src/*.py', '**/requirements/*.txt', '*.py', '**/deep/**/*.py', '**/*.{yml,ipynb}'];
    expect(walked(root, patterns, defaults)).toEqual(fastGlob(root, patterns, defaults));
  });

  it('with directories: false, keeps the same entries but directories', () => {
    const patterns = asOnePattern([...discoveryPatterns(), '**/.gitignore']);
    const all = new GlobWalker(patterns, defaults).walk(root).entries;
    const withoutDirectories = new GlobWalker(patterns, defaults, [], { directories: false }).walk(root).entries;
    expect(all.some((e) => e.dirent.isDirectory())).toBe(true);
    expect(withoutDirectories.map((e) => e.path).sort()).toEqual(all.filter((e) => !e.dirent.isDirectory()).map((e) => e.path).sort());
  });

  it('returns links as entries without following them', () => {
    const entries = new GlobWalker(['**/*'], []).walk(root).entries;
    const linked = entries.filter((e) => e.path.startsWith('linked'));
    expect(linked.map((e) => [e.path, e.dirent.isSymbolicLink()])).toEqual(expect.arrayContaining([['linked_dir', true], ['linked.py', true]]));
    expect(entries.some((e) => e.path.startsWith('linked_dir/'))).toBe(false);
  });
});
