import { describe, expect, it } from 'vitest';
import { analyze } from './helpers.js';

/** Odd inputs never throw and never produce findings out of thin air. */
describe('robustness', () => {
  const inputs = ['', '\n', 'mlflow', 'mlflow==', 'mlflow===', 'mlflow==2.9.2;', 'mlflow[', 'mlflow[]==x', 'mlflow>=2.9,', 'mlflow ~= 2', '==2.9.2', 'mlflow==2.9.2 \\', '\\\n\\\n', 'mlflow<3||>4', '\u0000\u0001mlflow==2.9.2', 'x'.repeat(5000)];
  const paths = ['requirements.txt', 'pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'environment.yml', 'python_env.yaml', 'Dockerfile', 'run.sh', 'Makefile', 'Procfile', '.env', 'basic_auth.ini', 'config.yaml', '.github/workflows/ci.yml', 'MLproject', 'nb.ipynb'];

  it('reads garbage without throwing or internal problems', async () => {
    for (const path of paths) {
      for (const text of inputs) {
        const result = await analyze(path, text);
        expect(result.problems.filter((p) => p.kind === 'internal'), `${path}: ${JSON.stringify(text.slice(0, 40))}`).toEqual([]);
        for (const f of result.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
});
