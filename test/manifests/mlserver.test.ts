import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellCommands } from '../../src/configfiles/shell.js';
import type { Finding } from '../../src/engine/types.js';
import { commandsMlserverUse, factsOf, pythonMlserverUse, type ProjectFacts } from '../../src/manifests/facts.js';
import { applyProjectOutcome, projectFindings } from '../../src/manifests/project.js';
import { project, runMain } from '../fix/cliHelpers.js';
import { analyze, applyEdits, codes, options } from './helpers.js';

/**
 * MLF904 (`mlflow[extras]` lost MLServer in 2.17) is for projects that run MLServer: a file's
 * findings are held in its facts unless the file runs MLServer itself, and the project-level
 * checks release them when some file of the run does.
 */

interface Result { path: string; text: string; findings: Finding[]; facts?: ProjectFacts }

/** Each file analysed alone, then the project-level outcome applied, as the runner does. */
async function check(files: Record<string, string>, overrides: Parameters<typeof options>[0] = {}): Promise<Result[]> {
  const results: Result[] = [];
  for (const [path, text] of Object.entries(files)) {
    const analysis = await analyze(path, text, overrides);
    results.push({ path, text, findings: analysis.findings, facts: factsOf(analysis) });
  }
  applyProjectOutcome(results, projectFindings(results, (await options(overrides)).rules));
  return results;
}

/** `path:line` of every MLF904 finding. */
function mlf904(results: Result[]): string[] {
  return results.flatMap((r) => codes(r.text, r.findings).filter((c) => c.endsWith(':MLF904')).map((c) => `${r.path}:${c.split(':')[0]}`));
}

/** A file after the safe fixes of the run (in these projects they never overlap). */
function fixed(results: Result[], path: string): string {
  const r = results.find((x) => x.path === path)!;
  return applyEdits(r.text, r.findings.filter((f) => f.fix?.applicability === 'safe').flatMap((f) => f.fix!.edits));
}

/** The false alarm found on a real project: an image that installs `mlflow[extras]` to run the tracking server. */
const TRACKING_IMAGE = 'FROM python:3.11-slim\nRUN pip install mlflow[extras]==2.9.2\nCMD ["mlflow","server","--host","0.0.0.0"]\n';
const SERVE_SCRIPT = '#!/bin/sh\nexec mlflow models serve -m models:/churn/1 --port 8080 --enable-mlserver\n';

describe('MLF904 without MLServer use', () => {
  it('stays silent on mlflow[extras] everywhere, and fixes only the pins', async () => {
    const results = await check({
      'Dockerfile': TRACKING_IMAGE,
      'requirements.txt': 'mlflow[extras]==2.9.2\n',
      'environment.yml': 'dependencies:\n  - python=3.11\n  - pip:\n    - mlflow[extras]==2.9.2\n',
      // Importing or requiring MLServer is not running it through MLflow.
      'app/infer.py': 'import mlflow\nimport mlserver\n',
      'requirements-serve.txt': 'mlserver==1.3.5\n',
    });
    expect(mlf904(results)).toEqual([]);
    expect(fixed(results, 'Dockerfile')).toBe(TRACKING_IMAGE.replace('==2.9.2', '==3.4.0'));
    expect(fixed(results, 'requirements.txt')).toBe('mlflow[extras]==3.4.0\n');
    // Held in the facts, not dropped: a file that runs MLServer releases them.
    expect(results.find((r) => r.path === 'requirements.txt')!.facts?.heldMlserverExtras).toHaveLength(1);
  });

  it('is silent for a file analysed alone that does not run MLServer', async () => {
    expect((await analyze('requirements.txt', 'mlflow[extras]==2.9.2\n')).findings.map((f) => f.code)).toEqual(['MLF901']);
    expect((await analyze('Dockerfile', TRACKING_IMAGE)).findings.map((f) => f.code)).toEqual(['MLF901']);
  });

  it('is silent when an `enable_mlserver` setting turns it off, or a comment mentions it', async () => {
    const results = await check({
      'requirements.txt': 'mlflow[extras]==2.9.2\n',
      'deploy.py': 'import mlflow\nmlflow.models.build_docker(model_uri=uri, name="img", enable_mlserver=False)\n# mlflow.models.build_docker(model_uri=uri, enable_mlserver=True)\n',
      'serve.sh': '# mlflow models serve -m models:/m/1 --enable-mlserver\nmlflow models serve -m models:/m/1\n',
    });
    expect(mlf904(results)).toEqual([]);
  });
});

