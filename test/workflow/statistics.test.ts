import { describe, expect, it } from 'vitest';
import { project, runMain } from '../fix/cliHelpers.js';

/** `check --statistics`: one line per code — count, code, `[*]` / `[-]` / blank, name — most frequent first. */
const FILES = {
  // MLF201 ×3 (manual), MLF104 ×2 (safe), MLF108 ×2 (one safe, one unsafe: a mock.patch string),
  // MLF102 ×1 (unsafe), MLF101 ×1 (manual).
  'a.py': [
    'import mlflow',
    'import mlflow.fastai',
    'mlflow.fastai.autolog()',
    'mlflow.fastai.log_model(learner, "model")',
    'mlflow.models.evaluate(m, d, custom_metrics=[x])',
    'mlflow.models.evaluate(m, d, custom_metrics=[y], baseline_model=b)',
    'res = mlflow.models.evaluate(m, d, validation_thresholds=th)',
    'mlflow.evaluate(m, d)',
    '',
  ].join('\n'),
  'test_a.py': 'from unittest import mock\n\n@mock.patch("mlflow.evaluate")\ndef test_it(m):\n    pass\n',
};

describe('check --statistics', () => {
  it('prints count, code, fixable marker and name, most frequent first (ties by code)', async () => {
    const run = await runMain(project(FILES), ['check', '--statistics', '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe([
      '3\tMLF201\t    flavor-fastai-removed',
      '2\tMLF104\t[*] evaluate-custom-metrics',
      '2\tMLF108\t[-] mlflow-evaluate-deprecated',
      '1\tMLF101\t    evaluate-baseline-model',
      '1\tMLF102\t    evaluate-validation-thresholds',
      '',
    ].join('\n'));
  });

  it('with --unsafe-fixes, unsafe fixes count as fixable', async () => {
    const run = await runMain(project(FILES), ['check', '--statistics', '--unsafe-fixes', '--no-cache']);
    expect(run.stdout.split('\n')).toEqual(expect.arrayContaining(['2\tMLF108\t[*] mlflow-evaluate-deprecated', '1\tMLF102\t[*] evaluate-validation-thresholds']));
  });

  it('counts are right-aligned when they have different widths', async () => {
    const many = ['import mlflow', ...Array.from({ length: 10 }, (_, i) => `mlflow.models.evaluate(m, d, custom_metrics=[x${i}])`), 'import mlflow.fastai', ''].join('\n');
    const run = await runMain(project({ 'a.py': many }), ['check', '--statistics', '--no-cache']);
    expect(run.stdout).toBe('10\tMLF104\t[*] evaluate-custom-metrics\n 1\tMLF201\t    flavor-fastai-removed\n');
  });

  it('honours --select and the exit code rules; a clean project prints nothing and exits 0', async () => {
    const selected = await runMain(project(FILES), ['check', '--statistics', '--select', 'MLF2', '--no-cache']);
    expect(selected).toMatchObject({ code: 1, stdout: '3\tMLF201\t    flavor-fastai-removed\n' });
    const clean = await runMain(project({ 'a.py': 'import mlflow\nmlflow.log_metric("a", 1)\n' }), ['check', '--statistics', '--no-cache']);
    expect(clean).toMatchObject({ code: 0, stdout: '' });
  });
});
