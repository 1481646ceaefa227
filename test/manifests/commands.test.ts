import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll, slice } from './helpers.js';

describe('Dockerfiles', () => {
  it('reads RUN pip install lines (continued, with comments) and FROM python:<version>', async () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM python:3.9-slim AS base',
      'RUN --mount=type=cache,target=/root/.cache \\',
      '    pip install --no-cache-dir -q \\',
      '    # the tracking client',
      '    "mlflow[extras]==2.9.2" \\',
      '    boto3 && rm -rf /tmp/*',
      'RUN ["python", "-m", "pip", "install", "mlflow-skinny==2.9.2"]',
      'CMD ["mlflow", "server"]',
      '',
    ].join('\n');
    const { findings } = await analyze('docker/client.Dockerfile', text);
    // `mlflow server` without `--enable-mlserver`: no MLF904 on `mlflow[extras]` (test/manifests/mlserver.test.ts).
    expect(codes(text, findings)).toEqual(['2:MLF903', '6:MLF901', '8:MLF901']);
    expect(slice(text, findings[0]!)).toBe('3.9');
    expect(findings[0]!.message).toBe('`FROM python:3.9-slim` admits Python 3.9; MLflow 3.4.0 requires Python 3.10 or later');
    // Python 3.9 cannot install MLflow 3.4: the pin moves only as an unsafe fix, with the base image.
    expect(findings.filter((f) => f.code === 'MLF901').map((f) => f.fix?.applicability)).toEqual(['unsafe', 'unsafe']);
    expect(await fixAll('Dockerfile', text)).toBe(text);
    expect(await fixAll('Dockerfile', text, { unsafe: true })).toBe(text.replace('mlflow[extras]==2.9.2', 'mlflow[extras]==3.4.0').replace('skinny==2.9.2', 'skinny==3.4.0'));
    // The same image serving with MLServer gets the extra, in the file's own analysis.
    const serving = text.replace('CMD ["mlflow", "server"]', 'CMD ["mlflow", "models", "serve", "-m", "/model", "--enable-mlserver"]');
    expect(codes(serving, (await analyze('docker/client.Dockerfile', serving)).findings)).toEqual(['2:MLF903', '6:MLF904', '6:MLF901', '8:MLF901']);
    expect(await fixAll('Dockerfile', serving, { unsafe: true })).toBe(serving.replace('mlflow[extras]==2.9.2', 'mlflow[extras,mlserver]==3.4.0').replace('skinny==2.9.2', 'skinny==3.4.0'));
  });

  it('matches Dockerfile names', async () => {
    const text = 'FROM python:3.11\nRUN pip3 install mlflow==2.9.2\n';
    for (const path of ['Dockerfile', 'Dockerfile.server', 'server.Dockerfile', 'build/api.dockerfile', 'Containerfile']) {
      expect(codes(text, (await analyze(path, text)).findings), path).toEqual(['2:MLF901']);
    }
  });

  it('leaves the Python of images that do not install MLflow, python:3, and variables alone', async () => {
    expect((await analyze('Dockerfile', 'FROM python:3.9\nRUN pip install numpy\n# mlflow comes later\n')).findings).toEqual([]);
    expect((await analyze('Dockerfile', 'FROM python:3\nRUN pip install mlflow==3.4.0\n')).findings).toEqual([]);
    expect((await analyze('Dockerfile', 'ARG V=2.9.2\nRUN pip install mlflow==${V} "mlflow-skinny==$V"\n')).findings).toEqual([]);
  });
});

describe('shell scripts', () => {
  it('reads pip, python -m pip, uv and conda install commands', async () => {
    const text = [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      'pip install -U mlflow==2.9.2 "mlflow-skinny==2.9.2"',
      'python3 -m pip install --index-url https://example.org "mlflow<3"',
      'sudo -E uv pip install mlflow~=2.9 && echo done',
      'conda install -y -c conda-forge mlflow=2.9.2',
      '',
    ].join('\n');
    const { findings } = await analyze('scripts/setup.sh', text);
    expect(codes(text, findings)).toEqual(['3:MLF901', '3:MLF901', '4:MLF901', '5:MLF901', '6:MLF901']);
    expect(await fixAll('scripts/setup.sh', text)).toBe(text.replace(/2\.9\.2/g, '3.4.0').replace('<3', '<4').replace('~=2.9', '~=3.4'));
  });

  it('does not read what is not a requirement', async () => {
    const text = [
      '# pip install mlflow==2.9.2',
      'echo "pip install mlflow==2.9.2"',
      'pip install mlflow>=2.9  # unquoted: the shell redirects to a file named =2.9',
      'pip install -r requirements.txt -c mlflow==2.9.2',
      'pip download mlflow==2.9.2',
      '',
    ].join('\n');
    expect((await analyze('run.sh', text)).findings).toEqual([]);
  });
});

describe('CI workflows', () => {
  it('reads run: blocks of GitHub workflows', async () => {
    const text = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '      - run: pip install mlflow==2.9.2',
      '      - name: Install',
      '        run: |',
      '          python -m pip install --upgrade pip',
      '          pip install "mlflow[extras]<3" pytest',
      '',
    ].join('\n');
    const { findings } = await analyze('.github/workflows/ci.yml', text);
    expect(codes(text, findings)).toEqual(['7:MLF901', '11:MLF901']);
    expect(await fixAll('.github/workflows/ci.yml', text)).toBe(text.replace('mlflow==2.9.2', 'mlflow==3.4.0').replace('mlflow[extras]<3', 'mlflow[extras]<4'));
    // A later step that serves with MLServer: MLF904 on the `mlflow[extras]` it installs.
    const serving = `${text}      - run: mlflow models serve -m runs:/1/model --enable-mlserver\n`;
    expect(codes(serving, (await analyze('.github/workflows/ci.yml', serving)).findings)).toEqual(['7:MLF901', '11:MLF904', '11:MLF901']);
    expect(await fixAll('.github/workflows/ci.yml', serving)).toBe(serving.replace('mlflow==2.9.2', 'mlflow==3.4.0').replace('mlflow[extras]<3', 'mlflow[extras,mlserver]<4'));
  });

  it('reads script: lists of GitLab CI', async () => {
    const text = 'test:\n  image: python:3.11\n  script:\n    - pip install mlflow==2.9.2\n    - pytest\n';
    expect(codes(text, (await analyze('.gitlab-ci.yml', text)).findings)).toEqual(['4:MLF901']);
  });
});
