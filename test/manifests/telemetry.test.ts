import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/manifests/facts.js';
import { projectFindings, type ProjectFileInput } from '../../src/manifests/project.js';
import { kindOf } from '../../src/runner/fileKinds.js';
import { runCheck } from '../../src/runner/run.js';
import { analyze, options } from './helpers.js';

type Overrides = Parameters<typeof options>[0];

/** Each file analysed with its kind's analyzer, skipped when its kind's byte prefilter says so (as the runner does). */
async function project(files: Record<string, string>, overrides: Overrides = {}): Promise<ProjectFileInput[]> {
  const out: ProjectFileInput[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!kindOf(path).prefilter!(Buffer.from(text))) continue;
    const analysis = await analyze(path, text, overrides);
    out.push({ path, findings: analysis.findings, facts: factsOf(analysis) });
  }
  return out;
}

async function telemetry(files: Record<string, string>, overrides: Overrides = {}) {
  const { added } = projectFindings(await project(files, overrides), (await options(overrides)).rules);
  return added.filter((f) => f.code === 'MLF608');
}

const PINNED = {
  'requirements.txt': 'mlflow==2.9.2\npandas==2.1.4\n',
  'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["mlflow>=2.8,<3"]\n',
  'docker/train.Dockerfile': 'FROM python:3.11\nRUN pip install mlflow-skinny==2.9.2\n',
  'train.py': 'import mlflow\nmlflow.log_metric("a", 1)\n',
};

