import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/manifests/facts.js';
import { applyProjectOutcome, detectSourceVersion, pinsOf, projectFindings, type ProjectFileInput } from '../../src/manifests/project.js';
import { analyze, options } from './helpers.js';

async function project(files: Record<string, string>): Promise<ProjectFileInput[]> {
  const out: ProjectFileInput[] = [];
  for (const [path, text] of Object.entries(files)) {
    const analysis = await analyze(path, text);
    out.push({ path, findings: analysis.findings, facts: factsOf(analysis) });
  }
  return out;
}

describe('project-level checks', () => {
  it('reports pins of a lower MLflow major than another place of the repository installs (MLF614)', async () => {
    const files = await project({
      'docker/server.Dockerfile': 'FROM python:3.11\nRUN pip install mlflow==3.4.0 psycopg2-binary\n',
      'requirements.txt': 'mlflow==2.9.2\n',
      'requirements-dev.in': 'mlflow>=2.8.1\n',
    });
    // MLF608 (telemetry, one finding per project) has its own tests: test/manifests/telemetry.test.ts.
    const rules = (await options()).rules.filter((r) => r.code !== 'MLF608');
    const { added, removed } = projectFindings(files, rules);
    expect(removed).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ code: 'MLF614', name: 'client-server-version-skew', severity: 'warning', path: 'requirements.txt', start: 6, end: 13 });
    expect(added[0]!.message).toBe('`mlflow==2.9.2` installs MLflow 2.x while `docker/server.Dockerfile` installs 3.x (`mlflow==3.4.0`); MLflow clients and tracking servers of different majors do not work together');
  });

  it('is silent when every pin is on one major, or MLF614 is not selected', async () => {
    const files = await project({ 'requirements.txt': 'mlflow==2.9.2\n', 'environment.yml': 'dependencies:\n  - pip:\n    - mlflow~=2.9\n' });
    expect(projectFindings(files, (await options()).rules.filter((r) => r.code !== 'MLF608')).added).toEqual([]);
    const skew = await project({ 'a/requirements.txt': 'mlflow==3.4.0\n', 'b/requirements.txt': 'mlflow==2.9.2\n' });
    expect(projectFindings(skew, (await options({ select: ['MLF9'] })).rules).added).toEqual([]);
  });

  it('withdraws MLF906 for packages a manifest of the project declares', async () => {
    const files = await project({
      'app/tz.py': 'import mlflow\nimport pytz\nimport jinja2\n',
      'requirements.txt': 'mlflow==2.9.2\nPyTZ>=2023.3\n',
    });
    expect(files[0]!.findings.map((f) => f.code)).toEqual(['MLF906', 'MLF906']);
    const outcome = projectFindings(files, (await options()).rules);
    expect(outcome.removed).toEqual([files[0]!.findings[0]]);
    const results = files.map((f) => ({ path: f.path, findings: [...f.findings] }));
    applyProjectOutcome(results, outcome);
    expect(results[0]!.findings.map((f) => f.message)).toEqual(['`jinja2` was installed as a requirement of MLflow 2.9.2 (`jinja2`); MLflow 3 no longer requires it']);
  });
});

describe('source version detection', () => {
  it('takes what gets installed: the lowest exact mlflow pin, and the file it comes from', async () => {
    const files = await project({
      'docker/server.Dockerfile': 'RUN pip install mlflow==3.4.0\n',
      'requirements.txt': 'mlflow==2.9.2\nmlflow-skinny==2.9.1\n',
      'pyproject.toml': '[project]\ndependencies = ["mlflow>=2.8.1,<3"]\n',
    });
    expect(detectSourceVersion(pinsOf(files))).toMatchObject({ version: '2.9.2', path: 'requirements.txt' });
    const skinny = await project({ 'requirements.txt': 'mlflow-skinny==2.9.2\n', 'setup.py': 'from setuptools import setup\nsetup(install_requires=["mlflow~=2.8"])\n' });
    expect(detectSourceVersion(pinsOf(skinny))).toMatchObject({ version: '2.9.2', path: 'requirements.txt' });
  });

  it('falls back to bounded ranges, then to open floors', async () => {
    const ranges = await project({ 'pyproject.toml': '[project]\ndependencies = ["mlflow>=2.8.1,<3"]\n', 'environment.yml': 'dependencies:\n  - mlflow>=2.5\n' });
    expect(detectSourceVersion(pinsOf(ranges))).toMatchObject({ version: '2.8.1', path: 'pyproject.toml' });
    const floors = await project({ 'requirements.txt': 'mlflow>=2.8.1\n' });
    expect(detectSourceVersion(pinsOf(floors))).toMatchObject({ version: '2.8.1', path: 'requirements.txt' });
  });

  it('is undefined when no constraint names a floor', async () => {
    const files = await project({ 'requirements.txt': 'mlflow<3\nmlflow\n' });
    expect(detectSourceVersion(pinsOf(files))).toBeUndefined();
  });
});

