import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { git, gitRepo, project, runFixCommand, runMain } from './cliHelpers.js';
import { BREAKS_SYNTAX } from './testRules.js';

const FIXABLE = 'import mlflow\n\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n';
const FIXED = 'import mlflow\n\nmlflow.models.evaluate(m, d, extra_metrics=[x])\n';
const MANUAL = 'import mlflow\nres = mlflow.models.evaluate(m, d, baseline_model=b)\n';
const UNSAFE = 'import mlflow\nres = mlflow.models.evaluate(m, d, validation_thresholds=th)\n';
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('fix (preview)', () => {
  it('prints a unified diff, then what remains, then the summary; writes nothing; exits 1', async () => {
    const dir = project({ 'a.py': FIXABLE, 'b.py': MANUAL });
    const run = await runMain(dir, ['fix']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain([
      '--- a/a.py',
      '+++ b/a.py',
      '@@ -1,3 +1,3 @@',
      ' import mlflow',
      ' ',
      '-mlflow.models.evaluate(m, d, custom_metrics=[x])',
      '+mlflow.models.evaluate(m, d, extra_metrics=[x])',
    ].join('\n'));
    const diffAt = run.stdout.indexOf('--- a/a.py');
    const manualAt = run.stdout.indexOf('b.py:2:36: MLF101');
    expect(manualAt).toBeGreaterThan(diffAt);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Would fix 1 finding in 1 file. 1 remains: 1 needs manual changes.');
    expect(read(dir, 'a.py')).toBe(FIXABLE);
  });

  it('exits 0 when there is nothing to change, even with manual findings', async () => {
    const dir = project({ 'b.py': MANUAL });
    const run = await runMain(dir, ['fix']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('---');
    expect(run.stdout).toContain('Would fix 0 findings in 0 files. 1 remains: 1 needs manual changes.');
  });

  it('exits 0 on a clean project', async () => {
    const run = await runMain(project({ 'c.py': 'import mlflow\nmlflow.log_metric("a", 1)\n' }), ['fix']);
    expect(run).toMatchObject({ code: 0, stdout: 'Would fix 0 findings in 0 files. None remain.\n' });
  });

  it('holds back unsafe fixes and says how to get them', async () => {
    const dir = project({ 'u.py': UNSAFE });
    const held = await runMain(dir, ['fix']);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain('Would fix 0 findings in 0 files. 1 remains: 0 need manual changes, 1 has an unsafe fix (rerun with --unsafe-fixes).');
    const applied = await runMain(dir, ['fix', '--unsafe-fixes']);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('+mlflow.validate_evaluation_results(th, res)');
    expect(applied.stdout).toContain('Would fix 1 finding in 1 file. None remain.');
  });

  it('places remaining findings on the file as it is on disk (columns in UTF-16 units after non-ASCII text)', async () => {
    const line = 'res = mlflow.models.evaluate("模型😀", custom_metrics=[x], baseline_model=b)';
    const dir = project({ 'n.py': `import mlflow\n${line}\n` });
    const preview = await runMain(dir, ['fix']);
    expect(preview.stdout).toContain(`n.py:2:${line.indexOf('baseline_model') + 1}: MLF101`);
    const written = await runMain(dir, ['fix', '--write']);
    const fixedLine = line.replace('custom_metrics', 'extra_metrics');
    expect(written.stdout).toContain(`n.py:2:${fixedLine.indexOf('baseline_model') + 1}: MLF101`);
  });
});

describe('fix --write', () => {
  it('applies the fixes, and a second run finds nothing to change', async () => {
    const dir = project({ 'a.py': FIXABLE, 'sub/c.py': FIXABLE.replace(/\n/g, '\r\n') });
    const first = await runMain(dir, ['fix', '--write']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Fixed 2 findings in 2 files. None remain.\n');
    expect(read(dir, 'a.py')).toBe(FIXED);
    expect(read(dir, 'sub/c.py')).toBe(FIXED.replace(/\n/g, '\r\n'));
    const second = await runMain(dir, ['fix', '--write']);
    expect(second).toMatchObject({ code: 0, stdout: 'Fixed 0 findings in 0 files. None remain.\n' });
    expect(await runMain(dir, ['fix'])).toMatchObject({ code: 0 });
  });

  it('exits 1 when findings remain after fixing', async () => {
    const dir = project({ 'a.py': FIXABLE, 'b.py': MANUAL });
    const run = await runMain(dir, ['fix', '--write']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Fixed 1 finding in 1 file. 1 remains: 1 needs manual changes.');
  });

  it('writes nothing for a file whose fix would break the syntax, names the rule, exits 2', async () => {
    const broken = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\nbroken_api(1)\n';
    const dir = project({ 'bad.py': broken, 'a.py': FIXABLE });
    const run = await runFixCommand(dir, ['--write'], { rules: [...ALL_RULES, BREAKS_SYNTAX] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.py: internal error: the fix of TST9 (breaks-syntax) would break the syntax (0 → 1 syntax errors); the file was left unchanged');
    expect(read(dir, 'bad.py')).toBe(broken);
    expect(read(dir, 'a.py')).toBe(FIXED);
  });

  it('skips a file that changed on disk after it was read, and says so', async () => {
    const dir = project({ 'a.py': FIXABLE });
    const edited = `${FIXABLE}# edited by someone else\n`;
    const run = await runFixCommand(dir, ['--write'], { beforeWrite: (file) => writeFileSync(file, edited) });
    expect(run.stderr).toContain('a.py: skipped: the file changed on disk since it was read');
    expect(read(dir, 'a.py')).toBe(edited);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Fixed 0 findings in 0 files. 1 remains: 0 need manual changes, 1 could not be fixed');
  });
});

describe('fix --write keeps the bytes of every untouched range', () => {
  const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'fix');
  for (const name of ['crlf_bom', 'latin1_cookie', 'layout']) {
    for (const [flags, suffix] of [[[], '.fixed.py'], [['--unsafe-fixes'], '.unsafe-fixed.py']] as const) {
      it(`${name}.py ${flags.join(' ') || '(safe fixes)'} → ${name}${suffix}`, async () => {
        const dir = project({});
        copyFileSync(join(FIXTURES, `${name}.py`), join(dir, `${name}.py`));
        const run = await runMain(dir, ['fix', '--write', ...flags]);
        expect(run.code, run.stderr).toBeLessThan(2);
        expect(readFileSync(join(dir, `${name}.py`)).equals(readFileSync(join(FIXTURES, `${name}${suffix}`)))).toBe(true);
      });
    }
  }
});

describe('fix --write in a git work tree', () => {
  it('writes when the files are committed', async () => {
    const dir = gitRepo({ 'a.py': FIXABLE });
    expect((await runMain(dir, ['fix', '--write'])).code).toBe(0);
    expect(read(dir, 'a.py')).toBe(FIXED);
  });

  it('refuses when a file to fix has uncommitted changes, unless --allow-dirty', async () => {
    const dir = gitRepo({ 'a.py': FIXABLE, 'clean.py': 'x = 1\n' });
    const dirty = `${FIXABLE}# local change\n`;
    writeFileSync(join(dir, 'a.py'), dirty);
    const refused = await runMain(dir, ['fix', '--write']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('M a.py');
    expect(refused.stderr).toContain('--allow-dirty');
    expect(read(dir, 'a.py')).toBe(dirty);

    const allowed = await runMain(dir, ['fix', '--write', '--allow-dirty']);
    expect(allowed.code).toBe(0);
    expect(read(dir, 'a.py')).toBe(`${FIXED}# local change\n`);
  });

  it('counts untracked and staged files as uncommitted', async () => {
    const dir = gitRepo({ 'keep.py': 'x = 1\n' });
    writeFileSync(join(dir, 'new.py'), FIXABLE);
    expect((await runMain(dir, ['fix', '--write'])).stderr).toContain('?? new.py');
    git(dir, 'add', 'new.py');
    expect((await runMain(dir, ['fix', '--write'])).stderr).toContain('A new.py');
    expect(read(dir, 'new.py')).toBe(FIXABLE);
  });

  it('ignores uncommitted changes in files it does not modify', async () => {
    const dir = gitRepo({ 'a.py': FIXABLE, 'notes.py': 'x = 1\n' });
    writeFileSync(join(dir, 'notes.py'), 'x = 2\n');
    expect((await runMain(dir, ['fix', '--write'])).code).toBe(0);
    expect(read(dir, 'a.py')).toBe(FIXED);
  });

  it('does not check when previewing', async () => {
    const dir = gitRepo({ 'a.py': FIXABLE });
    writeFileSync(join(dir, 'a.py'), `${FIXABLE}# local\n`);
    expect((await runMain(dir, ['fix'])).code).toBe(1);
  });
});

describe('fix usage', () => {
  it('writes the report to a file with -o, still without changing the sources', async () => {
    const dir = project({ 'a.py': FIXABLE });
    const run = await runMain(dir, ['fix', '-o', 'fix.diff']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(read(dir, 'fix.diff')).toContain('+mlflow.models.evaluate(m, d, extra_metrics=[x])');
    expect(read(dir, 'a.py')).toBe(FIXABLE);
  });


  it('prints its help', async () => {
    const run = await runMain(project({}), ['fix', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--unsafe-fixes');
    expect(run.stdout).toContain('--allow-dirty');
  });

  it('rejects check-only options', async () => {
    const run = await runMain(project({}), ['fix', '--format', 'json']);
    expect(run.code).toBe(2);
  });
});
