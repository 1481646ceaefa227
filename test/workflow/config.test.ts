import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { CONFIG_FILE_NAMES, ConfigResolver, loadConfigFile } from '../../src/config/load.js';
import { discoverFiles } from '../../src/discovery/discover.js';
import { DirectoryListing } from '../../src/discovery/listing.js';
import { effectiveSettings, excludedByConfig, ruleEnabled } from '../../src/config/effective.js';
import { ConfigError } from '../../src/config/settings.js';

const CODES = ALL_RULES.map((r) => r.code);
const DEFAULTS = { sourceVersion: '2.9.2', targetVersion: '3.4.0' };
const rule = (code: string) => ALL_RULES.find((r) => r.code === code)!;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mm-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A monorepo whose root and one service configure the tool; the other service's pyproject does not. */
const MONOREPO = {
  'pyproject.toml': '[tool.mlflow-migrate]\nignore = ["MLF2"]\n',
  'services/api/pyproject.toml': '[project]\nname = "api"\n\n[tool.mlflow-migrate]\nselect = ["MLF104"]\n',
  'services/batch/pyproject.toml': '[project]\nname = "batch"\n',
  'services/api/src/app.py': '',
  'services/batch/job.py': '',
};

describe('configuration discovery', () => {
  it('the closest pyproject with [tool.mlflow-migrate] wins (monorepo)', () => {
    const root = tree(MONOREPO);
    const resolver = new ConfigResolver(CODES);
    expect(resolver.forFile(join(root, 'services/api/src/app.py'))?.settings).toEqual({ select: ['MLF104'] });
    // A pyproject without our table does not stop the search.
    expect(resolver.forFile(join(root, 'services/batch/job.py'))?.settings).toEqual({ ignore: ['MLF2'] });
  });

  it('finds the configuration of a path written with `..`, `.` or doubled slashes, and of a relative path', () => {
    const root = tree(MONOREPO);
    const resolver = new ConfigResolver(CODES);
    expect(resolver.forFile(`${root}/services/batch/../api/src/app.py`)?.settings).toEqual({ select: ['MLF104'] });
    expect(resolver.forFile(`${root}/services/api/src/../../batch/job.py`)?.settings).toEqual({ ignore: ['MLF2'] });
    expect(resolver.forFile(`${root}/services/api/./src//app.py`)?.settings).toEqual({ select: ['MLF104'] });
    expect(resolver.forFile(`${root}/services/api/src/`)?.settings).toEqual({ select: ['MLF104'] });
    expect(resolver.forFile(relative(process.cwd(), join(root, 'services/api/src/app.py')))?.settings).toEqual({ select: ['MLF104'] });
  });

  it('finds the same configuration through a discovery listing, which spares looking where the walk saw none', async () => {
    const root = tree({
      'pyproject.toml': '[tool.mlflow-migrate]\nignore = ["MLF2"]\n',
      // Ignored by git, still the configuration of its directory.
      '.gitignore': 'services/api/pyproject.toml\n',
      'services/api/pyproject.toml': '[tool.mlflow-migrate]\nselect = ["MLF104"]\n',
      'services/api/src/app.py': '', 'services/batch/job.py': '', 'tools/cli.py': '',
      'build/mlflow-migrate.toml': 'select = ["MLF101"]\n', 'build/gen.py': '',
    });
    const discovery = await discoverFiles(['services', 'tools'], { cwd: root, noteNames: CONFIG_FILE_NAMES });
    const listed = new ConfigResolver(CODES);
    listed.useListing(discovery.listing);
    const plain = new ConfigResolver(CODES);
    // build/ was never listed (a default exclude): its configuration is looked up as before.
    for (const file of ['services/api/src/app.py', 'services/batch/job.py', 'tools/cli.py', 'build/gen.py']) {
      expect(listed.forFile(join(root, file))?.settings, file).toEqual(plain.forFile(join(root, file))?.settings);
    }
    expect(listed.forFile(join(root, 'services/api/src/app.py'))?.settings).toEqual({ select: ['MLF104'] });
    expect(listed.forFile(join(root, 'build/gen.py'))?.settings).toEqual({ select: ['MLF101'] });
  });

  it('a listing rules a name out only in directories it listed, in any case', () => {
    const listing = new DirectoryListing();
    listing.addDirectory(join('/r', 'a'));
    listing.addNoted(join('/r', 'a', 'PyProject.toml'));
    expect(listing.mayContain(join('/r', 'a'), 'pyproject.toml')).toBe(true);
    expect(listing.mayContain(join('/r', 'a'), 'mlflow-migrate.toml')).toBe(false);
    expect(listing.mayContain(join('/r', 'b'), 'mlflow-migrate.toml')).toBe(true);
    // Listed and holding no noted entry: only /r/c; /r/a holds one, /r/b was not listed.
    listing.addDirectory(join('/r', 'c'));
    expect([join('/r', 'a'), join('/r', 'b'), join('/r', 'c')].map((d) => listing.listedWithoutNoted(d))).toEqual([false, false, true]);
  });

  it('mlflow-migrate.toml beats pyproject.toml in the same directory', () => {
    const root = tree({ 'pyproject.toml': '[tool.mlflow-migrate]\nignore = ["MLF2"]\n', 'mlflow-migrate.toml': 'ignore = ["MLF1"]\n' });
    expect(new ConfigResolver(CODES).forDirectory(root)?.settings).toEqual({ ignore: ['MLF1'] });
  });

  it('an unknown key is an error naming the file and the key', () => {
    const root = tree({ 'pyproject.toml': '[tool.mlflow-migrate]\nselekt = ["MLF1"]\n' });
    expect(() => loadConfigFile(join(root, 'pyproject.toml'), CODES)).toThrow(ConfigError);
    expect(() => loadConfigFile(join(root, 'pyproject.toml'), CODES)).toThrow(/pyproject\.toml: unknown configuration key `selekt`/);
  });

  it('an unknown rule code is an error naming the file and the code', () => {
    const root = tree({ 'mlflow-migrate.toml': 'ignore = ["MLF777"]\n' });
    expect(() => loadConfigFile(join(root, 'mlflow-migrate.toml'), CODES)).toThrow(/mlflow-migrate\.toml: unknown rule code or prefix `MLF777`/);
  });

  it('invalid values and invalid TOML are errors', () => {
    const root = tree({ 'a/mlflow-migrate.toml': 'target-version = "three"\n', 'b/mlflow-migrate.toml': 'select = [\n' });
    expect(() => loadConfigFile(join(root, 'a/mlflow-migrate.toml'), CODES)).toThrow(/`target-version`: expected a version/);
    expect(() => loadConfigFile(join(root, 'b/mlflow-migrate.toml'), CODES)).toThrow(/invalid TOML/);
  });
});

