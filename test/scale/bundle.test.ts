import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTool, run, runTool, type BuiltTool } from '../helpers/builtTool.js';
import { tempDir } from '../fix/helpers.js';

/**
 * `npm run build` bundles the CLI and the worker script into dist/bundle/ (scripts/bundle.mjs),
 * which the launcher prefers: the bundle must report exactly what the modules it is made of report,
 * in-process and in worker threads, and find its WASM files from where it runs.
 */
const REPO = join(import.meta.dirname, '..', '..');
let tool: BuiltTool;
beforeAll(() => { tool = buildTool({ bundle: true }); }, 180_000);
afterAll(() => tool?.remove());

const ARGS = ['check', 'examples', '--format', 'json', '--no-cache'];

/** The same CLI from its modules (dist/src/), bypassing the launcher's choice of the bundle. */
function fromModules(args: string[], env: Record<string, string> = {}) {
  const main = join(tool.root, 'dist', 'src', 'cli', 'main.js');
  const script = `const { main } = await import(${JSON.stringify(`file://${main}`)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return run(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env });
}

describe('the bundled CLI', () => {
  it('exists after the build, with its worker script', () => {
    expect(existsSync(join(tool.root, 'dist', 'bundle', 'cli.cjs'))).toBe(true);
    expect(existsSync(join(tool.root, 'dist', 'bundle', 'worker.cjs'))).toBe(true);
    expect(existsSync(join(tool.root, 'dist', 'bundle', 'worker-main.cjs'))).toBe(true);
  });

  it('loads no node:crypto in a run the cache answers in full (cold runs hash, and do load it)', async () => {
    // Before the tests below change bundle files: a file no longer as the build recorded it is hashed.
    const project = tempDir();
    writeFileSync(join(project, 'train.py'), 'import mlflow\nmlflow.evaluate(model, data, baseline_model=base)\n');
    writeFileSync(join(project, 'plain.py'), 'print("no tracking here")\n');
    // The cache stamps only files older than a timestamp tick or two.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const loaded = join(project, 'loaded.txt');
    const preload = join(project, 'preload.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, process.moduleLoadList.filter((m) => m === 'NativeModule crypto').join()));\n`);
    const check = () => run(process.execPath, ['--require', preload, tool.bin, 'check', 'train.py', 'plain.py'], { cwd: project });
    const cold = check();
    expect(cold.stdout).toContain('MLF101');
    expect(readFileSync(loaded, 'utf8')).toBe('NativeModule crypto');
    const warm = check();
    expect(warm.stdout).toBe(cold.stdout);
    expect(readFileSync(loaded, 'utf8')).toBe('');
  });

  it('keeps V8 code caches next to the bundle, written by the first run, and survives a cache V8 rejects', () => {
    const bundle = join(tool.root, 'dist', 'bundle');
    const caches = () => readdirSync(bundle).filter((n) => n.endsWith('.v8cache')).sort();
    for (const name of caches()) rmSync(join(bundle, name));
    const first = runTool(tool, [...ARGS, '--jobs', '1'], { cwd: REPO, env: { NODE_OPTIONS: undefined } });
    expect(first.stderr).toBe('');
    // The CLI entry and the chunk with the engine (the WASM glue, which uses import(), is left to Node).
    const written = caches();
    expect(written.map((n) => n.replace(/-[\w-]+\.cjs/, '-*.cjs').replace(/\.[0-9a-f]{16}\./, '.#.'))).toEqual(['cli.cjs.#.v8cache', 'run-*.cjs.#.v8cache']);
    // Garbage where a cache should be: V8 rejects it, the run reports the same, the cache is rewritten.
    for (const name of written) writeFileSync(join(bundle, name), 'not a code cache');
    const second = runTool(tool, [...ARGS, '--jobs', '1'], { cwd: REPO });
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    expect(caches()).toEqual(written);
    for (const name of written) expect(readFileSync(join(bundle, name), 'utf8')).not.toBe('not a code cache');
    // Accepted by the next run: a run rewrites only the caches V8 rejected.
    const times = written.map((name) => statSync(join(bundle, name)).mtimeMs);
    expect(runTool(tool, [...ARGS, '--jobs', '1'], { cwd: REPO }).stdout).toBe(first.stdout);
    expect(written.map((name) => statSync(join(bundle, name)).mtimeMs)).toEqual(times);
    // A changed bundle file gets a cache of its own; the old one goes.
    const cli = join(bundle, 'cli.cjs');
    writeFileSync(cli, `${readFileSync(cli, 'utf8')}\n// changed\n`);
    expect(runTool(tool, [...ARGS, '--jobs', '1'], { cwd: REPO }).stdout).toBe(first.stdout);
    expect(caches().filter((n) => n.startsWith('cli.cjs.'))).toHaveLength(1);
    expect(caches()).not.toContain(written[0]);
  });

  it('keeps the caches of runs with other V8 flags apart: alternating runs do not reject and rewrite each other\'s', () => {
    const bundle = join(tool.root, 'dist', 'bundle');
    const caches = () => readdirSync(bundle).filter((n) => n.endsWith('.v8cache')).sort();
    const mtimes = (names: string[]) => names.map((name) => statSync(join(bundle, name)).mtimeMs);
    const plain = () => run(process.execPath, [tool.bin, ...ARGS, '--jobs', '1'], { cwd: REPO, env: { NODE_OPTIONS: undefined } });
    const expected = plain().stdout;
    const before = caches();
    const times = mtimes(before);
    // A V8 flag on the command line, then one in NODE_OPTIONS: each writes caches of its own.
    const flagged = run(process.execPath, ['--max-old-space-size=3000', tool.bin, ...ARGS, '--jobs', '1'], { cwd: REPO, env: { NODE_OPTIONS: undefined } });
    expect(flagged.stdout).toBe(expected);
    expect(run(process.execPath, [tool.bin, ...ARGS, '--jobs', '1'], { cwd: REPO, env: { NODE_OPTIONS: '--max-semi-space-size=8' } }).stdout).toBe(expected);
    expect(caches().filter((n) => !before.includes(n)).map((n) => n.replace(/-[\w-]+\.cjs/, '-*.cjs').replace(/\.[0-9a-f]{16}\.flags-[0-9a-f]{8}\./, '.#.flags.')))
      .toEqual(['cli.cjs.#.flags.v8cache', 'cli.cjs.#.flags.v8cache', 'run-*.cjs.#.flags.v8cache', 'run-*.cjs.#.flags.v8cache']);
    // The plain run's caches were neither rejected nor rewritten, and it still accepts them.
    expect(mtimes(before)).toEqual(times);
    expect(plain().stdout).toBe(expected);
    expect(mtimes(before)).toEqual(times);
    // Runs with ever new options (a profiler's output directory) leave the last three flag sets' caches, and the plain run's.
    for (const size of [3001, 3002, 3003, 3004]) {
      expect(run(process.execPath, [`--max-old-space-size=${size}`, tool.bin, ...ARGS, '--jobs', '1'], { cwd: REPO, env: { NODE_OPTIONS: undefined } }).stdout).toBe(expected);
    }
    for (const file of ['cli.cjs', 'run-']) expect(caches().filter((n) => n.startsWith(file) && n.includes('.flags-')), file).toHaveLength(3);
    expect(caches()).toEqual(expect.arrayContaining(before));
    expect(mtimes(before)).toEqual(times);
  });

  it('keys its cache by the digests the build recorded, and by the bytes of a file changed since', () => {
    const project = tempDir();
    writeFileSync(join(project, 'train.py'), 'import mlflow\nmlflow.evaluate(model, data, baseline_model=base)\n');
    const generations = () => readdirSync(join(project, '.mlflow-migrate-cache')).filter((n) => n.startsWith('v')).sort();
    const digests = join(tool.root, 'dist', 'bundle', 'file-digests.json');
    const recorded = readFileSync(digests);
    runTool(tool, ['check', '.'], { cwd: project });
    const first = generations();
    expect(first).toHaveLength(1);
    // Without the recorded digests every file is hashed again: the same key.
    rmSync(digests);
    runTool(tool, ['check', '.'], { cwd: project });
    expect(generations()).toEqual(first);
    writeFileSync(digests, recorded);
    // A file whose size or mtime is no longer the recorded one is hashed: a changed engine, a new key.
    const worker = join(tool.root, 'dist', 'bundle', 'worker.cjs');
    writeFileSync(worker, `${readFileSync(worker, 'utf8')}\n// changed\n`);
    runTool(tool, ['check', '.'], { cwd: project });
    expect(generations()).toHaveLength(2);
  });

  it('reports what the modules report, in-process and in worker threads (WASM parser)', () => {
    const reference = fromModules([...ARGS, '--jobs', '1']);
    expect(reference.status, reference.stderr).toBe(1);
    const findings = JSON.parse(reference.stdout).findings;
    expect(findings.length).toBeGreaterThan(40);
    const inProcess = runTool(tool, [...ARGS, '--jobs', '1'], { cwd: REPO });
    expect(inProcess.stderr).toBe('');
    expect(JSON.parse(inProcess.stdout).findings).toEqual(findings);
    // Every file through the pool, so the bundled worker script runs.
    const pooled = runTool(tool, [...ARGS, '--jobs', '2'], { cwd: REPO, env: { MLFLOW_MIGRATE_POOL_MIN_BYTES: '1', MLFLOW_MIGRATE_STATS: '1' } });
    expect(pooled.stderr).toMatch(/, 0 analysed in-process, \d+ in 2 workers;/);
    expect(JSON.parse(pooled.stdout).findings).toEqual(findings);
  });

  it('loads the native binding from outside the bundle with --parser native', () => {
    const native = runTool(tool, [...ARGS, '--jobs', '1', '--parser', 'native'], { cwd: REPO });
    expect(native.stderr).toBe('');
    expect(JSON.parse(native.stdout).findings).toEqual(JSON.parse(fromModules([...ARGS, '--jobs', '1']).stdout).findings);
  });
});
