import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTool, run, runTool, type BuiltTool } from '../helpers/builtTool.js';

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
    expect(existsSync(join(tool.root, 'dist', 'bundle', 'cli.js'))).toBe(true);
    expect(existsSync(join(tool.root, 'dist', 'bundle', 'worker.js'))).toBe(true);
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
