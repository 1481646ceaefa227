import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll, slice } from './helpers.js';

describe('pyproject.toml', () => {
  it('reads PEP 621 dependencies, optional dependencies and requires-python', async () => {
    const text = [
      '[project]',
      'name = "platform"',
      "requires-python = '>=3.9'",
      'dependencies = [',
      '    "mlflow[extras]==2.9.2",  # the tracking client',
      '    "pandas>=2",',
      ']',
      '',
      '[project.optional-dependencies]',
      'serve = ["mlflow-skinny~=2.9", "fastai==2.7.0"]',
      '',
    ].join('\n');
    const { findings, problems } = await analyze('pyproject.toml', text);
    expect(problems).toEqual([]);
    // `mlflow-skinny` beside `mlflow` in one file follows it (MLF902); MLF904 waits for the project.
    expect(codes(text, findings)).toEqual(['3:MLF903', '5:MLF901', '10:MLF902']);
    expect(slice(text, findings[0]!)).toBe('>=3.9');
    expect(findings[0]!.message).toBe("`requires-python = \">=3.9\"` admits Python 3.9; MLflow 3.4.0 requires Python 3.10 or later");
    expect(findings[0]!.fix).toBeUndefined();
    expect(await fixAll('pyproject.toml', text)).toBe(text.replace('mlflow[extras]==2.9.2', 'mlflow[extras]==3.4.0').replace('mlflow-skinny~=2.9', 'mlflow-skinny==3.4.0'));
  });

  it('reads Poetry constraints, tables, groups and the python requirement', async () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.9"',
      'mlflow = "^2.9"',
      '',
      '[tool.poetry.group.serve.dependencies]',
      'mlflow-skinny = { version = "~2.9.2", optional = true }',
      'MLflow = {version = ">=2.9,<3", extras = ["extras", "gateway"]}',
      '',
    ].join('\n');
    const { findings } = await analyze('pyproject.toml', text);
    expect(codes(text, findings)).toEqual(['2:MLF903', '3:MLF901', '6:MLF902', '7:MLF901']);
    expect(findings[1]!.message).toBe('`mlflow ^2.9` excludes MLflow 3.4.0, the target version');
    expect(await fixAll('pyproject.toml', text)).toBe([
      '[tool.poetry.dependencies]',
      'python = "^3.9"',
      'mlflow = "^3.4"',
      '',
      '[tool.poetry.group.serve.dependencies]',
      'mlflow-skinny = { version = "^3.4", optional = true }',
      'MLflow = {version = ">=2.9,<4", extras = ["extras", "gateway"]}',
      '',
    ].join('\n'));
  });

  it('reads PDM, uv, Hatch and dependency groups', async () => {
    const text = [
      '[dependency-groups]',
      'dev = ["mlflow==2.9.2", { include-group = "test" }]',
      '[tool.pdm.dev-dependencies]',
      'test = ["mlflow<3"]',
      '[tool.uv]',
      'constraint-dependencies = ["mlflow~=2.9"]',
      '[tool.hatch.envs.default]',
      'python = "3.9"',
      'dependencies = ["mlflow==2.9.*"]',
      '[[tool.hatch.envs.test.matrix]]',
      'python = ["3.9", "3.10"]',
      '',
    ].join('\n');
    const { findings } = await analyze('pyproject.toml', text);
    expect(codes(text, findings)).toEqual(['2:MLF901', '4:MLF901', '6:MLF901', '8:MLF903', '9:MLF901']);
  });

  it('stays silent on admitted constraints, other tables and Python 3.10+', async () => {
    const text = [
      '[project]',
      'requires-python = ">=3.10"',
      'dependencies = ["mlflow>=2.8.1", "mlflow[genai]", "fastai==2.7.0"]',
      '[build-system]',
      'requires = ["setuptools>=61"]',
      '[tool.ruff]',
      'extend-exclude = ["mlflow==2.9.2"]',
      '[tool.poetry.dependencies]',
      'python = ">=3.10,<4"',
      'mlflow = "*"',
      '',
    ].join('\n');
    expect((await analyze('pyproject.toml', text)).findings).toEqual([]);
  });

  it('does not report the Python floor of a project without MLflow', async () => {
    const text = '[project]\nrequires-python = ">=3.8"\ndependencies = ["numpy"]\n# mlflow later\n';
    expect((await analyze('pyproject.toml', text)).findings).toEqual([]);
  });

  it('reports a string with escapes without a fix', async () => {
    const text = '[project]\ndependencies = ["mlflow\\u003d=2.9.2"]\n';
    const { findings } = await analyze('pyproject.toml', text);
    expect(findings.map((f) => [f.code, f.fix])).toEqual([['MLF901', undefined]]);
  });

  it('returns invalid TOML as a parse problem', async () => {
    const { findings, problems } = await analyze('pyproject.toml', '[project\ndependencies = ["mlflow==2.9.2"]\n');
    expect(findings).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'pyproject.toml', kind: 'parse' });
    expect(problems[0]!.message).toMatch(/^not valid TOML: /);
  });
});

describe('Pipfile', () => {
  it('reads package categories and python_version', async () => {
    const text = [
      '[packages]',
      'mlflow = "==2.9.2"',
      'requests = "*"',
      '',
      '[dev-packages]',
      'mlflow-skinny = {version = "*"}',
      'mlflow = {version = "<3", extras = ["xethub"]}',
      '',
      '[requires]',
      'python_version = "3.9"',
      '',
    ].join('\n');
    const { findings } = await analyze('Pipfile', text);
    expect(codes(text, findings)).toEqual(['2:MLF901', '7:MLF901', '7:MLF905', '10:MLF903']);
    // `python_version = "3.9"` cannot install MLflow 3.4: the pins move only as unsafe fixes.
    expect(await fixAll('Pipfile', text)).toBe(text);
    expect(await fixAll('Pipfile', text, { unsafe: true })).toBe(text.replace('"==2.9.2"', '"==3.4.0"').replace('"<3"', '"<4"'));
  });
});
