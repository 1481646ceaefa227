import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project } from '../fix/cliHelpers.js';
import { buildTool, run, runTool, type BuiltTool } from '../helpers/builtTool.js';

/**
 * The GitHub Action (action.yml), run locally: its check step is `scripts/action-check.sh` with the
 * inputs as INPUT_* variables. The test reads action.yml to get the step, its environment and the
 * inputs' defaults, and runs the script the way the runner would, on a copy of examples/ml-platform.
 */
const REPO = join(import.meta.dirname, '..', '..');
const EXAMPLE = join(REPO, 'examples', 'ml-platform');

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ name?: string; uses?: string; shell?: string; run?: string; env?: Record<string, string> }> };
}
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
const checkStep = action.runs.steps.find((s) => s.run?.includes('action-check.sh'))!;

let tool: BuiltTool;
beforeAll(() => { tool = buildTool(); }, 120_000);
afterAll(() => tool?.remove());

/**
 * The step's environment as the runner builds it: each `${{ inputs.x }}` replaced by the input's
 * value (the `with:` value, else its default), plus what GitHub sets for a composite action.
 */
function stepEnv(withInputs: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { GITHUB_ACTION_PATH: tool.root, GITHUB_ACTIONS: 'true', CI: 'true' };
  for (const [name, value] of Object.entries(checkStep.env ?? {})) {
    env[name] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => {
      if (!(input in action.inputs)) throw new Error(`action.yml: ${name} refers to unknown input ${input}`);
      return withInputs[input] ?? action.inputs[input]!.default ?? '';
    });
  }
  return env;
}

/** The step's `run:` line, with the runner's `$GITHUB_ACTION_PATH` (the copy of the package). */
function runStep(cwd: string, withInputs: Record<string, string> = {}) {
  const [program, script] = checkStep.run!.trim().split(/\s+/);
  return run(program!, [script!.replace(/^"|"$/g, '').replace('$GITHUB_ACTION_PATH', tool.root)], { cwd, env: stepEnv(withInputs) });
}

