import { describe, expect, it } from 'vitest';
import { pythonEnvSettings } from '../../src/configfiles/pythonEnv.js';
import type { Finding } from '../../src/engine/types.js';
import { factsOf, type ProjectFacts } from '../../src/manifests/facts.js';
import { applyProjectOutcome, projectFindings } from '../../src/manifests/project.js';
import { kindOf } from '../../src/runner/fileKinds.js';
import { analyze, codes, options, slice } from '../manifests/helpers.js';

type Overrides = Parameters<typeof options>[0];
interface Result { path: string; findings: Finding[]; facts?: ProjectFacts }

/** Each file through its kind's byte prefilter and analyzer, then the project-level checks, as the runner does. */
async function check(files: Record<string, string>, overrides: Overrides = {}): Promise<Result[]> {
  const out: Result[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!kindOf(path).prefilter!(Buffer.from(text))) continue;
    const analysis = await analyze(path, text, overrides);
    out.push({ path, findings: analysis.findings, facts: factsOf(analysis) });
  }
  applyProjectOutcome(out, projectFindings(out, (await options(overrides)).rules));
  return out;
}

const deviceMap = (results: Result[]) => results.flatMap((r) => r.findings.filter((f) => f.code === 'MLF607').map((f) => f.path));

const SERVE = [
  'import mlflow',
  '',
  'def load(uri):',
  '    return mlflow.transformers.load_model(uri)',
  '',
].join('\n');

describe('MLF607 env-default-changes: MLFLOW_HUGGINGFACE_USE_DEVICE_MAP', () => {
  it('reports `mlflow.transformers.load_model` calls that leave the placement to the default', async () => {
    const { findings } = await analyze('serve.py', SERVE);
    expect(codes(SERVE, findings)).toEqual(['4:MLF607']);
    expect(findings[0]).toMatchObject({ name: 'env-default-changes', severity: 'info' });
    expect(slice(SERVE, findings[0]!)).toBe('mlflow.transformers.load_model');
    expect(findings[0]!.message).toBe('`mlflow.transformers.load_model` no longer spreads the model over the available devices (`device_map="auto"`) by default: `MLFLOW_HUGGINGFACE_USE_DEVICE_MAP` defaults to False since MLflow 2.16, and the model loads onto one device (GPU 0 when there is one)');
    expect(findings[0]!.help).toContain('MLFLOW_HUGGINGFACE_USE_DEVICE_MAP=true');
    expect(findings[0]!.fix).toBeUndefined();
    expect(deviceMap(await check({ 'serve.py': SERVE, 'requirements.txt': 'mlflow==2.9.2\ntransformers==4.36.2\n', '.env': 'MLFLOW_TRACKING_URI=http://tracking:5000\n' }))).toEqual(['serve.py']);
  });

  it.each([
    ['.env', 'MLFLOW_HUGGINGFACE_USE_DEVICE_MAP=true\n'],
    ['scripts/serve.sh', '#!/bin/sh\nMLFLOW_HUGGINGFACE_USE_DEVICE_MAP=false python serve.py\n'],
    ['docker/serve.Dockerfile', 'FROM python:3.11\nENV MLFLOW_HUGGINGFACE_USE_DEVICE_MAP true\nCMD ["python", "serve.py"]\n'],
    ['k8s/serve.yaml', 'spec:\n  containers:\n    - name: serve\n      env:\n        - name: MLFLOW_HUGGINGFACE_USE_DEVICE_MAP\n          value: "true"\n'],
    ['.github/workflows/gpu.yml', 'jobs:\n  gpu:\n    env:\n      MLFLOW_HUGGINGFACE_USE_DEVICE_MAP: "true"\n    steps:\n      - run: python serve.py\n'],
    ['app/__init__.py', 'import os\n\nos.environ.update({"MLFLOW_HUGGINGFACE_USE_DEVICE_MAP": "true"})\n'],
    ['tests/conftest.py', 'from unittest import mock\nimport os\n\nPATCH = mock.patch.dict(os.environ, {"MLFLOW_HUGGINGFACE_USE_DEVICE_MAP": "false"})\n'],
  ])('is withdrawn when %s sets the variable', async (path, text) => {
    const results = await check({ 'serve.py': SERVE, [path]: text });
    expect(deviceMap(results)).toEqual([]);
    // The setting itself is explicit: nothing to report there either.
    expect(results.find((r) => r.path === path)?.findings ?? []).toEqual([]);
  });

  it('stays when other files only read the variable or mention it in comments', async () => {
    const results = await check({
      'serve.py': SERVE,
      'app/config.py': 'import os\nUSE_MAP = os.getenv("MLFLOW_HUGGINGFACE_USE_DEVICE_MAP", "false")\n# os.environ["MLFLOW_HUGGINGFACE_USE_DEVICE_MAP"] = "true"\n',
      '.env': '# MLFLOW_HUGGINGFACE_USE_DEVICE_MAP=true\n',
    });
    expect(deviceMap(results)).toEqual(['serve.py']);
  });

  it('is silent without a `mlflow.transformers` load, whatever the pins say', async () => {
    const results = await check({
      'train.py': 'import mlflow\nmlflow.transformers.log_model(pipe, name="summarizer")\nmodel = mlflow.pyfunc.load_model("models:/summarizer/1")\n',
      'requirements.txt': 'mlflow==2.9.2\n',
      '.env': 'MLFLOW_TRACKING_URI=http://tracking:5000\n',
    });
    expect(deviceMap(results)).toEqual([]);
    expect(deviceMap(await check({ '.env': 'MLFLOW_HUGGINGFACE_USE_DEVICE_MAP=true\n', 'run.sh': 'mlflow models serve -m models:/summarizer/1\n' }))).toEqual([]);
  });

  it('applies from sources before 2.16 only', async () => {
    expect(deviceMap(await check({ 'serve.py': SERVE }, { sourceVersion: '2.15.1' }))).toEqual(['serve.py']);
    expect(deviceMap(await check({ 'serve.py': SERVE }, { sourceVersion: '2.16.0' }))).toEqual([]);
    expect(deviceMap(await check({ 'serve.py': SERVE }, { targetVersion: '2.15.1' }))).toEqual([]);
  });
});

