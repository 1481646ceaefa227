import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll } from './helpers.js';

describe('setup.py', () => {
  it('reads install_requires, extras_require and python_requires, through module names too', async () => {
    const text = [
      'from setuptools import setup',
      '',
      'REQUIRES = [',
      '    "mlflow==2.9.2",',
      '    "numpy",',
      ']',
      '',
      'setup(',
      '    name="platform",',
      '    install_requires=REQUIRES,',
      '    extras_require={"serve": ["mlflow-skinny<3"], "docs": ["sphinx"]},',
      "    python_requires='>=3.8',",
      ')',
      '',
    ].join('\n');
    const { findings } = await analyze('setup.py', text);
    expect(codes(text, findings)).toEqual(['4:MLF901', '11:MLF902', '12:MLF903']);
    expect(await fixAll('setup.py', text)).toBe(text.replace('mlflow==2.9.2', 'mlflow==3.4.0').replace('mlflow-skinny<3', 'mlflow-skinny==3.4.0'));
  });

  it('still runs the Python rules on setup.py', async () => {
    const text = 'import mlflow\nfrom setuptools import setup\nmlflow.evaluate(m, d, custom_metrics=[x])\nsetup(install_requires=["mlflow>=2.8.1"])\n';
    expect(codes(text, (await analyze('setup.py', text)).findings)).toContain('3:MLF104');
  });

  it('ignores f-strings, escapes and other calls', async () => {
    const text = 'from setuptools import setup\nV = "2.9.2"\nsetup(install_requires=[f"mlflow=={V}", "mlflow\\x3d=2.9.2"])\nother(install_requires=["mlflow==2.9.2"])\n';
    expect((await analyze('setup.py', text)).findings).toEqual([]);
  });
});

describe('setup.cfg', () => {
  it('reads [options] and [options.extras_require]', async () => {
    const text = [
      '[metadata]',
      'name = platform',
      '',
      '[options]',
      'python_requires = >=3.9',
      'install_requires =',
      '    mlflow==2.9.2  # tracking',
      '    mlflow-skinny==2.9.1; python_version >= "3.10"',
      '',
      '[options.extras_require]',
      'serve = mlflow[extras]>=2.9',
      '',
    ].join('\n');
    const { findings } = await analyze('setup.cfg', text);
    // MLF904 on `mlflow[extras]` waits for the project (test/manifests/mlserver.test.ts).
    expect(codes(text, findings)).toEqual(['5:MLF903', '7:MLF901', '8:MLF902']);
    expect(await fixAll('setup.cfg', text)).toBe(text.replace('mlflow==2.9.2', 'mlflow==3.4.0').replace('skinny==2.9.1', 'skinny==3.4.0'));
  });
});