function exampleCopy(): string {
  const dir = project({});
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe('action.yml', () => {
  it('is a composite action whose check step runs scripts/action-check.sh with one INPUT_* variable per input', () => {
    expect(action.runs.using).toBe('composite');
    expect(checkStep.shell).toBe('bash');
    expect(checkStep.run!.trim()).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-check.sh"');
    // Every input reaches the script, under the name the script reads.
    const expected = Object.fromEntries(Object.keys(action.inputs).map((input) => [`INPUT_${input.toUpperCase().replace(/-/g, '_')}`, `\${{ inputs.${input} }}`]));
    expect(checkStep.env).toEqual(expected);
    const script = readFileSync(join(REPO, 'scripts', 'action-check.sh'), 'utf8');
    for (const name of Object.keys(expected)) expect(script, name).toContain(name);
    // The SARIF output is the input the script writes to.
    expect(action.outputs['sarif-file']!.value).toBe('${{ inputs.sarif-file }}');
    // The install step builds the package the script runs (npm ci runs `prepare`).
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'));
    expect(install?.run).toContain('"$GITHUB_ACTION_PATH"');
    expect(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.prepare).toMatch(/tsc/);
  });

  it('with its defaults, on examples/ml-platform: ::error annotations, a SARIF log, exit 1', () => {
    const dir = exampleCopy();
    // What the same check reports as JSON (test/example.test.ts reviews the example's findings).
    const findings = JSON.parse(runTool(tool, ['check', '--format', 'json', '--no-cache'], { cwd: dir }).stdout).findings as unknown[];
    expect(findings.length).toBeGreaterThanOrEqual(21);
    const result = runStep(dir);
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    // One workflow command per finding, each with a position and a title.
    expect(lines).toHaveLength(findings.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=MLF\d{3} [a-z0-9-]+::\S/);
    expect(lines).toContain('::error file=evaluation/evaluator.py,line=41,col=17,endLine=41,endColumn=31,title=MLF104 evaluate-custom-metrics::`custom_metrics` was removed from `mlflow.evaluate` in MLflow 3.0 (Rename to `extra_metrics`)');
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBeGreaterThan(0); // info findings (MLF107, MLF108)

    const sarifPath = join(dir, action.inputs['sarif-file']!.default!);
    expect(existsSync(sarifPath)).toBe(true);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('mlflow-migrate');
    expect(sarif.runs[0].results).toHaveLength(findings.length);
    const located = sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
      `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}:${r.ruleId}`);
    expect(located).toContain('evaluation/evaluator.py:41:MLF104');
    expect(located).toContain('requirements.txt:1:MLF901');
  });

  it('inputs: path (several), args, format, sarif-file', () => {
    const dir = exampleCopy();
    const result = runStep(dir, { path: 'legacy serving', args: '--select MLF2 --statistics', format: 'text', 'sarif-file': 'out/report.sarif' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('4\tMLF201\t    flavor-fastai-removed\n2\tMLF202\t    flavor-mleap-removed\n');
    // The SARIF log is written whatever is printed, its directory created if needed.
    expect(JSON.parse(readFileSync(join(dir, 'out/report.sarif'), 'utf8')).runs[0].results).toHaveLength(6);
    expect(existsSync(join(dir, 'mlflow-migrate.sarif'))).toBe(false);
    // An empty sarif-file writes none.
    const none = runStep(dir, { path: 'legacy', 'sarif-file': '' });
    expect(none.status).toBe(1);
    expect(none.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(existsSync(join(dir, 'mlflow-migrate.sarif'))).toBe(false);
  });

  it('fail-on: error lets warnings pass; a clean project exits 0', () => {
    const warnings = project({ 'a.py': 'import mlflow\nmlflow.sklearn.log_model(m, artifact_path="model")\n' });
    const failing = runStep(warnings);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/^::warning file=a\.py,line=2,.*title=MLF301 log-model-artifact-path::/);
    expect(runStep(warnings, { 'fail-on': 'error' }).status).toBe(0);
    const clean = project({ 'a.py': 'import mlflow\nmlflow.log_metric("a", 1)\n' });
    const result = runStep(clean, { 'fail-on': 'error' });
    expect(result).toMatchObject({ status: 0, stdout: '' });
    const sarif = JSON.parse(readFileSync(join(clean, 'mlflow-migrate.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toEqual([]);
  });

  it("inputs left at their defaults do not override the project's configuration", () => {
    // The project's pyproject says: fail only on errors, and migrate to 2.20 (MLF203, not MLF201).
    const dir = project({
      'pyproject.toml': '[tool.mlflow-migrate]\nfail-on = "error"\ntarget-version = "2.20.0"\n',
      'a.py': 'import mlflow\nimport mlflow.gluon\nimport mlflow.fastai\nmlflow.sklearn.log_model(m, artifact_path="model")\n',
      'b.py': 'import mlflow\nmlflow.sklearn.log_model(m, artifact_path="model")\n',
    });
    const all = runStep(dir, { 'sarif-file': '' });
    expect(all.stdout).toMatch(/title=MLF203 /);
    expect(all.stdout).not.toMatch(/title=MLF201 /);
    expect(all.status).toBe(1);
    // b.py alone has a warning only (under 2.20 MLF301 does not apply: nothing at all).
    expect(runStep(dir, { path: 'b.py', 'sarif-file': '' })).toMatchObject({ status: 0, stdout: '' });
    // Given explicitly, an input wins over the configuration.
    const explicit = runStep(dir, { path: 'b.py', 'target-version': '3.4.0', 'sarif-file': '' });
    expect(explicit.stdout).toMatch(/title=MLF301 /);
    expect(explicit.status).toBe(0); // fail-on = "error" still comes from the configuration
    expect(runStep(dir, { path: 'b.py', 'target-version': '3.4.0', 'fail-on': 'warning', 'sarif-file': '' }).status).toBe(1);
  });
});