describe('MLF904 with MLServer use', () => {
  it('--enable-mlserver in a script: every mlflow[extras] of the project, with its fix', async () => {
    const files = {
      'scripts/serve.sh': SERVE_SCRIPT,
      'requirements.txt': 'mlflow[extras]==2.9.2\nmlflow[xethub, extras]>=2.9\n',
      'pyproject.toml': '[project]\nname = "p"\ndependencies = ["mlflow[extras]==2.9.2"]\n\n[tool.poetry.group.serve.dependencies]\nMLflow = {version = ">=2.9,<3", extras = ["extras", "gateway"]}\n',
      'setup.cfg': '[options.extras_require]\nserve = mlflow[extras]>=2.9\n',
      'environment.yml': 'dependencies:\n  - pip:\n    - mlflow[extras]>=2.8.1\n',
      'Pipfile': '[packages]\nmlflow = {version = "==2.9.2", extras = ["extras"]}\n',
      'Dockerfile': TRACKING_IMAGE,
    };
    const results = await check(files);
    expect(mlf904(results)).toEqual([
      'requirements.txt:1', 'requirements.txt:2', 'pyproject.toml:3', 'pyproject.toml:6', 'setup.cfg:2', 'environment.yml:3', 'Pipfile:2', 'Dockerfile:2',
    ]);
    const [first] = results.find((r) => r.path === 'requirements.txt')!.findings;
    expect(first).toMatchObject({
      code: 'MLF904', severity: 'warning', path: 'requirements.txt', help: 'Add the `mlserver` extra',
      message: '`mlflow[extras]` no longer installs MLServer (`mlserver`, `mlserver-mlflow`): it moved to the `mlserver` extra in MLflow 2.17, and `scripts/serve.sh` runs MLServer (`--enable-mlserver`)',
    });
    expect(first!.fix?.applicability).toBe('safe');
    expect(fixed(results, 'requirements.txt')).toBe('mlflow[extras,mlserver]==3.4.0\nmlflow[xethub, extras, mlserver]>=2.9\n');
    expect(fixed(results, 'pyproject.toml')).toBe(files['pyproject.toml'].replace('mlflow[extras]==2.9.2', 'mlflow[extras,mlserver]==3.4.0').replace('<3", extras = ["extras", "gateway"]', '<4", extras = ["extras", "gateway", "mlserver"]'));
    expect(fixed(results, 'setup.cfg')).toBe('[options.extras_require]\nserve = mlflow[extras,mlserver]>=2.9\n');
    expect(fixed(results, 'environment.yml')).toBe('dependencies:\n  - pip:\n    - mlflow[extras,mlserver]>=2.8.1\n');
    expect(fixed(results, 'Pipfile')).toBe('[packages]\nmlflow = {version = "==3.4.0", extras = ["extras", "mlserver"]}\n');
    expect(fixed(results, 'Dockerfile')).toBe(TRACKING_IMAGE.replace('mlflow[extras]==2.9.2', 'mlflow[extras,mlserver]==3.4.0'));
  });

  it('is released by the project-level checks (added findings), not by the file alone', async () => {
    const results = await check({ 'scripts/serve.sh': SERVE_SCRIPT });
    const requirements = await analyze('requirements.txt', 'mlflow[extras]==3.4.0\n');
    expect(requirements.findings).toEqual([]);
    const files = [...results, { path: 'requirements.txt', findings: requirements.findings, facts: factsOf(requirements) }];
    const { added, removed } = projectFindings(files, (await options()).rules.filter((r) => r.code !== 'MLF608'));
    expect(removed).toEqual([]);
    expect(added.map((f) => [f.code, f.path, f.start, f.end])).toEqual([['MLF904', 'requirements.txt', 7, 13]]);
    // Not selected: nothing to release.
    expect(projectFindings(files, (await options()).rules.filter((r) => r.code !== 'MLF904')).added.filter((f) => f.code === 'MLF904')).toEqual([]);
  });

  it('--enable-mlserver in the Dockerfile itself: reported in its own analysis, with its fix', async () => {
    const text = 'FROM python:3.11-slim\nRUN pip install "mlflow[extras]==2.9.2"\nCMD ["mlflow", "models", "serve", "-m", "/opt/model", "--enable-mlserver"]\n';
    const { findings } = await analyze('docker/serve.Dockerfile', text);
    expect(codes(text, findings)).toEqual(['2:MLF904', '2:MLF901']);
    expect(findings[0]!.message).toMatch(/, and `docker\/serve\.Dockerfile` runs MLServer \(`--enable-mlserver`\)$/);
    expect(applyEdits(text, findings.flatMap((f) => f.fix!.edits))).toBe(text.replace('mlflow[extras]==2.9.2', 'mlflow[extras,mlserver]==3.4.0'));
    // And in the project, from there to the other files.
    const results = await check({ 'docker/serve.Dockerfile': text, 'requirements.txt': 'mlflow[extras]==2.9.2\n' });
    expect(mlf904(results)).toEqual(['docker/serve.Dockerfile:2', 'requirements.txt:1']);
  });

  it('enable_mlserver=True in Python (mlflow.models.build_docker)', async () => {
    const results = await check({
      'deploy/build.py': 'import mlflow\n\nmlflow.models.build_docker(model_uri="models:/churn/1", name="churn", enable_mlserver=True)\n',
      'requirements.txt': 'mlflow[extras]==2.9.2\n',
    });
    expect(mlf904(results)).toEqual(['requirements.txt:1']);
    expect(results[1]!.findings[0]!.message).toMatch(/, and `deploy\/build\.py` runs MLServer \(`enable_mlserver=True`\)$/);
    expect(fixed(results, 'requirements.txt')).toBe('mlflow[extras,mlserver]==3.4.0\n');
  });

  it('names the first file in path order that runs MLServer', async () => {
    const results = await check({ 'z/serve.sh': SERVE_SCRIPT, 'a/build.py': 'import mlflow\nmlflow.models.build_docker(uri, enable_mlserver=True)\n', 'requirements.txt': 'mlflow[extras]\n' });
    expect(results[2]!.findings.map((f) => f.message)).toEqual([expect.stringMatching(/`a\/build\.py` runs MLServer \(`enable_mlserver=True`\)$/)]);
    // Unpinned: reported, and the extra added all the same (`exact` is about how the requirement is written).
    expect(fixed(results, 'requirements.txt')).toBe('mlflow[extras,mlserver]\n');
  });

  it('notebooks: a `!` line or a cell that runs MLServer, and their `%pip install` lines', async () => {
    const notebook = (...cells: string[]) => `${JSON.stringify({ cells: cells.map((source, i) => ({ cell_type: 'code', execution_count: i + 1, id: `c${i}`, metadata: {}, outputs: [], source: [source] })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
    const shell = notebook('%pip install mlflow[extras]==2.9.2', '!mlflow models serve -m models:/m/1 --enable-mlserver');
    const alone = await analyze('serve.ipynb', shell);
    expect(alone.findings.map((f) => [f.code, f.cell?.index])).toEqual([['MLF904', 0], ['MLF901', 0]]);
    expect(JSON.parse(applyEdits(shell, alone.findings.flatMap((f) => f.fix!.edits))).cells[0].source).toEqual(['%pip install mlflow[extras,mlserver]==3.4.0']);
    const python = notebook('import mlflow', 'mlflow.models.build_docker(model_uri=uri, name="img", enable_mlserver=True)');
    expect(factsOf(await analyze('build.ipynb', python))?.mlserverUse).toBe('enable_mlserver=True');
    expect(mlf904(await check({ 'build.ipynb': python, 'requirements.txt': 'mlflow[extras]==2.9.2\n' }))).toEqual(['requirements.txt:1']);
    // The notebook's own `%pip` line waits like any other.
    const pip = notebook('%pip install mlflow[extras]==2.9.2');
    expect((await analyze('pip.ipynb', pip)).findings.map((f) => f.code)).toEqual(['MLF901']);
    const released = (await check({ 'pip.ipynb': pip, 'serve.sh': SERVE_SCRIPT }))[0]!.findings.filter((f) => f.code === 'MLF904');
    expect(released.map((f) => [f.cell?.index, f.cell?.line])).toEqual([[0, 1]]);
  });

  it('CI, compose and Makefile commands count too', async () => {
    const users = {
      '.github/workflows/deploy.yml': 'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mlflow models build-docker -m runs:/1/model -n img --enable-mlserver --install-java\n',
      'docker-compose.yml': 'services:\n  model:\n    image: mlflow\n    command: ["mlflow", "models", "serve", "-m", "/model", "--enable-mlserver"]\n',
      'Makefile': 'serve:\n\tmlflow models serve -m $(MODEL) --enable-mlserver\n',
    };
    for (const [path, text] of Object.entries(users)) {
      const results = await check({ [path]: text, 'requirements.txt': 'mlflow[extras]==2.9.2\n' });
      expect(mlf904(results), path).toEqual(['requirements.txt:1']);
      expect(results[1]!.findings[0]!.message, path).toContain(`, and \`${path}\` runs MLServer (\`--enable-mlserver\`)`);
    }
  });
});

