import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, gitRepo } from '../fix/cliHelpers.js';
import { buildTool, runTool, type BuiltTool } from '../helpers/builtTool.js';

/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), run as pre-commit runs them: the hook's `entry`
 * (the package's `mlflow-migrate` bin, here `node bin/mlflow-migrate.cjs`) plus its arguments, with
 * the staged files of the hook's types appended, from the repository's root.
 */
const REPO = join(import.meta.dirname, '..', '..');

interface Hook { id: string; name: string; entry: string; language: string; types_or?: string[]; args?: string[]; require_serial?: boolean; pass_filenames?: boolean }
const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = (id: string) => hooks.find((h) => h.id === id)!;
const BIN = Object.keys(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).bin)[0];

let tool: BuiltTool;
beforeAll(() => { tool = buildTool(); }, 120_000);
afterAll(() => tool?.remove());

/** `entry [args] files...`, the program replaced by the built launcher. */
function runHook(id: string, cwd: string, files: string[]) {
  const [program, ...entryArgs] = hook(id).entry.split(/\s+/);
  expect(program).toBe(BIN);
  return runTool(tool, [...entryArgs, ...(hook(id).args ?? []), ...files], { cwd });
}

const FIXABLE = 'import mlflow\n\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n';
const MANUAL = 'import mlflow\nres = mlflow.models.evaluate(m, d, baseline_model=b)\n';
const CLEAN = 'import mlflow\nmlflow.log_metric("a", 1)\n';
const NOTEBOOK = `${JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 1, id: 'c0', metadata: {}, outputs: [], source: ['import mlflow\n', 'mlflow.models.evaluate(m, d, custom_metrics=[x])\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;

describe('.pre-commit-hooks.yaml', () => {
  it('declares a check hook and a fix hook on Python files and notebooks, installed as a node package', () => {
    expect(hooks.map((h) => h.id)).toEqual(['mlflow-migrate', 'mlflow-migrate-fix']);
    for (const h of hooks) {
      expect(h.language).toBe('node');
      expect(h.types_or).toEqual(['python', 'jupyter']);
      expect(h.pass_filenames ?? true).toBe(true);
      expect(h.entry.split(/\s+/)[0]).toBe(BIN);
    }
    expect(hook('mlflow-migrate').entry).toBe('mlflow-migrate check');
    expect(hook('mlflow-migrate-fix').entry).toBe('mlflow-migrate fix --write --allow-dirty');
    // `language: node` installs the repository with npm, which builds dist/ through `prepare`.
    expect(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.prepare).toMatch(/tsc/);
  });

  it('check: exits 1 on a staged file with findings, 0 on clean files', () => {
    const repo = gitRepo({ 'src/a.py': FIXABLE, 'src/b.py': CLEAN, 'nb.ipynb': NOTEBOOK });
    const failing = runHook('mlflow-migrate', repo, ['src/a.py', 'src/b.py']);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('src/a.py:3:30: MLF104 [*] ');
    expect(failing.stdout).not.toContain('src/b.py');
    expect(runHook('mlflow-migrate', repo, ['src/b.py'])).toMatchObject({ status: 0 });
    const notebook = runHook('mlflow-migrate', repo, ['nb.ipynb']);
    expect(notebook.status).toBe(1);
    expect(notebook.stdout).toContain('MLF104');
  });

  it('check: only the files passed are checked (pre-commit passes the staged ones)', () => {
    const repo = gitRepo({ 'src/a.py': FIXABLE, 'src/b.py': CLEAN });
    const run = runHook('mlflow-migrate', repo, ['src/b.py']);
    expect(run.stdout).not.toContain('a.py');
  });

  it('fix: rewrites the files with safe fixes, on a dirty tree too; the manual findings fail the hook', () => {
    const repo = gitRepo({ 'src/a.py': FIXABLE, 'src/c.py': MANUAL, 'nb.ipynb': NOTEBOOK });
    // pre-commit runs hooks on a tree with staged, uncommitted changes.
    git(repo, 'mv', 'src/a.py', 'src/train.py');
    const fixed = runHook('mlflow-migrate-fix', repo, ['src/train.py', 'nb.ipynb']);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(readFileSync(join(repo, 'src/train.py'), 'utf8')).toBe(FIXABLE.replace('custom_metrics', 'extra_metrics'));
    expect(readFileSync(join(repo, 'nb.ipynb'), 'utf8')).toBe(NOTEBOOK.replace('custom_metrics', 'extra_metrics'));
    // pre-commit fails the hook because files changed; the next run is clean.
    expect(git(repo, 'status', '--porcelain')).toMatch(/src\/train\.py/);
    expect(runHook('mlflow-migrate', repo, ['src/train.py', 'nb.ipynb'])).toMatchObject({ status: 0 });
    const manual = runHook('mlflow-migrate-fix', repo, ['src/c.py']);
    expect(manual.status).toBe(1);
    expect(manual.stdout).toContain('src/c.py:2:36: MLF101');
    expect(readFileSync(join(repo, 'src/c.py'), 'utf8')).toBe(MANUAL);
  });
});
