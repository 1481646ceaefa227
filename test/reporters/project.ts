import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { ReportContext } from '../../src/reporters/types.js';
import { runCheck, type RunResult } from '../../src/runner/run.js';

export interface CheckedProject {
  /** The directory the check ran in (the report's cwd). */
  dir: string;
  result: RunResult;
  context: ReportContext;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes `files` (relative path -> content) into a fresh temp directory and runs the real check on
 * it; `cwd` (a subdirectory) and `paths` model a check run from inside a repository. `select` pins
 * the rules so that a new rule in the catalogue does not change what a reporter test sees.
 */
export async function checkProject(
  files: Record<string, string | Uint8Array>,
  options: { cwd?: string; paths?: string[]; select?: string[] } = {},
): Promise<CheckedProject> {
  // realpath: URIs are compared with the cwd as the check sees it (macOS /tmp is a symlink).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mlflow-migrate-reporters-')));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const cwd = options.cwd ? join(dir, options.cwd) : dir;
  mkdirSync(cwd, { recursive: true });
  const result = await runCheck({ paths: options.paths ?? ['.'], cwd, parser: 'native', select: options.select });
  return { dir: cwd, result, context: { cwd, toolVersion: '0.1.0', color: false, unsafeFixes: false } };
}
