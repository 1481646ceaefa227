import { accessSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DirectoryListing } from './listing.js';
import { GlobWalker, type WalkResult } from './walk.js';

/** Directories never worth scanning: VCS data, dependencies, virtualenvs, build output, caches. */
export const DEFAULT_EXCLUDES = ['.git', 'node_modules', '.venv', 'venv', 'env', 'site-packages', 'build', 'dist', '__pycache__', '.tox', '.mlflow-migrate-cache'];

export interface DiscoverOptions {
  cwd: string;
  /** Extra glob patterns to exclude (matched against paths relative to cwd and to each root). */
  exclude?: string[];
  /** Honour `.gitignore` files (nested ones included). */
  gitignore?: boolean;
  /** File name patterns to collect from directories. */
  patterns?: string[];
  /** Names whose presence the result's `listing` records in every directory listed (configuration files). */
  noteNames?: string[];
}

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** Path shown to the user: relative to cwd, forward slashes. */
  display: string;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  /** Paths that could not be used (broken symlinks, loops, unreadable directories), one message each. */
  problems: Array<{ path: string; message: string }>;
  /** The directories the walk listed, and where the `noteNames` are. */
  listing: DirectoryListing;
}

export class UsageError extends Error {}

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  const shown = rel === '' ? '.' : outside ? absolute : rel;
  return shown.split(sep).join('/');
}

/**
 * Expands the user's paths into the Python files to check. A named file is always checked; a
 * directory is searched for `*.py` minus default excludes, `--exclude` globs and `.gitignore`d
 * paths. Symbolic links to files are followed, links to directories are not (no loops).
 * The file system is read synchronously: nothing else runs meanwhile, and every asynchronous call
 * would wait on the thread pool (the walk took twice as long that way) and load `fs/promises`.
 */
export async function discoverFiles(paths: string[], options: DiscoverOptions): Promise<DiscoveryResult> {
  const files = new Map<string, DiscoveredFile>();
  const problems: DiscoveryResult['problems'] = [];
  const listing = new DirectoryListing();
  const noteNames = (options.noteNames ?? []).map((n) => n.toLowerCase());
  const patterns = options.patterns ?? ['**/*.py'];
  const excludeGlobs = [...DEFAULT_EXCLUDES.map((d) => `**/${d}/**`), ...(options.exclude ?? [])];
  const userExcludes = (options.exclude ?? []).length ? ignore().add(options.exclude ?? []) : undefined;

  for (const given of paths.length ? paths : ['.']) {
    const absolute = resolve(options.cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') { problems.push({ path: given, message: 'symbolic link loop' }); continue; }
      let isLink = false;
      try { isLink = lstatSync(absolute).isSymbolicLink(); } catch { /* does not exist at all */ }
      if (isLink) { problems.push({ path: given, message: 'broken symbolic link' }); continue; }
      throw new UsageError(`path does not exist: ${given}`);
    }
    if (!stat.isDirectory()) {
      files.set(absolute, { absolute, display: displayPath(options.cwd, absolute) });
      continue;
    }
    // One walk finds the sources and the nested `.gitignore` files that decide which of them count.
    const withGitignores = options.gitignore !== false;
    let walk: WalkResult;
    try {
      walk = new GlobWalker(asOnePattern(withGitignores ? [...patterns, GITIGNORE_PATTERN] : patterns), excludeGlobs, noteNames, { directories: false }).walk(absolute);
    } catch (err) {
      problems.push({ path: given, message: `cannot list directory: ${(err as Error).message}` });
      continue;
    }
    let entries = walk.entries;
    const gitignores = withGitignores ? loadGitignores(absolute, entries.filter((e) => isGitignoreEntry(e.path)).map((e) => e.path)) : undefined;
    // A `.gitignore` is a source only when a pattern asks for it by name.
    if (withGitignores && !patterns.some((p) => p.endsWith('.gitignore'))) entries = entries.filter((e) => !isGitignoreEntry(e.path));
    // Display and absolute paths by prefix, without path.relative or path.join for each file
    // (displayPath shows a root outside the working directory as an absolute path).
    const rootDisplay = displayPath(options.cwd, absolute);
    const rootInside = !isAbsolute(rootDisplay);
    const rootPrefix = absolute.endsWith(sep) ? absolute : absolute + sep;
    const absoluteOf = (rel: string) => rootPrefix + (sep === '/' ? rel : rel.split('/').join(sep));
    const place = (rel: string) => {
      const file = absoluteOf(rel);
      const display = !rootInside ? displayPath(options.cwd, file) : rootDisplay === '.' ? rel : `${rootDisplay}/${rel}`;
      return { file, display };
    };
    // `.gitignore` and `--exclude` rules read a trailing slash as "a directory".
    const excluded = (rel: string, file: string, display: string, isDirectory: boolean) => {
      const slash = isDirectory ? '/' : '';
      if (gitignores && isIgnored(file + slash, gitignores)) return true;
      return !!userExcludes && (userExcludes.ignores(rel + slash) || (!display.startsWith('/') && !display.startsWith('..') && userExcludes.ignores(display + slash)));
    };
    for (const dir of walk.directories) listing.addDirectory(dir === '' ? absolute : absoluteOf(dir));
    for (const path of walk.noted) listing.addNoted(absoluteOf(path));
    for (const entry of entries) {
      const { file, display } = place(entry.path);
      if (excluded(entry.path, file, display, false)) continue;
      if (entry.dirent.isFile()) {
        files.set(file, { absolute: file, display });
      } else if (entry.dirent.isSymbolicLink()) {
        const problem = checkSymlink(file);
        if (problem === undefined) files.set(file, { absolute: file, display });
        else if (problem) problems.push({ path: display, message: problem });
      }
    }
    // A directory that cannot be read hides its files: say so, unless nothing in it would count anyway.
    for (const dir of walk.unreadable) {
      const { file, display } = place(dir.path);
      if (!excluded(dir.path, file, display, true)) problems.push({ path: display, message: `cannot read directory: ${describeReadError(dir.code)}` });
    }
  }
  const sorted = [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files: sorted, problems, listing };
}