describe('MLF904 when the project installs MLServer itself', () => {
  it('is silent when some file declares mlserver-mlflow (it brings mlserver)', async () => {
    const results = await check({ 'requirements.txt': 'mlflow[extras]==2.9.2\n', 'requirements-serve.txt': 'mlserver-mlflow==1.3.5\n', 'scripts/serve.sh': SERVE_SCRIPT });
    expect(mlf904(results)).toEqual([]);
    // `mlserver` alone is not enough: `--enable-mlserver` runs the `mlserver_mlflow` runtime.
    expect(mlf904(await check({ 'requirements.txt': 'mlflow[extras]==2.9.2\nmlserver==1.3.5\n', 'scripts/serve.sh': SERVE_SCRIPT }))).toEqual(['requirements.txt:1']);
  });

  it('a file that runs MLServer: silent only when it installs mlserver-mlflow itself', async () => {
    const serving = 'FROM python:3.11-slim\nRUN pip install mlflow[extras]==2.9.2\nCMD ["mlflow", "models", "serve", "-m", "/opt/model", "--enable-mlserver"]\n';
    const same = serving.replace('mlflow[extras]==2.9.2', 'mlflow[extras]==2.9.2 mlserver-mlflow');
    expect((await analyze('Dockerfile', same)).findings.map((f) => f.code)).toEqual(['MLF901']);
    expect(mlf904(await check({ 'Dockerfile': same, 'requirements.txt': 'mlflow[extras]==2.9.2\n' }))).toEqual([]);
    // A declaration elsewhere does not install into this image.
    expect(mlf904(await check({ 'Dockerfile': serving, 'requirements-serve.txt': 'mlserver-mlflow==1.3.5\n' }))).toEqual(['Dockerfile:2']);
  });
});

