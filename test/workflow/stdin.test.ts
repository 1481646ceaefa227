import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project } from '../fix/cliHelpers.js';
import { buildTool, runTool, type BuiltTool } from '../helpers/builtTool.js';

/** `check - --stdin-filename PATH`, as editors and hooks run it: the built CLI, the file on stdin. */
let tool: BuiltTool;
beforeAll(() => { tool = buildTool(); }, 120_000);
afterAll(() => tool?.remove());

const CODE = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x], baseline_model=b)\n';

function dir(): string {
  return project({
    'pyproject.toml': '[tool.mlflow-migrate.per-file-ignores]\n"tests/**" = ["MLF104"]\n',
    // What is on disk under that name does not matter: stdin is checked.
    'src/train.py': 'import mlflow\n',
  });
}

const codes = (stdout: string) => (JSON.parse(stdout).findings as Array<{ path: string; line: number; column: number; code: string }>).map((f) => `${f.path}:${f.line}:${f.column}:${f.code}`);

describe('check - --stdin-filename', () => {
  it('reports the findings of the standard input under the given filename', () => {
    const run = runTool(tool, ['check', '-', '--stdin-filename', 'src/train.py'], { cwd: dir(), input: CODE });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^src\/train\.py:2:30: MLF104 \[\*\] `custom_metrics` was removed/);
    expect(run.stdout).toContain('src/train.py:2:50: MLF101 ');
    expect(run.stdout).toContain('2 | mlflow.models.evaluate(m, d, custom_metrics=[x], baseline_model=b)');
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^2 findings .* in 1 file; 1 fixable\.$/);
    const json = runTool(tool, ['check', '-', '--stdin-filename', 'src/train.py', '--format', 'json'], { cwd: dir(), input: CODE });
    expect(codes(json.stdout)).toEqual(['src/train.py:2:30:MLF104', 'src/train.py:2:50:MLF101']);
  });

  it('applies the configuration for that path (per-file-ignores)', () => {
    const run = runTool(tool, ['check', '-', '--stdin-filename', 'tests/unit/test_train.py', '--format', 'json'], { cwd: dir(), input: CODE });
    expect(run.status).toBe(1);
    expect(codes(run.stdout)).toEqual(['tests/unit/test_train.py:2:50:MLF101']);
  });

  it('an absolute filename is shown relative to the working directory; the closest configuration applies', () => {
    const cwd = dir();
    const run = runTool(tool, ['check', '-', '--stdin-filename', join(cwd, 'tests', 'test_x.py'), '--format', 'github'], { cwd, input: CODE });
    expect(run.stdout).toBe('::error file=tests/test_x.py,line=2,col=50,endLine=2,endColumn=64,title=MLF101 evaluate-baseline-model::`baseline_model` was removed from `mlflow.models.evaluate` in MLflow 3.0 (Evaluate the baseline in its own `mlflow.models.evaluate` call and compare with `mlflow.validate_evaluation_results(thresholds%2C candidate_result%2C baseline_result)`)\n'.replace(/%2C/g, ','));
  });

  it('the filename decides the file kind (a requirements file from stdin)', () => {
    const run = runTool(tool, ['check', '-', '--stdin-filename', 'requirements.txt', '--format', 'json'], { cwd: dir(), input: 'pandas==2.1.4\nmlflow==2.9.2\n' });
    expect(run.status).toBe(1);
    expect(codes(run.stdout)).toEqual(['requirements.txt:2:7:MLF901']);
  });

  it('clean input exits 0; without --stdin-filename the file is called stdin.py', () => {
    expect(runTool(tool, ['check', '-', '--stdin-filename', 'src/ok.py'], { cwd: dir(), input: 'import mlflow\nmlflow.log_metric("a", 1)\n' }).status).toBe(0);
    const unnamed = runTool(tool, ['check', '-', '--format', 'json'], { cwd: dir(), input: CODE });
    expect(codes(unnamed.stdout)).toEqual(['stdin.py:2:30:MLF104', 'stdin.py:2:50:MLF101']);
  });

  it('the file on disk is neither read nor changed', () => {
    const cwd = dir();
    runTool(tool, ['check', '-', '--stdin-filename', 'src/train.py'], { cwd, input: CODE });
    expect(readFileSync(join(cwd, 'src/train.py'), 'utf8')).toBe('import mlflow\n');
  });
});

describe('usage errors', () => {
  it('--stdin-filename without `-` exits 2', () => {
    const run = runTool(tool, ['check', 'src', '--stdin-filename', 'src/train.py'], { cwd: dir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('mlflow-migrate: error: --stdin-filename needs `-` as the path\n');
  });

  it('`fix -` exits 2 at once, without waiting for standard input to end', async () => {
    // stdin stays open (an editor that has not sent anything, a terminal): the usage error must not wait for it.
    const child = spawn(process.execPath, [tool.bin, 'fix', '-', '--stdin-filename', 'src/train.py'], { cwd: dir(), env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill(), 20_000);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    child.stdin.destroy();
    expect(status).toBe(2);
    expect(stderr).toBe('mlflow-migrate: error: fix reads files, not standard input\n');
  });
});

describe('colour of piped output', () => {
  const ESCAPE = '\u001b[';
  const check = (env: Record<string, string | undefined>) =>
    runTool(tool, ['check', '-', '--stdin-filename', 'src/train.py'], { cwd: dir(), input: CODE, env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } }).stdout;

  it('is plain when stdout is not a terminal, even in CI (picocolors alone would colour it)', () => {
    const out = check({ CI: 'true' });
    expect(out).toContain('MLF104');
    expect(out).not.toContain(ESCAPE);
  });

  it('is coloured when FORCE_COLOR asks for it, and NO_COLOR wins over both', () => {
    expect(check({ FORCE_COLOR: '1' })).toContain(ESCAPE);
    expect(check({ CI: 'true', FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain(ESCAPE);
  });
});

describe('standard output closed early', () => {
  it('is not a crash: a reader that stops (`| head`) ends the report, the run exits with its own code', async () => {
    // Enough findings that the report outgrows the pipe's buffer before the reader goes.
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`pkg/train_${i}.py`] = CODE.repeat(20);
    const cwd = project(files);
    const child = spawn(process.execPath, [tool.bin, 'check', '.', '--no-cache'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
