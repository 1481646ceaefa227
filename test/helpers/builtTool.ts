import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tool as a user runs it: `bin/mlflow-migrate.cjs` over a fresh build of the current sources, in
 * a private copy of the package layout (bin/, scripts/, dist/, package.json, data/, grammars/) so
 * that the launcher and the action's script run unchanged, and so that neither the shared dist/
 * (which may be stale, or rebuilt by someone else) nor another test file's build is used. The copy
 * lives inside the repository's node_modules so that the package's dependencies resolve; each test
 * process builds its own and removes it afterwards. The worker pool runs only from such a build.
 */
const REPO = join(import.meta.dirname, '..', '..');

export interface BuiltTool {
  /** The package root of the copy. */
  root: string;
  /** `<root>/bin/mlflow-migrate.cjs`. */
  bin: string;
  remove(): void;
}

const PREFIX = 'mlflow-migrate-workflow-';

/** Copies left behind by test processes that were killed before their clean-up ran. */
function removeStaleCopies(cache: string): void {
  let names: string[];
  try { names = readdirSync(cache); } catch { return; }
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-')[0]) : 0;
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running: its copy is in use
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(cache, name), { recursive: true, force: true });
    }
  }
}

/** `bundle`: also run scripts/bundle.mjs, as `npm run build` does (the launcher then prefers the bundle). */
export function buildTool(options: { bundle?: boolean } = {}): BuiltTool {
  const cache = join(REPO, 'node_modules', '.cache');
  removeStaleCopies(cache);
  const root = join(cache, `${PREFIX}${process.pid}-${Date.now()}`);
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'scripts'), { recursive: true });
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.json'), '--outDir', join(root, 'dist'), '--declaration', 'false', '--sourceMap', 'false'], { encoding: 'utf8' });
  // Type errors in unrelated work in progress still emit JavaScript; only a missing output is fatal.
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  for (const file of readdirSync(join(REPO, 'bin'))) copyFileSync(join(REPO, 'bin', file), join(root, 'bin', file));
  copyFileSync(join(REPO, 'scripts', 'action-check.sh'), join(root, 'scripts', 'action-check.sh'));
  // package.json marks the .js files as ES modules and is where packageRoot() finds data/ and grammars/
  // (the bundling step records their digests and runs the bundled CLI once).
  copyFileSync(join(REPO, 'package.json'), join(root, 'package.json'));
  for (const dir of ['data', 'grammars']) symlinkSync(join(REPO, dir), join(root, dir), 'dir');
  if (options.bundle) {
    copyFileSync(join(REPO, 'scripts', 'bundle.mjs'), join(root, 'scripts', 'bundle.mjs'));
    const bundled = spawnSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { encoding: 'utf8' });
    if (bundled.status !== 0) throw new Error(`bundling failed:\n${bundled.stdout}${bundled.stderr}`);
  }
  return { root, bin: join(root, 'bin', 'mlflow-migrate.cjs'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion (no colours: picocolors would colour output in CI). */
export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): Spawned {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', maxBuffer: 1 << 26, input: options.input ?? '', timeout: 120_000 };
  const result = spawnSync(command, args, spawnOptions);
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `node <root>/bin/mlflow-migrate.cjs ARGS`. */
export function runTool(tool: BuiltTool, args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): Spawned {
  return run(process.execPath, [tool.bin, ...args], options);
}
