import { describe, expect, it } from 'vitest';
import { analyze } from './helpers.js';

/** The applicability of MLF901's fix in a file, and its help. */
async function pinFix(path: string, text: string): Promise<{ applicability?: string; help?: string }> {
  const finding = (await analyze(path, text, { select: ['MLF901', 'MLF903'] })).findings.find((f) => f.code === 'MLF901');
  return { applicability: finding?.fix?.applicability, help: finding?.help };
}

describe('MLF901 where the same file pins a Python the target does not support', () => {
  it('makes the pin fix unsafe when every Python the file admits is too old for the target', async () => {
    const docker = await pinFix('Dockerfile', 'FROM python:3.8-slim\nRUN pip install mlflow==2.9.2\n');
    expect(docker.applicability).toBe('unsafe');
    expect(docker.help).toBe('Change the constraint to `==3.4.0`, and raise `FROM python:3.8-slim` to Python 3.10 or later: MLflow 3.4.0 does not install on it');
    const conda = 'name: train\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - mlflow==2.9.2\n';
    expect((await pinFix('environment.yml', conda)).applicability).toBe('unsafe');
  });

  it('keeps it safe when the file admits a Python the target supports, or pins none', async () => {
    expect((await pinFix('Dockerfile', 'FROM python:3.11-slim\nRUN pip install mlflow==2.9.2\n')).applicability).toBe('safe');
    const pyproject = '[project]\nname = "x"\nrequires-python = ">=3.8"\ndependencies = ["mlflow==2.9.2"]\n';
    expect((await pinFix('pyproject.toml', pyproject)).applicability).toBe('safe');
    expect((await pinFix('requirements.txt', 'mlflow==2.9.2\n')).applicability).toBe('safe');
  });
});
