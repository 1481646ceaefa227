import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runMain } from '../fix/cliHelpers.js';

/**
 * The configuration through the command line, end to end: `main(['check', ...])` in a temporary
 * project, findings read from `--format json` as `path:line:CODE`.
 */

// Each line carries findings of several rule families: MLF104 (safe fix), MLF101 (manual), MLF201.
const CODE = 'import mlflow\nimport mlflow.fastai\nmlflow.models.evaluate(m, d, custom_metrics=[x], baseline_model=b)\n';
const ALL = (path: string) => [`${path}:2:MLF201`, `${path}:3:MLF101`, `${path}:3:MLF104`];

/** A root pyproject ignoring MLF2, and a nested service whose own pyproject selects MLF104 only. */
function monorepo(extra: Record<string, string> = {}): string {
  return project({
    'pyproject.toml': '[project]\nname = "platform"\n\n[tool.mlflow-migrate]\nignore = ["MLF2"]\n',
    'train.py': CODE,
    'services/api/pyproject.toml': '[project]\nname = "api"\n\n[tool.mlflow-migrate]\nselect = ["MLF104"]\n',
    'services/api/src/app.py': CODE,
    // A pyproject without our table does not stop the search: the root configuration applies.
    'services/batch/pyproject.toml': '[project]\nname = "batch"\n',
    'services/batch/job.py': CODE,
    ...extra,
  });
}

interface Checked {
  code: number;
  findings: string[];
  stderr: string;
  report: { sourceVersion: string; targetVersion: string; summary: { files: number } };
}

