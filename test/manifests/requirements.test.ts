import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll, slice } from './helpers.js';

describe('requirements files', () => {
  it('reports a pin that excludes the target, on the constraint, with a fix that moves only the version', async () => {
    const text = 'numpy==1.26.0\nmlflow==2.9.2  # tracking\n';
    const { findings } = await analyze('requirements.txt', text);
    expect(codes(text, findings)).toEqual(['2:MLF901']);
    const [f] = findings;
    expect(slice(text, f!)).toBe('==2.9.2');
    expect(f).toMatchObject({ name: 'dependency-pin', severity: 'error', message: '`mlflow==2.9.2` excludes MLflow 3.4.0, the target version', help: 'Change the constraint to `==3.4.0`' });
    expect(f!.fix).toMatchObject({ applicability: 'safe' });
    expect(await fixAll('requirements.txt', text)).toBe('numpy==1.26.0\nmlflow==3.4.0  # tracking\n');
  });

  it.each([
    ['mlflow<3', 'mlflow<4'],
    ['mlflow<3.0', 'mlflow<4.0'],
    ['mlflow>=2.9,<3.0.0', 'mlflow>=2.9,<4.0.0'],
    ['mlflow >= 2.9 , < 3', 'mlflow >= 2.9 , < 4'],
    ['mlflow~=2.9', 'mlflow~=3.4'],
    ['mlflow~=2.9.2', 'mlflow~=3.4.0'],
    ['mlflow==2.*', 'mlflow==3.*'],
    ['mlflow==2.9.*', 'mlflow==3.4.*'],
    ['mlflow<=2.9.2', 'mlflow<=3.4.0'],
    ['mlflow>=2.0,<2.10', 'mlflow>=2.0,<3.5'],
    ['mlflow (==2.9.2)', 'mlflow (==3.4.0)'],
    ['MLflow_Skinny==2.9.2', 'MLflow_Skinny==3.4.0'],
  ])('%s → %s', async (before, after) => {
    const text = `${before}\n`;
    expect(codes(text, (await analyze('requirements.txt', text)).findings)).toEqual(['1:MLF901']);
    expect(await fixAll('requirements.txt', text)).toBe(`${after}\n`);
  });

  it('keeps extras, markers, hashes, continuations and comments byte for byte', async () => {
    const text = [
      '# pinned for the 2023 release',
      '-r base.txt',
      '-c constraints.txt',
      '--index-url https://pypi.example.org/simple',
      'mlflow[gateway]==2.9.2 ; python_version >= "3.10" and sys_platform != "win32"  # serving',
      'mlflow-skinny==2.9.2 \\',
      '    --hash=sha256:0123456789abcdef \\',
      '    --hash=sha256:fedcba9876543210',
      '',
    ].join('\r\n');
    const fixed = await fixAll('requirements.txt', text);
    expect(fixed).toBe(text.replace('mlflow[gateway]==2.9.2', 'mlflow[gateway]==3.4.0'));
  });

  it('has no fix for a pin with hashes: they belong to the old version', async () => {
    const text = 'mlflow==2.9.2 \\\n    --hash=sha256:0123456789abcdef\nmlflow-skinny==2.9.1 --hash=sha256:fedcba9876543210\n';
    const { findings } = await analyze('requirements.txt', text);
    expect(findings.map((f) => [f.code, f.fix, f.help])).toEqual([
      ['MLF901', undefined, 'Change the constraint where this file is generated from and regenerate it with new hashes (e.g. `pip-compile --generate-hashes`)'],
      ['MLF902', undefined, 'Change the constraint where this file is generated from and regenerate it with new hashes (e.g. `pip-compile --generate-hashes`)'],
    ]);
  });

  it('stays silent on constraints that admit the target and on other packages', async () => {
    const text = [
      'mlflow>=2.8.1',
      'mlflow',
      'mlflow[genai]>=2.9',
      'mlflow[gateway]',
      'fastai==2.7.0',
      'mleap==0.23.0',
      'mlflow-tracing==3.4.0',
      'mlflow>=3.5  # already past the target',
      'mlflow @ git+https://github.com/mlflow/mlflow.git@v2.9.2',
      'git+https://github.com/org/mlflow-plugin.git#egg=mlflow-plugin',
      './vendor/mlflow-2.9.2.tar.gz',
      '-e ./mlflow',
      '# mlflow==2.9.2',
      'mlflowx==2.9.2',
      '',
    ].join('\n');
    expect((await analyze('requirements.txt', text)).findings).toEqual([]);
  });

  it('has no fix where none is faithful', async () => {
    const text = 'mlflow>=2.9,!=3.4.0\nmlflow==2.9.2+cpu\nmlflow==2.9.2; python_version < "3.10"\n';
    const { findings } = await analyze('requirements.txt', text);
    expect(codes(text, findings)).toEqual(['1:MLF901', '2:MLF901', '3:MLF901']);
    expect(findings.map((f) => f.fix)).toEqual([undefined, undefined, undefined]);
    expect(findings[0]!.help).toBe('Change the version constraint of `mlflow` to admit 3.4.0');
  });

  it('pins mlflow-skinny and mlflow-tracing like mlflow (MLF902)', async () => {
    const text = 'mlflow==2.9.2\nmlflow-skinny==2.9.1\nmlflow-tracing==3.1.0\n';
    const { findings } = await analyze('requirements.txt', text);
    expect(codes(text, findings)).toEqual(['1:MLF901', '2:MLF902', '3:MLF902']);
    expect(findings[1]!.help).toBe('Pin `mlflow-skinny` like `mlflow` after its upgrade: `==3.4.0`');
    expect(await fixAll('requirements.txt', text)).toBe('mlflow==3.4.0\nmlflow-skinny==3.4.0\nmlflow-tracing==3.4.0\n');
  });

  it('leaves alone split packages that follow mlflow to the target', async () => {
    const text = 'mlflow>=2.8.1\nmlflow-tracing>=3.0\nmlflow-skinny\n';
    expect((await analyze('requirements.txt', text)).findings).toEqual([]);
  });

  it('leaves an unpinned mlflow-skinny alone, and a skinny pin equal to mlflow is MLF901', async () => {
    const text = 'mlflow==2.9.2\nmlflow-skinny\n';
    expect(codes(text, (await analyze('requirements.txt', text)).findings)).toEqual(['1:MLF901']);
    const same = 'mlflow==2.9.2\nmlflow-skinny==2.9.2\n';
    expect(codes(same, (await analyze('requirements.txt', same)).findings)).toEqual(['1:MLF901', '2:MLF901']);
  });

  it('removes xethub (MLF905, unsafe); mlflow[extras] waits for the project (MLF904)', async () => {
    const text = 'mlflow[extras]==3.4.0\nmlflow[xethub, extras]>=2.9\nmlflow[xethub]\n';
    const { findings } = await analyze('requirements.txt', text);
    // MLF904 only for a project that runs MLServer: held in the facts (test/manifests/mlserver.test.ts).
    expect(codes(text, findings)).toEqual(['2:MLF905', '3:MLF905']);
    expect(findings.find((f) => f.code === 'MLF905')!.fix!.applicability).toBe('unsafe');
    expect(await fixAll('requirements.txt', text)).toBe(text);
    expect(await fixAll('requirements.txt', text, { unsafe: true })).toBe('mlflow[extras]==3.4.0\nmlflow[extras]>=2.9\nmlflow\n');
  });

  it('reads pip-tools inputs and constraints files, not MANIFEST.in', async () => {
    const text = 'mlflow==2.9.2\n';
    for (const path of ['requirements-dev.in', 'dev.in', 'requirements/base.txt', 'constraints.txt', 'ci/test-constraints.txt', 'dev-requirements.txt']) {
      expect(codes(text, (await analyze(path, text)).findings), path).toEqual(['1:MLF901']);
    }
    expect((await analyze('MANIFEST.in', 'include mlflow==2.9.2\n')).findings).toEqual([]);
  });

  it('follows the target version and the rule selection', async () => {
    const text = 'mlflow==2.9.2\nmlflow[xethub]==3.0.0\n';
    expect(codes(text, (await analyze('requirements.txt', text, { targetVersion: '3.0.0' })).findings)).toEqual(['1:MLF901']);
    expect(await fixAll('requirements.txt', text, { targetVersion: '3.0.0' })).toBe('mlflow==3.0.0\nmlflow[xethub]==3.0.0\n');
    expect(codes(text, (await analyze('requirements.txt', text, { select: ['MLF905'] })).findings)).toEqual(['2:MLF905']);
  });

  it('is idempotent after its own fixes', async () => {
    const text = 'mlflow[extras]==2.9.2\nmlflow-skinny==2.9.0\n';
    const fixed = await fixAll('requirements.txt', text);
    expect(fixed).toBe('mlflow[extras]==3.4.0\nmlflow-skinny==3.4.0\n');
    expect((await analyze('requirements.txt', fixed)).findings).toEqual([]);
  });
});

