import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll, slice } from './helpers.js';

describe('conda environment files', () => {
  const text = [
    'name: platform',
    'channels: [conda-forge]',
    'dependencies:',
    '  - python=3.9  # base image',
    '  - conda-forge::mlflow=2.9.2=pyhd8ed1ab_0',
    '  - numpy>=1.24',
    '  - pip',
    '  - pip:',
    '    - "mlflow-skinny==2.9.2"',
    '    - mlflow[extras]>=2.8.1',
    '',
  ].join('\n');

  it('reads match specs, python= and the pip list', async () => {
    const { findings } = await analyze('environment.yml', text);
    // MLF904 on `mlflow[extras]` waits for the project (test/manifests/mlserver.test.ts).
    expect(codes(text, findings)).toEqual(['4:MLF903', '5:MLF901', '9:MLF901']);
    expect(slice(text, findings[0]!)).toBe('=3.9');
    expect(slice(text, findings[1]!)).toBe('=2.9.2');
    expect(findings[0]!.message).toBe('`python=3.9` admits Python 3.9; MLflow 3.4.0 requires Python 3.10 or later');
    // `python=3.9` cannot install MLflow 3.4: the pins move only as unsafe fixes.
    expect(await fixAll('environment.yml', text)).toBe(text);
    expect(await fixAll('environment.yml', text, { unsafe: true })).toBe(text.replace('mlflow=2.9.2=', 'mlflow=3.4.0=').replace('skinny==2.9.2', 'skinny==3.4.0'));
  });

  it('reads conda.yaml (the file MLflow writes beside a model) and other spellings', async () => {
    for (const path of ['conda.yaml', 'model/conda.yml', 'environment-gpu.yaml']) {
      expect((await analyze(path, text)).findings.length, path).toBe(3);
    }
  });

  it('stays silent on Python 3.10 and admitted pins, and on a YAML that is not an environment', async () => {
    const ok = 'dependencies:\n  - python=3.10\n  - mlflow>=2.9\n  - mlflow 3.4.0\n';
    expect((await analyze('environment.yml', ok)).findings).toEqual([]);
    expect((await analyze('environment.yml', 'name: x\nmlflow: 2.9.2\n')).findings).toEqual([]);
  });

  it('returns invalid YAML as a parse problem', async () => {
    const { problems } = await analyze('environment.yml', 'dependencies: [mlflow=2.9.2\n');
    expect(problems[0]).toMatchObject({ kind: 'parse' });
  });
});

describe('python_env.yaml', () => {
  it('reads python, build_dependencies and dependencies', async () => {
    const text = 'python: 3.9\nbuild_dependencies:\n  - pip\ndependencies:\n  - mlflow==2.9.2\n  - cloudpickle==2.2.1\n';
    const { findings } = await analyze('python_env.yaml', text);
    expect(codes(text, findings)).toEqual(['1:MLF903', '5:MLF901']);
    expect(await fixAll('python_env.yaml', text)).toBe(text);
    expect(await fixAll('python_env.yaml', text, { unsafe: true })).toBe(text.replace('mlflow==2.9.2', 'mlflow==3.4.0'));
    // `3.10` as a YAML number would read as 3.1: the version is read as written.
    expect((await analyze('python_env.yaml', 'python: 3.10\ndependencies: [mlflow>=2.9]\n')).findings).toEqual([]);
  });
});