describe('MLServer use, as read from commands and Python', () => {
  it('commands: the flag as a word, or inside one', () => {
    const use = (text: string) => commandsMlserverUse(shellCommands(text));
    expect(use('mlflow models serve -m m --enable-mlserver')).toBe('--enable-mlserver');
    expect(use('FLAGS="--port 5001 --enable-mlserver"\nmlflow models serve -m m $FLAGS')).toBe('--enable-mlserver');
    expect(use('# mlflow models serve --enable-mlserver\nmlflow models serve -m m')).toBeUndefined();
    expect(use('echo --enable-mlserver-docs')).toBeUndefined();
  });

  it('Python: enable_mlserver= with a value that is not False / None / 0, or the flag in a string', () => {
    expect(pythonMlserverUse('build_docker(uri, enable_mlserver=True)')).toBe('enable_mlserver=True');
    expect(pythonMlserverUse('backend.serve(uri, port, host, timeout, enable_mlserver = args.mlserver)')).toBe('enable_mlserver=args.mlserver');
    expect(pythonMlserverUse('mlflow.models.build_docker(**{"enable_mlserver": True})')).toBe('enable_mlserver=True');
    expect(pythonMlserverUse('def build(uri, enable_mlserver: bool = True):\n    pass\n')).toBe('enable_mlserver=True');
    expect(pythonMlserverUse('subprocess.run(["mlflow", "models", "serve", "-m", uri, "--enable-mlserver"])')).toBe('--enable-mlserver');
    // A Databricks source keeps its `%sh` cells in `# MAGIC` lines.
    expect(pythonMlserverUse('# Databricks notebook source\n# MAGIC %sh\n# MAGIC mlflow models serve -m m --enable-mlserver\n')).toBe('--enable-mlserver');
    expect(pythonMlserverUse('def build(uri, enable_mlserver: bool = False):\n    if enable_mlserver == True:\n        pass\n')).toBeUndefined();
    expect(pythonMlserverUse('build_docker(uri, enable_mlserver=None)\nbuild_docker(uri, enable_mlserver=0)\n')).toBeUndefined();
    expect(pythonMlserverUse('    # build_docker(uri, enable_mlserver=True)\nimport mlserver\n')).toBeUndefined();
  });
});