describe('file kinds', () => {
  it('claims every file its discovery patterns collect, so none falls back to Python', async () => {
    const { kindOf, discoveryPatterns } = await import('../../src/runner/fileKinds.js');
    expect(discoveryPatterns()).toEqual(expect.arrayContaining(['**/*.ipynb', '**/*.in', '**/pyproject.toml', '**/Dockerfile.*', '**/*.yml']));
    for (const path of ['MANIFEST.in', 'src/config.h.in', 'Dockerfile.dockerignore', 'docs/mkdocs.yml', 'deploy/.env.prod', 'auth/basic_auth.ini']) {
      expect(kindOf(path).name, path).not.toBe('python');
    }
    expect((await analyze('MANIFEST.in', 'include mlflow==2.9.2\nrecursive-include mlflow_plugin *.yaml\n')).findings).toEqual([]);
    expect((await analyze('Dockerfile.dockerignore', 'mlflow==2.9.2\n')).findings).toEqual([]);
  });
});

describe('mlflow-skinny moves only with mlflow', () => {
  it('has no fix for mlflow-skinny when the mlflow pin has none', async () => {
    const text = 'mlflow==2.9.2 --hash=sha256:0123\nmlflow-skinny==2.9.2\nmlflow-tracing==2.99.0\n';
    const { findings } = await analyze('requirements.txt', text);
    expect(findings.map((f) => [f.code, f.fix, f.help])).toEqual([
      ['MLF901', undefined, 'Change the constraint where this file is generated from and regenerate it with new hashes (e.g. `pip-compile --generate-hashes`)'],
      ['MLF901', undefined, 'Change the version constraint of `mlflow-skinny` to admit 3.4.0'],
      ['MLF902', undefined, 'Pin `mlflow-tracing` like `mlflow` once it admits the target version'],
    ]);
  });
});
