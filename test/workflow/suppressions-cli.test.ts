import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runMain } from '../fix/cliHelpers.js';

/**
 * Each suppression form through `check`, and MLF000 (unused suppression) with its fix through
 * `fix --write`. test/suppressions.test.ts covers the matching rules on the engine; this is what a
 * user sees.
 */
const EVAL = 'mlflow.models.evaluate(m, d, custom_metrics=[x])';

async function findings(files: Record<string, string>, args: string[] = []): Promise<string[]> {
  const run = await runMain(project(files), ['check', '--format', 'json', '--no-cache', ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return (JSON.parse(run.stdout).findings as Array<{ path: string; line: number; code: string }>).map((f) => `${f.path}:${f.line}:${f.code}`);
}

describe('suppression forms through `check`', () => {
  it('`# noqa: CODE` and `# mlflow-migrate: ignore[CODE]` on the line; other codes stay', async () => {
    expect(await findings({ 'a.py': `import mlflow\n${EVAL}  # noqa: MLF104\n${EVAL}  # mlflow-migrate: ignore[MLF104]\n${EVAL}  # noqa: MLF201\n${EVAL}\n` }))
      .toEqual(['a.py:4:MLF104', 'a.py:4:MLF000', 'a.py:5:MLF104']);
  });

  it('a prefix and several codes; a bare `# noqa` silences everything on its line', async () => {
    const line = 'mlflow.models.evaluate(m, d, custom_metrics=[x], baseline_model=b)';
    expect(await findings({ 'a.py': `import mlflow\n${line}  # noqa: MLF1\n${line}  # noqa: MLF104, MLF101\n${line}  # noqa\n${line}  # noqa: MLF104\n` }))
      .toEqual(['a.py:5:MLF101']);
  });

  it('the first line of a multi-line statement covers the whole statement', async () => {
    expect(await findings({ 'a.py': 'import mlflow\nresult = mlflow.models.evaluate(  # mlflow-migrate: ignore[MLF104]\n    m,\n    custom_metrics=[x],\n)\n' })).toEqual([]);
  });

  it('`# mlflow-migrate: ignore-file[CODES]` covers the file, by prefix; other files are unaffected', async () => {
    const text = `# mlflow-migrate: ignore-file[MLF2, MLF104]\nimport mlflow\nimport mlflow.fastai\n${EVAL}\nmlflow.sklearn.log_model(m, artifact_path="model")\n`;
    expect(await findings({ 'a.py': text, 'b.py': 'import mlflow.fastai\n' })).toEqual(['a.py:5:MLF301', 'b.py:1:MLF201']);
  });

  it('works in notebook cells', async () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import mlflow\n', `${EVAL}  # noqa: MLF104\n`, EVAL] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const run = await runMain(project({ 'nb.ipynb': notebook }), ['check', '--format', 'json', '--no-cache']);
    // Line 2 of the cell is suppressed, line 3 is not.
    expect(JSON.parse(run.stdout).findings.map((f: { code: string; cell: unknown }) => [f.code, f.cell])).toEqual([['MLF104', { index: 0, line: 3, column: 30 }]]);
  });
});

describe('MLF000 unused-suppression', () => {
  it('is reported for a suppression that silenced nothing, and for an unknown code', async () => {
    const run = await runMain(project({ 'a.py': 'import mlflow  # noqa: MLF104\nimport os  # noqa: MLF999, E501\n' }), ['check', '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a.py:1:24: MLF000 [*] Unused suppression of `MLF104`: no such finding here');
    expect(run.stdout).toContain('a.py:2:20: MLF000 [*] Unknown rule code `MLF999` in suppression');
  });

  it('is not reported for codes of rules that did not run (--select), nor for other tools\' codes', async () => {
    expect(await findings({ 'a.py': 'import mlflow  # noqa: MLF104\nimport os  # noqa: F401\n' }, ['--select', 'MLF0,MLF2'])).toEqual([]);
  });

  it('`fix --write` removes the unused suppressions, keeps the used ones and other tools\' codes', async () => {
    const text = [
      'import mlflow  # noqa: MLF104',
      `${EVAL}  # noqa: MLF104`,
      'import os  # noqa: E501, MLF201',
      '# mlflow-migrate: ignore-file[MLF202]',
      'x = 1  # keep this comment  # mlflow-migrate: ignore[MLF301]',
      '',
    ].join('\n');
    const dir = project({ 'a.py': text });
    const run = await runMain(dir, ['fix', '--write', '--allow-dirty']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Fixed 4 findings in 1 file. None remain.\n');
    expect(readFileSync(join(dir, 'a.py'), 'utf8')).toBe([
      'import mlflow',
      `${EVAL}  # noqa: MLF104`,
      'import os  # noqa: E501',
      'x = 1  # keep this comment  ',
      '',
    ].join('\n'));
    expect(await runMain(dir, ['check', '--no-cache'])).toMatchObject({ code: 0 });
  });

  it('a configuration that ignores MLF000 silences it', async () => {
    expect(await findings({ 'pyproject.toml': '[tool.mlflow-migrate]\nignore = ["MLF000"]\n', 'a.py': 'import mlflow  # noqa: MLF104\n' })).toEqual([]);
  });
});
