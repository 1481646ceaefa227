import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { fixCommand, type FixOverrides } from '../../src/cli/commands/fix.js';
import { tempDir } from './helpers.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI entry point in-process inside `cwd`, capturing what it writes. */
async function capture(cwd: string, run: () => Promise<number>): Promise<CliRun> {
  const previous = process.cwd();
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += chunk.toString(); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += chunk.toString(); return true; }) as typeof process.stderr.write;
  process.chdir(cwd);
  try {
    return { code: await run(), stdout, stderr };
  } finally {
    process.chdir(previous);
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

export const runMain = (cwd: string, argv: string[]) => capture(cwd, () => main(argv));
export const runFixCommand = (cwd: string, argv: string[], overrides: FixOverrides) => capture(cwd, () => fixCommand(argv, overrides));

/** A temporary project with the given files (path → content). */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export function gitRepo(files: Record<string, string | Uint8Array>): string {
  const dir = project(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}
