import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The worker pool runs only from compiled JavaScript. Tests compile the current sources into a
 * private directory (not the shared dist/, which other work may be rebuilding) inside the package,
 * so that packageRoot() still finds package.json, data/ and grammars/.
 */
const REPO = join(import.meta.dirname, '..', '..');
const OUT = join(REPO, 'node_modules', '.cache', 'mlflow-migrate-scale-test');
const LAUNCHER = join(OUT, 'cli.mjs');

export function buildCli(): string {
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.json'), '--outDir', OUT, '--declaration', 'false', '--sourceMap', 'false'], { encoding: 'utf8' });
  // Type errors in unrelated work in progress still emit JavaScript; only a missing output is fatal.
  if (!existsSync(join(OUT, 'src', 'runner', 'worker.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(LAUNCHER, "import { main } from './src/cli/main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
  return LAUNCHER;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(launcher: string, args: string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