async function check(dir: string, args: string[]): Promise<Checked> {
  const run = await runMain(dir, ['check', '--format', 'json', '--no-cache', ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  const report = JSON.parse(run.stdout);
  const findings = (report.findings as Array<{ path: string; line: number; code: string }>).map((f) => `${f.path}:${f.line}:${f.code}`).sort();
  return { code: run.code, findings, stderr: run.stderr, report };
}

describe('configuration discovery through `check`', () => {
  it('each file follows its closest configuration (nested pyproject files)', async () => {
    const { findings } = await check(monorepo(), []);
    expect(findings).toEqual([
      'services/api/src/app.py:3:MLF104',
      'services/batch/job.py:3:MLF101',
      'services/batch/job.py:3:MLF104',
      'train.py:3:MLF101',
      'train.py:3:MLF104',
    ]);
  });

  it('the closest configuration applies when a subdirectory is checked from the root, and from inside it', async () => {
    const dir = monorepo();
    expect((await check(dir, ['services'])).findings).toEqual([
      'services/api/src/app.py:3:MLF104',
      'services/batch/job.py:3:MLF101',
      'services/batch/job.py:3:MLF104',
    ]);
    expect((await check(join(dir, 'services/api'), ['.'])).findings).toEqual(['src/app.py:3:MLF104']);
  });

  it('a mlflow-migrate.toml beats the pyproject.toml in its directory', async () => {
    const dir = monorepo({ 'services/api/mlflow-migrate.toml': 'select = ["MLF201"]\n' });
    expect((await check(dir, ['services/api'])).findings).toEqual(['services/api/src/app.py:2:MLF201']);
  });

  it('--isolated ignores every configuration file', async () => {
    const { findings } = await check(monorepo(), ['--isolated']);
    expect(findings).toEqual([...ALL('services/api/src/app.py'), ...ALL('services/batch/job.py'), ...ALL('train.py')]);
  });

  it('--config PATH uses that one file for every file', async () => {
    const { findings } = await check(monorepo(), ['--config', 'services/api/pyproject.toml']);
    expect(findings).toEqual(['services/api/src/app.py:3:MLF104', 'services/batch/job.py:3:MLF104', 'train.py:3:MLF104']);
  });

  it('--config on a file without [tool.mlflow-migrate] is a usage error', async () => {
    const run = await runMain(monorepo(), ['check', '--config', 'services/batch/pyproject.toml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/services\/batch\/pyproject\.toml: no \[tool\.mlflow-migrate\] table/);
  });

  it('--config naming a missing file or a directory is a usage error that says so', async () => {
    for (const path of ['missing.toml', 'services']) {
      const run = await runMain(monorepo(), ['check', '--config', path]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^mlflow-migrate: error: \\S*${path}: cannot read the configuration file \\((ENOENT|EISDIR)\\)\n$`));
    }
  });
});

describe('select and ignore', () => {
  it('--select on the command line replaces the selection of every configuration (prefixes work)', async () => {
    // The root ignores MLF2 and the service selects MLF104: `--select MLF2` still reports MLF201 everywhere.
    const { findings } = await check(monorepo(), ['--select', 'MLF2']);
    expect(findings).toEqual(['services/api/src/app.py:2:MLF201', 'services/batch/job.py:2:MLF201', 'train.py:2:MLF201']);
  });

  it('--ignore on the command line adds to the ignores of the configuration', async () => {
    const { findings } = await check(monorepo(), ['--ignore', 'MLF104']);
    // The root's `ignore = ["MLF2"]` still holds; the service's only selected rule is now ignored.
    expect(findings).toEqual(['services/batch/job.py:3:MLF101', 'train.py:3:MLF101']);
  });

  it('select and ignore by prefix in the configuration; ignore wins over select', async () => {
    const dir = project({ 'mlflow-migrate.toml': 'select = ["MLF1", "MLF2"]\nignore = ["MLF10"]\n', 'train.py': CODE });
    expect((await check(dir, [])).findings).toEqual(['train.py:2:MLF201']);
  });

  it('lower-case codes in the configuration work like upper-case ones', async () => {
    const dir = project({ 'mlflow-migrate.toml': 'select = ["mlf104"]\n', 'train.py': CODE });
    expect((await check(dir, [])).findings).toEqual(['train.py:3:MLF104']);
  });

  it('an unknown code in --select or --ignore is a usage error (exit 2), before any file is read', async () => {
    for (const args of [['--select', 'MLF104,MLF777'], ['--ignore', 'XYZ1']]) {
      const run = await runMain(monorepo(), ['check', ...args]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^mlflow-migrate: error: unknown rule code or prefix: (MLF777|XYZ1) /);
    }
  });
});

describe('per-file-ignores and extend-exclude', () => {
  it('per-file-ignores: globs relative to the configuration file, codes or prefixes', async () => {
    const dir = project({
      'pyproject.toml': '[tool.mlflow-migrate.per-file-ignores]\n"tests/**" = ["MLF1"]\n"legacy/*.py" = ["MLF201"]\n',
      'tests/unit/test_train.py': CODE,
      'legacy/old.py': CODE,
      'src/train.py': CODE,
    });
    expect((await check(dir, [])).findings).toEqual([
      'legacy/old.py:3:MLF101', 'legacy/old.py:3:MLF104',
      ...ALL('src/train.py'),
      'tests/unit/test_train.py:2:MLF201',
    ]);
  });

  it('per-file-ignores hold for the findings of checks across files too (MLF608 on a pin)', async () => {
    const files = { 'requirements.txt': 'mlflow==2.9.2\n', 'train.py': 'import mlflow\n' };
    expect((await check(project(files), [])).findings).toEqual(['requirements.txt:1:MLF608', 'requirements.txt:1:MLF901']);
    const ignoring = project({ ...files, 'pyproject.toml': '[tool.mlflow-migrate.per-file-ignores]\n"requirements.txt" = ["MLF608"]\n' });
    expect((await check(ignoring, [])).findings).toEqual(['requirements.txt:1:MLF901']);
  });

  it('extend-exclude: matching files are neither checked nor counted', async () => {
    const dir = project({
      'pyproject.toml': '[tool.mlflow-migrate]\nextend-exclude = ["generated/", "scratch_*.py"]\n',
      'generated/client.py': CODE,
      'scratch_1.py': CODE,
      'train.py': CODE,
    });
    const { findings, report } = await check(dir, []);
    expect(findings).toEqual(ALL('train.py'));
    // train.py and pyproject.toml (a file kind of its own) are checked; the two excluded files are not.
    expect(report.summary.files).toBe(2);
    expect((await check(dir, ['--isolated'])).report.summary.files).toBe(4);
  });

  it('extend-exclude of nested configurations: each file by its closest one, relative to that directory', async () => {
    const dir = project({
      'pyproject.toml': '[tool.mlflow-migrate]\nextend-exclude = ["scratch_*.py"]\n',
      'a/scratch_1.py': CODE,
      'a/train.py': CODE,
      'b/pyproject.toml': '[tool.mlflow-migrate]\nextend-exclude = ["gen_*.py"]\n',
      'b/gen_1.py': CODE,
      'b/scratch_2.py': CODE,
      'b/c/gen_2.py': CODE,
      'c/gen_3.py': CODE,
    });
    const { findings } = await check(dir, []);
    // b/ has its own configuration: its scratch file counts there, its generated files do not.
    expect(findings).toEqual([...ALL('a/train.py'), ...ALL('b/scratch_2.py'), ...ALL('c/gen_3.py')]);
  });
});

describe('versions, fail-on and unsafe-fixes from the configuration', () => {
  it('target-version: only the changes up to that version are reported', async () => {
    // MLF203 (gluon) is a 2.20 change, MLF201 (fastai) a 3.0 one.
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate]\ntarget-version = "2.20.0"\n', 'a.py': 'import mlflow.gluon\nimport mlflow.fastai\n' });
    const run = await check(dir, []);
    expect(run.report.targetVersion).toBe('2.20.0');
    expect(run.findings).toEqual(['a.py:1:MLF203']);
    // The command line overrides it.
    expect((await check(dir, ['--target-version', '3.4.0'])).findings).toEqual(['a.py:1:MLF203', 'a.py:2:MLF201']);
  });

  it('source-version: changes the code was already written for are not reported', async () => {
    // MLF105 (`EvaluationResult.baseline_model_metrics`) changed in 2.18.
    const text = 'import mlflow\nresult = mlflow.models.evaluate(m, d)\nprint(result.baseline_model_metrics)\n';
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate]\nsource-version = "2.18.0"\n', 'a.py': text });
    const run = await check(dir, []);
    expect(run.report.sourceVersion).toBe('2.18.0');
    expect(run.findings).toEqual([]);
    expect((await check(dir, ['--isolated'])).findings).toEqual(['a.py:3:MLF105']);
  });

  it("a nested configuration's versions narrow the range for its own files", async () => {
    const text = 'import mlflow\nimport mlflow.gluon\nresult = mlflow.models.evaluate(m, d)\nprint(result.baseline_model_metrics)\n';
    const dir = project({
      'a.py': text,
      'old/mlflow-migrate.toml': 'target-version = "2.19.0"\n', // before the gluon removal (2.20)
      'old/a.py': text,
      'new/mlflow-migrate.toml': 'source-version = "2.18.0"\n', // after the baseline_model_metrics removal (2.18)
      'new/a.py': text,
    });
    expect((await check(dir, [])).findings).toEqual(['a.py:2:MLF203', 'a.py:4:MLF105', 'new/a.py:2:MLF203', 'old/a.py:4:MLF105']);
  });

  it('fail-on = "error": warnings alone exit 0; the command line overrides it', async () => {
    // MLF301 (log_model artifact_path) is a warning.
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate]\nfail-on = "error"\n', 'a.py': 'import mlflow\nmlflow.sklearn.log_model(m, artifact_path="model")\n' });
    const run = await check(dir, []);
    expect(run.findings).toEqual(['a.py:2:MLF301']);
    expect(run.code).toBe(0);
    expect((await check(dir, ['--fail-on', 'warning'])).code).toBe(1);
    expect((await check(dir, ['--isolated'])).code).toBe(1);
  });

  it('unsafe-fixes = true: `fix` applies the unsafe fixes and `--statistics` counts them fixable', async () => {
    const text = 'import mlflow\nres = mlflow.models.evaluate(m, d, validation_thresholds=th)\n';
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate]\nunsafe-fixes = true\n', 'a.py': text });
    const preview = await runMain(dir, ['fix']);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toContain('+mlflow.validate_evaluation_results(th, res)');
    expect((await runMain(dir, ['check', '--statistics'])).stdout).toMatch(/^1\tMLF102\t\[\*\] evaluate-validation-thresholds\n$/);
    const isolated = await runMain(dir, ['fix', '--isolated']);
    expect(isolated.code).toBe(0);
    expect(isolated.stdout).not.toContain('+mlflow.validate_evaluation_results');
    expect(isolated.stdout).toContain('1 has an unsafe fix (rerun with --unsafe-fixes)');
    expect((await runMain(dir, ['check', '--statistics', '--isolated'])).stdout).toMatch(/^1\tMLF102\t {3} evaluate-validation-thresholds\n$/);
  });
});

describe('invalid configuration', () => {
  it('an unknown key: exit 2, one stderr line naming the file and the key', async () => {
    const dir = project({ 'services/api/pyproject.toml': '[tool.mlflow-migrate]\nselekt = ["MLF1"]\n', 'services/api/a.py': CODE });
    const run = await runMain(dir, ['check']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mlflow-migrate: error: \S*services\/api\/pyproject\.toml: unknown configuration key `selekt`/);
  });

  it('an unknown rule code, a wrong value type and broken TOML: exit 2 naming the file', async () => {
    const cases: Array<[string, RegExp]> = [
      ['ignore = ["MLF777"]\n', /mlflow-migrate\.toml: unknown rule code or prefix `MLF777`/],
      ['fail-on = "warnings"\n', /mlflow-migrate\.toml: `fail-on`: expected "error", "warning" or "info"/],
      ['select = [\n', /mlflow-migrate\.toml: invalid TOML/],
    ];
    for (const [config, message] of cases) {
      const run = await runMain(project({ 'mlflow-migrate.toml': config, 'a.py': CODE }), ['check']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('--isolated does not read a broken configuration', async () => {
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate]\nselekt = ["MLF1"]\n', 'a.py': CODE });
    expect((await check(dir, ['--isolated'])).findings).toEqual(ALL('a.py'));
  });
});

describe('fix honours the configuration', () => {
  it('a rule ignored by the closest configuration is neither fixed nor reported', async () => {
    const fixable = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\nmlflow.sklearn.log_model(m, artifact_path="model")\n';
    const dir = project({
      'pyproject.toml': '[tool.mlflow-migrate]\nignore = ["MLF104"]\n',
      'a.py': fixable,
      'legacy/pyproject.toml': '[tool.mlflow-migrate]\nselect = ["MLF104"]\n',
      'legacy/b.py': fixable,
    });
    const run = await runMain(dir, ['fix', '--write', '--allow-dirty']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.py'), 'utf8')).toBe(fixable.replace('artifact_path="model"', 'name="model"'));
    expect(readFileSync(join(dir, 'legacy/b.py'), 'utf8')).toBe(fixable.replace('custom_metrics', 'extra_metrics'));
    expect(run.stdout).toBe('Fixed 2 findings in 2 files. None remain.\n');
  });

  it('per-file-ignores hold for fix too', async () => {
    const fixable = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n';
    const dir = project({ 'pyproject.toml': '[tool.mlflow-migrate.per-file-ignores]\n"tests/*" = ["MLF104"]\n', 'tests/t.py': fixable, 'a.py': fixable });
    const run = await runMain(dir, ['fix', '--write', '--allow-dirty']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'tests/t.py'), 'utf8')).toBe(fixable);
    expect(readFileSync(join(dir, 'a.py'), 'utf8')).toBe(fixable.replace('custom_metrics', 'extra_metrics'));
  });
});

describe('check --cache-dir', () => {
  it('keeps the cache where it says (not in .mlflow-migrate-cache/), and refuses an empty directory name', async () => {
    const dir = project({ 'train.py': CODE });
    const saved = { xdg: process.env.XDG_CACHE_HOME, named: process.env.MLFLOW_MIGRATE_CACHE_DIR };
    delete process.env.XDG_CACHE_HOME;
    delete process.env.MLFLOW_MIGRATE_CACHE_DIR;
    try {
      const run = await runMain(dir, ['check', '--cache-dir', 'ci-cache', '--format', 'json']);
      expect(run.code, run.stderr).toBe(1);
      expect(existsSync(join(dir, 'ci-cache', '.gitignore'))).toBe(true);
      expect(existsSync(join(dir, '.mlflow-migrate-cache'))).toBe(false);
      const empty = await runMain(dir, ['check', '--cache-dir', '']);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('--cache-dir needs a directory');
    } finally {
      for (const [name, value] of [['XDG_CACHE_HOME', saved.xdg], ['MLFLOW_MIGRATE_CACHE_DIR', saved.named]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