describe('effective settings', () => {
  it('select and ignore by prefix', () => {
    const s = effectiveSettings({ path: '/p/pyproject.toml', dir: '/p', settings: { select: ['MLF1'], ignore: ['MLF104'] } }, {}, DEFAULTS);
    expect(ruleEnabled(rule('MLF101'), s)).toBe(true);
    expect(ruleEnabled(rule('MLF104'), s)).toBe(false);
    expect(ruleEnabled(rule('MLF201'), s)).toBe(false);
  });

  it('per-file-ignores apply to matching paths only', () => {
    const config = { path: '/p/pyproject.toml', dir: '/p', settings: { perFileIgnores: { 'tests/**': ['MLF2'], 'legacy/*.py': ['MLF201'] } } };
    expect(ruleEnabled(rule('MLF201'), effectiveSettings(config, {}, DEFAULTS, '/p/tests/unit/test_x.py'))).toBe(false);
    expect(ruleEnabled(rule('MLF201'), effectiveSettings(config, {}, DEFAULTS, '/p/legacy/old.py'))).toBe(false);
    expect(ruleEnabled(rule('MLF201'), effectiveSettings(config, {}, DEFAULTS, '/p/src/train.py'))).toBe(true);
  });

  it('the command line overrides the configuration', () => {
    const config = { path: '/p/pyproject.toml', dir: '/p', settings: { select: ['MLF2'], targetVersion: '3.0.0' } };
    const s = effectiveSettings(config, { select: ['MLF104'], targetVersion: '3.4.0' }, DEFAULTS);
    expect(s.select).toEqual(['MLF104']);
    expect(s.targetVersion).toBe('3.4.0');
  });

  it('target and source versions from the configuration decide which rules apply', () => {
    const config = { path: '/p/pyproject.toml', dir: '/p', settings: { sourceVersion: '2.21.0' } };
    const s = effectiveSettings(config, {}, DEFAULTS);
    expect(ruleEnabled(rule('MLF201'), s)).toBe(true); // fastai removed in 3.0.0
  });

  it('extend-exclude is relative to the configuration directory', () => {
    const config = { path: '/p/pyproject.toml', dir: '/p', settings: { extendExclude: ['generated/', 'notebooks/*.py'] } };
    expect(excludedByConfig(config, '/p/generated/models.py')).toBe(true);
    expect(excludedByConfig(config, '/p/notebooks/scratch.py')).toBe(true);
    expect(excludedByConfig(config, '/p/src/train.py')).toBe(false);
  });
});