/**
 * The patterns `**` + `/a`, `**` + `/b`, ... as the one pattern `**` + `/{a,b,...}`. The walk tests
 * every entry against every pattern it is given, one by one; as one pattern they compile to one
 * regular expression (the 43 patterns of the file kinds took a third of fast-glob's walk). Patterns
 * that cannot be merged safely stay as they are.
 */
export function asOnePattern(patterns: string[]): string[] {
  const mergeable = patterns.length > 1 && patterns.every((p) => p.startsWith('**/') && !/[{},]/.test(p));
  return mergeable ? [`**/{${patterns.map((p) => p.slice(3)).join(',')}}`] : patterns;
}

function describeReadError(code: string): string {
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
}

/** undefined: a link to a regular file (use it); null: a link to a directory (skip silently); string: the problem. */
function checkSymlink(path: string): string | null | undefined {
  try {
    const target = statSync(path);
    return target.isFile() ? undefined : null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'symbolic link loop';
    if (code === 'ENOENT') return 'broken symbolic link';
    return `cannot follow symbolic link: ${code ?? (err as Error).message}`;
  }
}

interface GitignoreLayer {
  dir: string;
  rules: Ignore;
}

const GITIGNORE_PATTERN = '**/.gitignore';

function isGitignoreEntry(path: string): boolean {
  return path === '.gitignore' || path.endsWith('/.gitignore');
}

/**
 * The `.gitignore` files that apply under `root`: its ancestors' up to the repository top, and the
 * ones found under it (`nested`, relative paths, from the discovery walk).
 */
function loadGitignores(root: string, nested: string[]): GitignoreLayer[] {
  const layers: GitignoreLayer[] = [];
  // Ancestors up to the directory holding `.git` (or the filesystem root).
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const layer = readGitignore(dir);
    if (layer) layers.push(layer);
    if (exists(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  for (const rel of nested.sort()) {
    const layer = readGitignore(join(root, dirname(rel)));
    if (layer) layers.push(layer);
  }
  return layers;
}

function readGitignore(dir: string): GitignoreLayer | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return { dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  try { accessSync(path); return true; } catch { return false; }
}

function isIgnored(file: string, layers: GitignoreLayer[]): boolean {
  for (const layer of layers) {
    // Both paths are absolute and normalized: inside the layer's directory is a prefix test (the
    // directory may be the file system's root, which alone ends with a separator).
    const prefix = layer.dir.endsWith(sep) ? layer.dir : layer.dir + sep;
    if (!file.startsWith(prefix)) continue;
    const rel = file.slice(prefix.length);
    if (layer.rules.ignores(sep === '/' ? rel : rel.split(sep).join('/'))) return true;
  }
  return false;
}