describe('pins without rules (the source-version pre-pass)', () => {
  it('reads the pins of any file kind with no rule selected', async () => {
    const { pinsInFile } = await import('../../src/manifests/project.js');
    const { SourceFile } = await import('../../src/source/sourceFile.js');
    const opts = await options();
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['%pip install mlflow==2.9.1\n'], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    expect(pinsInFile(SourceFile.fromText('nb.ipynb', nb), opts).map((p) => [p.lowest, p.cell?.index])).toEqual([['2.9.1', 0]]);
    expect(pinsInFile(SourceFile.fromText('setup.py', 'from setuptools import setup\nsetup(install_requires=["mlflow==2.9.2"])\n'), opts).map((p) => p.lowest)).toEqual(['2.9.2']);
    expect(pinsInFile(SourceFile.fromText('app.py', 'import mlflow\n'), opts)).toEqual([]);
  });

  it('reads every kind but setup.py as text: the pre-pass makes no parser for them', async () => {
    const { pinsInFile } = await import('../../src/manifests/project.js');
    const { SourceFile } = await import('../../src/source/sourceFile.js');
    const { TEXT_ONLY } = await import('../../src/runner/sourceVersion.js');
    // A parse would throw, and some analyses turn a throw into a problem: count the calls too.
    let parses = 0;
    const parser = { ...TEXT_ONLY, parse: (text: string) => { parses++; return TEXT_ONLY.parse(text); } };
    const opts = { ...(await options()), parser };
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['%pip install mlflow==2.9.1  # noqa\n', 'import mlflow\n'], metadata: {}, outputs: [], execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const files: Array<[string, string]> = [
      ['requirements.txt', 'mlflow==2.9.1\n'], ['pyproject.toml', '[project]\ndependencies = ["mlflow==2.9.1"]\n'],
      ['setup.cfg', '[options]\ninstall_requires =\n    mlflow==2.9.1\n'], ['Pipfile', '[packages]\nmlflow = "==2.9.1"\n'],
      ['environment.yml', 'dependencies:\n  - pip:\n    - mlflow==2.9.1\n'], ['python_env.yaml', 'dependencies:\n  - mlflow==2.9.1\n'],
      ['Dockerfile', 'FROM python:3.11\nRUN pip install mlflow==2.9.1\n'], ['nb.ipynb', nb],
    ];
    for (const [name, text] of files) expect(pinsInFile(SourceFile.fromText(name, text), opts).map((p) => p.lowest), name).toEqual(['2.9.1']);
    expect(parses).toBe(0);
  });
});

describe('MLF611 across files', () => {
  it('withdraws the basic-auth finding when another file sets the secret key', async () => {
    const files = await project({
      'docker/server.Dockerfile': 'CMD ["mlflow", "server", "--app-name", "basic-auth"]\n',
      'k8s/server.yaml': 'env:\n  - name: MLFLOW_FLASK_SERVER_SECRET_KEY\n    valueFrom: {secretKeyRef: {name: mlflow, key: secret}}\n  - name: MLFLOW_TRACKING_URI\n    value: x\n',
    });
    expect(files[0]!.findings.map((f) => f.code)).toEqual(['MLF611']);
    expect(projectFindings(files, (await options()).rules).removed).toEqual(files[0]!.findings);
    const alone = await project({ 'docker/server.Dockerfile': 'CMD ["mlflow", "server", "--app-name", "basic-auth"]\n' });
    expect(projectFindings(alone, (await options()).rules).removed).toEqual([]);
  });
});