describe('MLF904 through check and fix', () => {
  const json = async (dir: string) => (JSON.parse((await runMain(dir, ['check', '--format', 'json', '--no-cache', '--exit-zero'])).stdout) as { findings: Array<{ code: string; path: string }> }).findings;

  it('the tracking-server image alone: no finding, and fix moves the pins only (its later passes do not bring MLF904 back)', async () => {
    const dir = project({ 'Dockerfile': TRACKING_IMAGE, 'requirements.txt': 'mlflow[extras]==2.9.2\n' });
    expect((await json(dir)).filter((f) => f.code === 'MLF904')).toEqual([]);
    await runMain(dir, ['fix', '--write']);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe('mlflow[extras]==3.4.0\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(TRACKING_IMAGE.replace('==2.9.2', '==3.4.0'));
  });

  it('with a script that runs MLServer: reported on both files, and fixed with the pins', async () => {
    const dir = project({ 'Dockerfile': TRACKING_IMAGE, 'requirements.txt': 'mlflow[extras]==2.9.2\n', 'scripts/serve.sh': SERVE_SCRIPT });
    expect((await json(dir)).filter((f) => f.code === 'MLF904').map((f) => f.path)).toEqual(['Dockerfile', 'requirements.txt']);
    await runMain(dir, ['fix', '--write']);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe('mlflow[extras,mlserver]==3.4.0\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(TRACKING_IMAGE.replace('mlflow[extras]==2.9.2', 'mlflow[extras,mlserver]==3.4.0'));
    expect((await json(dir)).filter((f) => f.code === 'MLF904' || f.code === 'MLF901')).toEqual([]);
  });
});
