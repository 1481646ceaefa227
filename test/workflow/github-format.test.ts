import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/reporters/github.js';
import { runCheck } from '../../src/runner/run.js';
import { project, runMain } from '../fix/cliHelpers.js';

const context = { cwd: '/', toolVersion: '0.0.0', color: false, unsafeFixes: false };

describe('--format github', () => {
  it('prints one workflow command per finding with file, line, col, endLine, endColumn and title', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-gh-'));
    writeFileSync(join(dir, 'train, v2.py'), 'import mlflow\n# 日本語 😀\nx = 1; mlflow.models.evaluate(m, d, custom_metrics=[a])\nimport mlflow.fastai\n');
    const result = await runCheck({ paths: [dir], cwd: dir });
    const lines = formatGithub(result, context).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=train%2C v2.py,line=3,col=37,endLine=3,endColumn=51,title=MLF104 evaluate-custom-metrics::`custom_metrics` was removed from `mlflow.models.evaluate` in MLflow 3.0 (Rename to `extra_metrics`)',
      '::error file=train%2C v2.py,line=4,col=8,endLine=4,endColumn=21,title=MLF201 flavor-fastai-removed::`mlflow.fastai`: the `mlflow.fastai` flavor was removed in MLflow 3.0 (Log the learner through a custom `mlflow.pyfunc.PythonModel`%2C or pin `mlflow<3`)'.replace('%2C or', ', or'),
    ]);
  });

  it('escapes newlines and percent signs in messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-gh-'));
    const result = await runCheck({ paths: [dir], cwd: dir });
    result.problems.push({ path: 'a:b.py', kind: 'read', message: '100% broken\nreally' });
    expect(formatGithub(result, context)).toBe('::warning file=a%3Ab.py,title=mlflow-migrate::100%25 broken%0Areally\n');
  });
});

describe('check --format github (command line)', () => {
  it('one line per finding, the command by severity (error, warning, notice), exit code by --fail-on', async () => {
    const dir = project({
      'src/a.py': 'import mlflow\nmlflow.fastai.autolog()\nmlflow.sklearn.log_model(m, artifact_path="model")\nmlflow.evaluate(m, d)\n',
    });
    const run = await runMain(dir, ['check', '--format', 'github', '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n').map((l) => l.split(' ')[0] + ' ' + /title=(MLF\d+)/.exec(l)![1])).toEqual([
      '::error MLF201',
      '::warning MLF301',
      '::notice MLF108',
    ]);
    expect(run.stdout).toContain('::warning file=src/a.py,line=3,col=29,endLine=3,endColumn=42,title=MLF301 log-model-artifact-path::');
    // Nothing else on stdout: no summary line that the runner would print as plain log text.
    expect(run.stdout.split('\n').filter((l) => l && !l.startsWith('::'))).toEqual([]);
    expect((await runMain(dir, ['check', '--format', 'github', '--fail-on', 'error', '--select', 'MLF3,MLF1', '--no-cache'])).code).toBe(0);
  });
});