describe('MLF608 telemetry-default-on', () => {
  it('reports once per project, on the pin the source version is read from', async () => {
    const found = await telemetry(PINNED);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'MLF608', name: 'telemetry-default-on', severity: 'info', path: 'requirements.txt', start: 6, end: 13 });
    expect(found[0]!.message).toBe('`mlflow==2.9.2`: MLflow 3.2 and later send anonymous usage telemetry by default, and no file of the project sets `MLFLOW_DISABLE_TELEMETRY` or `DO_NOT_TRACK`');
    expect(found[0]!.help).toContain('MLFLOW_DISABLE_TELEMETRY=true');
    expect(found[0]!.fix).toBeUndefined();
  });

  it('falls back to a pin without a floor, and carries the notebook cell of a `%pip install` pin', async () => {
    expect(await telemetry({ 'constraints.txt': 'mlflow<3\n' })).toMatchObject([{ path: 'constraints.txt', start: 6, end: 8 }]);
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['%pip install mlflow==2.9.2\n'], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const [finding] = await telemetry({ 'explore.ipynb': nb });
    expect(finding).toMatchObject({ path: 'explore.ipynb', cell: { index: 0, line: 1 } });
  });

  it.each([
    ['.env', 'MLFLOW_DISABLE_TELEMETRY=true\n'],
    ['deploy/prod.env', 'DO_NOT_TRACK=true\n'],
    ['scripts/run.sh', '#!/bin/sh\nexport MLFLOW_DISABLE_TELEMETRY=1\npython train.py\n'],
    ['docker/serve.Dockerfile', 'FROM python:3.11\nENV DO_NOT_TRACK=true\n'],
    ['.github/workflows/ci.yml', 'jobs:\n  test:\n    env:\n      MLFLOW_DISABLE_TELEMETRY: "true"\n    steps:\n      - run: pytest\n'],
    ['docker-compose.yml', 'services:\n  app:\n    image: app\n    environment:\n      - DO_NOT_TRACK\n'],
    ['k8s/job.yaml', 'spec:\n  containers:\n    - name: train\n      env:\n        - name: MLFLOW_DISABLE_TELEMETRY\n          valueFrom: {configMapKeyRef: {name: policy, key: telemetry}}\n'],
    ['conftest.py', 'import os\n\nos.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")\n'],
    ['settings.py', 'import os\nos.environ["DO_NOT_TRACK"] = "TRUE"\n'],
    ['tests/conftest.py', 'def pytest_configure():\n    import mlflow\n    mlflow.environment_variables.MLFLOW_DISABLE_TELEMETRY.set(True)\n'],
    ['tests/test_app.py', 'def test_x(monkeypatch):\n    monkeypatch.setenv("DO_NOT_TRACK", "true")\n'],
  ])('is silent when %s opts out', async (path, text) => {
    expect(await telemetry({ ...PINNED, [path]: text })).toEqual([]);
  });

  it('counts `DO_NOT_TRACK` only when it is `true`: MLflow ignores `DO_NOT_TRACK=1`', async () => {
    const found = await telemetry({ ...PINNED, '.env': 'DO_NOT_TRACK=1\n', 'app/settings.py': 'import os\nos.environ["DO_NOT_TRACK"] = "1"\n' });
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('(`DO_NOT_TRACK=1` in `.env`, `DO_NOT_TRACK=1` in `app/settings.py` do not count: MLflow reads `DO_NOT_TRACK` only when it is `true`)');
    // A value that is not written out (a secret, a CI variable) is taken as an opt-out.
    expect(await telemetry({ ...PINNED, '.github/workflows/ci.yml': 'env:\n  DO_NOT_TRACK: ${{ vars.DO_NOT_TRACK }}\njobs: {}\n' })).toEqual([]);
    expect(await telemetry({ ...PINNED, '.env': 'DO_NOT_TRACK=1\nMLFLOW_DISABLE_TELEMETRY=true\n' })).toEqual([]);
    expect((await telemetry({ ...PINNED, 'Dockerfile': 'FROM python:3.11\nENV DO_NOT_TRACK 1\n' }))[0]!.message).toContain('(`DO_NOT_TRACK=1` in `Dockerfile` does not count:');
    expect(await telemetry({ ...PINNED, 'Dockerfile': 'FROM python:3.11\nENV DO_NOT_TRACK True\n' })).toEqual([]);
  });

  it('is not fooled by comments and reads', async () => {
    const files = {
      ...PINNED,
      '.env': '# DO_NOT_TRACK=true\nMLFLOW_TRACKING_URI=http://tracking:5000\n',
      'app/config.py': 'import os\n# os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"\nDISABLED = os.getenv("MLFLOW_DISABLE_TELEMETRY")\n',
    };
    expect(await telemetry(files)).toHaveLength(1);
  });

  it('is silent in a project without MLflow pins', async () => {
    expect(await telemetry({ 'train.py': PINNED['train.py'], 'requirements.txt': 'mlflow\npandas==2.1.4\n', '.env': 'MLFLOW_TRACKING_URI=x\n' })).toEqual([]);
  });

  it('stays after `fix` has moved the pins: the decision is still open until someone opts out', async () => {
    const found = await telemetry({ 'requirements.txt': 'mlflow==3.4.0\n', 'pyproject.toml': '[project]\ndependencies = ["mlflow>=3.2"]\n' });
    expect(found).toHaveLength(1);
    expect(await telemetry({ 'requirements.txt': 'mlflow==3.4.0\n', '.env': 'MLFLOW_DISABLE_TELEMETRY=true\n' })).toEqual([]);
  });

  it('runs only for targets at 3.2 or later, from sources before it', async () => {
    expect(await telemetry(PINNED, { targetVersion: '3.1.0' })).toEqual([]);
    expect(await telemetry(PINNED, { targetVersion: '3.2.0' })).toHaveLength(1);
    expect(await telemetry(PINNED, { sourceVersion: '3.2.0' })).toEqual([]);
    expect(await telemetry(PINNED, { select: ['MLF9'] })).toEqual([]);
  });

  it('is added by `check` to the pin\'s file, and withdrawn by an opt-out anywhere in the tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-telemetry-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    for (const [path, text] of Object.entries(PINNED)) write(path, text);
    const codes = async (targetVersion?: string) => (await runCheck({ paths: ['.'], cwd: dir, parser: 'native', jobs: 1, targetVersion })).findings.filter((f) => f.code === 'MLF608').map((f) => f.path);
    expect(await codes()).toEqual(['requirements.txt']);
    expect(await codes('3.1.0')).toEqual([]);
    // A module that never names `mlflow` still counts (the Python byte prefilter lets it through).
    write('tests/conftest.py', 'import os\nos.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"\n');
    expect(await codes()).toEqual([]);
  });
});

describe('prefilters see the opt-out variables', () => {
  it('lets through files that only set `DO_NOT_TRACK` or `MLFLOW_DISABLE_TELEMETRY`', () => {
    for (const path of ['.env', 'run.sh', 'Dockerfile', 'compose.yaml', '.github/workflows/ci.yml', 'conftest.py']) {
      expect(kindOf(path).prefilter!(Buffer.from('DO_NOT_TRACK=true\n')), path).toBe(true);
    }
    expect(kindOf('conftest.py').prefilter!(Buffer.from('import os\nos.environ["MLFLOW_DISABLE_TELEMETRY"] = "1"\n'))).toBe(true);
    expect(kindOf('conftest.py').prefilter!(Buffer.from('import os\nos.environ["OTHER"] = "1"\n'))).toBe(false);
  });
});