describe('MLF607 env-default-changes: MLFLOW_HTTP_REQUEST_MAX_RETRIES', () => {
  it('reports nothing where the retries are set explicitly, nor anywhere else', async () => {
    const results = await check({
      '.env': 'MLFLOW_HTTP_REQUEST_MAX_RETRIES=5\n',
      'Dockerfile': 'FROM python:3.11\nENV MLFLOW_HTTP_REQUEST_MAX_RETRIES=7\nRUN pip install mlflow==2.9.2\n',
      'client.py': 'import os\nimport mlflow\nos.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "5"\nclient = mlflow.MlflowClient()\nclient.get_run(run_id)\n',
      'health.py': 'import mlflow\nmlflow.set_tracking_uri("http://tracking:5000")\nmlflow.search_experiments()\n',
    });
    expect(results.flatMap((r) => r.findings.filter((f) => f.code === 'MLF607'))).toEqual([]);
  });
});

describe('Python settings of the project-level variables', () => {
  it('finds settings with their literal values, and not reads', () => {
    const text = [
      'import os',
      'os.environ["MLFLOW_HUGGINGFACE_USE_DEVICE_MAP"] = "true"',
      "os.environ.setdefault('DO_NOT_TRACK', '1')",
      'env = {**os.environ, "MLFLOW_DISABLE_TELEMETRY": flag}',
      'os.environ.update(DO_NOT_TRACK="true")',
      'MLFLOW_DISABLE_TELEMETRY.set(True)',
      'if os.environ.get("DO_NOT_TRACK") == "true": pass',
      'assert os.environ["MLFLOW_DISABLE_TELEMETRY"] == "1"',
      '# os.environ["DO_NOT_TRACK"] = "true"',
      '',
    ].join('\n');
    expect(pythonEnvSettings(text)).toEqual([
      { name: 'MLFLOW_HUGGINGFACE_USE_DEVICE_MAP', value: 'true' },
      { name: 'MLFLOW_DISABLE_TELEMETRY' },
      { name: 'MLFLOW_DISABLE_TELEMETRY', value: 'True' },
      { name: 'DO_NOT_TRACK', value: '1' },
      { name: 'DO_NOT_TRACK', value: 'true' },
    ]);
  });

  it('gives a module that never names `mlflow` its facts, without running the rules', async () => {
    const analysis = await analyze('conftest.py', 'import os\nos.environ["DO_NOT_TRACK"] = "1"\n');
    expect(analysis).toMatchObject({ findings: [], parsed: false, usesMlflow: false });
    expect(factsOf(analysis)).toMatchObject({ mlflowPins: [], declared: [], envNames: [], ignoredEnv: ['DO_NOT_TRACK=1'] });
    expect(factsOf(await analyze('train.py', 'import mlflow\nmlflow.log_metric("a", 1)\n'))).toBeUndefined();
  });
});
