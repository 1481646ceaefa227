import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckOptions, type RunResult } from '../../src/runner/run.js';
import { buildTool, runTool, type BuiltTool } from '../helpers/builtTool.js';

/**
 * The cache, the worker pool and the prefilters are optimisations: with them, a check must report
 * exactly what `--jobs 1 --no-cache --no-prefilter` reports, on every tree we have.
 */
const REPO = join(import.meta.dirname, '..', '..');
const TREES = ['examples', 'test/fixtures/rules', 'test/fixtures/fix'].filter((t) => existsSync(join(REPO, t)));

const cacheHome = mkdtempSync(join(tmpdir(), 'mlflow-migrate-equivalence-'));
const savedXdg = process.env.XDG_CACHE_HOME;
beforeAll(() => { process.env.XDG_CACHE_HOME = cacheHome; });
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
  rmSync(cacheHome, { recursive: true, force: true });
});

/** Everything a reporter can see of a run, as plain data. */
function observable(result: RunResult) {
  return JSON.parse(JSON.stringify({
    files: result.files.map((f) => ({ path: f.path, findings: f.findings, usesMlflow: f.usesMlflow, syntaxErrors: f.syntaxErrors, source: f.source?.text })),
    problems: result.problems,
    filesChecked: result.filesChecked,
    filesUsingMlflow: result.filesUsingMlflow,
    parserBackend: result.parserBackend,
    rules: result.rules.map((r) => r.code),
  }));
}

const check = (tree: string, options: Partial<CheckOptions>) => runCheck({ paths: [tree], cwd: REPO, parser: 'native', ...options });

describe.each(TREES)('in-process: %s', (tree) => {
  let baseline: ReturnType<typeof observable>;
  beforeAll(async () => {
    baseline = observable(await check(tree, { jobs: 1, cache: false, prefilter: false }));
  });

  it('finds something to compare', () => {
    expect(baseline.files.length).toBeGreaterThan(0);
  });

  it('prefilters change nothing', async () => {
    expect(observable(await check(tree, { jobs: 1, cache: false, prefilter: true }))).toEqual(baseline);
  });

  it('prefilters change nothing with the WASM parser, which also leaves unrelated definitions unparsed', async () => {
    const whole = observable(await check(tree, { jobs: 1, cache: false, prefilter: false, parser: 'wasm' }));
    expect(observable(await check(tree, { jobs: 1, cache: false, prefilter: true, parser: 'wasm' }))).toEqual(whole);
    expect({ ...whole, parserBackend: 'native' }).toEqual(baseline);
  });

  it('the cache changes nothing, cold or warm', async () => {
    rmSync(join(cacheHome, 'mlflow-migrate'), { recursive: true, force: true });
    expect(observable(await check(tree, { jobs: 1, cache: true }))).toEqual(baseline);
    expect(existsSync(join(cacheHome, 'mlflow-migrate', '.gitignore'))).toBe(true);
    expect(observable(await check(tree, { jobs: 1, cache: true }))).toEqual(baseline);
  });

  it('asking for workers from TypeScript sources falls back to in-process', async () => {
    expect(observable(await check(tree, { jobs: 4, cache: false }))).toEqual(baseline);
  });
});

describe('built CLI, worker pool', () => {
  let tool: BuiltTool;
  beforeAll(() => { tool = buildTool(); }, 300_000);
  afterAll(() => tool?.remove());

  describe.each(TREES)('%s', (tree) => {
    const env = { XDG_CACHE_HOME: cacheHome, MLFLOW_MIGRATE_STATS: '1' };
    const json = ['check', tree, '--format', 'json', '--parser', 'native'];

    it('reports exactly what --jobs 1 --no-cache --no-prefilter reports', () => {
      const baseline = runTool(tool, [...json, '--jobs', '1', '--no-cache', '--no-prefilter'], { cwd: REPO, env });
      expect(baseline.status === 0 || baseline.status === 1, baseline.stderr).toBe(true);
      expect(JSON.parse(baseline.stdout).findings.length).toBeGreaterThan(0);
      rmSync(join(cacheHome, 'mlflow-migrate'), { recursive: true, force: true });

      // Every file that needs parsing goes to two workers (the threshold would keep a tree this small in-process).
      const cold = runTool(tool, [...json, '--jobs', '2'], { cwd: REPO, env: { ...env, MLFLOW_MIGRATE_POOL_MIN_BYTES: '0' } });
      expect(cold.stderr).toMatch(/stats: .* 0 cached, 0 analysed in-process, [1-9]\d* in 2 workers/);
      expect(cold.stdout).toBe(baseline.stdout);
      expect(cold.status).toBe(baseline.status);

      const warm = runTool(tool, [...json, '--jobs', '2'], { cwd: REPO, env: { ...env, MLFLOW_MIGRATE_POOL_MIN_BYTES: '0' } });
      expect(warm.stderr).toMatch(/stats: .* [1-9]\d* cached, 0 analysed in-process, 0 in 0 workers/);
      expect(warm.stdout).toBe(baseline.stdout);

      const text = (args: string[]) => runTool(tool, ['check', tree, '--parser', 'native', ...args], { cwd: REPO, env: { ...env, MLFLOW_MIGRATE_POOL_MIN_BYTES: '0' } }).stdout;
      expect(text(['--jobs', '2'])).toBe(text(['--jobs', '1', '--no-cache', '--no-prefilter']));
      // Every reporter, from a warm cache (files with findings read by their stamp) and without one.
      for (const format of ['sarif', 'github', 'markdown']) {
        expect(text(['--format', format]), format).toBe(text(['--format', format, '--jobs', '1', '--no-cache', '--no-prefilter']));
      }

      // Workers that fail (here: a heap budget too small to start) hand their files to the main thread.
      const failing = runTool(tool, [...json, '--jobs', '2', '--no-cache'], { cwd: REPO, env: { ...env, MLFLOW_MIGRATE_POOL_MIN_BYTES: '0', MLFLOW_MIGRATE_WORKER_HEAP_MB: '2' } });
      expect(failing.stderr).toMatch(/a worker thread failed .*; analysing its files in the main thread\n/);
      expect(failing.stderr.match(/worker thread failed/g)).toHaveLength(1);
      expect(failing.stderr).toMatch(/0 in 2 workers/);
      expect(failing.stdout).toBe(baseline.stdout);
    }, 180_000);
  });
});
