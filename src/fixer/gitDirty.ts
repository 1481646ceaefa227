import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { lazyBuiltin } from '../util/lazyBuiltin.js';

const childProcess = lazyBuiltin<typeof import('node:child_process')>('node:child_process');

/**
 * Before `fix --write`, files with uncommitted changes are refused (as `cargo fix` does): once
 * fixed, the user could not tell our edits from theirs, nor undo ours with git.
 */
export interface DirtyFile {
  absolute: string;
  /** The two-letter `git status --porcelain` code, e.g. ` M`, `A `, `??`. */
  status: string;
}

export interface DirtyCheck {
  dirty: DirtyFile[];
  /** Work trees where git could not be run (the check was skipped there). */
  notices: string[];
}

/** The work tree holding `file`: the nearest ancestor with a `.git` entry (a directory, or a file for worktrees and submodules). */
export function workTreeRoot(file: string, cache = new Map<string, string | null>()): string | null {
  const visited: string[] = [];
  let dir = dirname(resolve(file));
  let root: string | null = null;
  for (;;) {
    const known = cache.get(dir);
    if (known !== undefined) { root = known; break; }
    visited.push(dir);
    if (existsSync(join(dir, '.git'))) { root = dir; break; }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, root);
  return root;
}

const BATCH = 200;

/** Which of `files` have uncommitted changes (staged, unstaged or untracked). Files outside a git work tree are never dirty. */
export function findDirtyFiles(files: readonly string[]): DirtyCheck {
  const byRoot = new Map<string, string[]>();
  const cache = new Map<string, string | null>();
  for (const f of files) {
    const root = workTreeRoot(f, cache);
    if (root) byRoot.set(root, [...(byRoot.get(root) ?? []), resolve(f)]);
  }
  const result: DirtyCheck = { dirty: [], notices: [] };
  for (const [root, members] of byRoot) {
    for (let i = 0; i < members.length; i += BATCH) {
      const batch = members.slice(i, i + BATCH);
      const status = gitStatus(root, batch.map((f) => relative(root, f)));
      if ('error' in status) { result.notices.push(`cannot check ${root} for uncommitted changes (${status.error}); the check was skipped there`); break; }
      for (const entry of status.entries) {
        const absolute = resolve(root, entry.path);
        if (batch.includes(absolute)) result.dirty.push({ absolute, status: entry.status });
      }
    }
  }
  return result;
}

function gitStatus(root: string, paths: string[]): { entries: Array<{ status: string; path: string }> } | { error: string } {
  // Literal pathspecs: a file named `a[1].py` must not act as a glob.
  const run = childProcess().spawnSync('git', ['--literal-pathspecs', '-C', root, 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths], { encoding: 'utf8' });
  if (run.error) return { error: (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : run.error.message };
  if (run.status !== 0) return { error: run.stderr.trim().split('\n')[0] || `git exited with ${run.status}` };
  const entries: Array<{ status: string; path: string }> = [];
  const fields = run.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.length < 4) continue;
    const status = field.slice(0, 2);
    entries.push({ status, path: field.slice(3) });
    // A rename or copy is followed by its source path.
    if (status[0] === 'R' || status[0] === 'C') i++;
  }
  return { entries };
}
