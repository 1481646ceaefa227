import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { cacheKey, cacheRoot, contentHash, ResultCache, type CacheConfig } from '../../src/cache/index.js';
import { CACHE_FORMAT, fnv1a64, parserPackageVersions, type CacheKey } from '../../src/cache/key.js';
import type { Finding } from '../../src/engine/types.js';
import { runCheck } from '../../src/runner/run.js';

const made: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `mlflow-migrate-${name}-`));
  made.push(dir);
  return dir;
};
afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

/** Waits until files written before now are out of the window in which the cache takes no stamp of them. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 2100));

const FINDING: Finding = { code: 'MLF104', name: 'evaluate-custom-metrics', severity: 'error', message: 'm', path: 'a/b.py', start: 3, end: 9, help: 'h' };
const BASE: CacheConfig = { rules: ALL_RULES, sourceVersion: '2.9.2', targetVersion: '3.4.0', prefilter: true };
/** A key for the store's own tests: the directory `v<format>-<id>`, its material made up. */
const key = (id: string, material = `material of ${id}`): CacheKey => ({ id, material });

describe('cache location', () => {
  it('is .mlflow-migrate-cache in the working directory by default', () => {
    expect(cacheRoot('/repo', {})).toBe('/repo/.mlflow-migrate-cache');
  });

  it('is $XDG_CACHE_HOME/mlflow-migrate when that is set, and ignores a relative value', () => {
    expect(cacheRoot('/repo', { XDG_CACHE_HOME: '/ci/cache' })).toBe('/ci/cache/mlflow-migrate');
    expect(cacheRoot('/repo', { XDG_CACHE_HOME: 'cache' })).toBe('/repo/.mlflow-migrate-cache');
  });

  it('is --cache-dir, else $MLFLOW_MIGRATE_CACHE_DIR, before XDG; both relative to the working directory', () => {
    const env = { XDG_CACHE_HOME: '/ci/cache', MLFLOW_MIGRATE_CACHE_DIR: 'ci/mm-cache' };
    expect(cacheRoot('/repo', env)).toBe('/repo/ci/mm-cache');
    expect(cacheRoot('/repo', { ...env, MLFLOW_MIGRATE_CACHE_DIR: '/var/mm' })).toBe('/var/mm');
    expect(cacheRoot('/repo', env, '../shared-cache')).toBe('/shared-cache');
    expect(cacheRoot('/repo', {}, '/abs/cache')).toBe('/abs/cache');
    // An empty variable is no setting.
    expect(cacheRoot('/repo', { MLFLOW_MIGRATE_CACHE_DIR: '' })).toBe('/repo/.mlflow-migrate-cache');
  });
});

describe('cache key', () => {
  const keyOf = (config: CacheConfig) => cacheKey(config).id;

  it('changes with the configuration', () => {
    const key = keyOf(BASE);
    expect(keyOf({ ...BASE })).toBe(key);
    expect(keyOf({ ...BASE, prefilter: false })).not.toBe(key);
    expect(keyOf({ ...BASE, targetVersion: '3.0.0' })).not.toBe(key);
    expect(keyOf({ ...BASE, sourceVersion: '2.10.0' })).not.toBe(key);
    expect(keyOf({ ...BASE, select: ['MLF1'] })).not.toBe(key);
    expect(keyOf({ ...BASE, ignore: ['MLF104'] })).not.toBe(key);
  });

  it('changes when a rule definition changes, custom visit functions included', () => {
    const key = keyOf(BASE);
    const [first, ...rest] = ALL_RULES;
    expect(keyOf({ ...BASE, rules: [{ ...first!, triggers: [...first!.triggers, 'x'] }, ...rest] })).not.toBe(key);
    expect(keyOf({ ...BASE, rules: rest })).not.toBe(key);
    const custom = (visit: () => void) => keyOf({ ...BASE, rules: [{ ...first!, checks: [{ kind: 'custom', nodeTypes: ['call'], visit }] }] });
    expect(custom(() => { /* one behaviour */ })).not.toBe(custom(() => { void 'another behaviour'; }));
  });

  it('names the package\'s own rules instead of serialising them, and serialises a copy that differs', () => {
    const key = keyOf(BASE);
    const [first, ...rest] = ALL_RULES;
    // An identical copy is not the package's rule: serialised, so the key differs, and it is stable.
    expect(keyOf({ ...BASE, rules: [{ ...first! }, ...rest] })).not.toBe(key);
    expect(keyOf({ ...BASE, rules: [{ ...first! }, ...rest] })).toBe(keyOf({ ...BASE, rules: [{ ...first! }, ...rest] }));
    expect(keyOf({ ...BASE, rules: [...rest, first!] })).not.toBe(key);
  });

  it('names a generation by a 64-bit hash of its material, the material spelled out', () => {
    const { id, material } = cacheKey(BASE);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(id).toBe(fnv1a64(material));
    expect(JSON.parse(material)).toMatchObject({ format: CACHE_FORMAT, config: ['2.9.2', '3.4.0', [], [], true] });
    expect(material).toContain('built-in:MLF101:error');
  });

  it('is FNV-1a: the published 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    // And the 64-bit arithmetic itself, on long texts and code units past 0xff.
    const reference = (text: string) => {
      let hash = 0xcbf29ce484222325n;
      for (let i = 0; i < text.length; i++) hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
      return hash.toString(16).padStart(16, '0');
    };
    let text = '';
    for (let i = 0; i < 3000; i++) {
      text += String.fromCharCode((i * 7919) % 0x10000);
      if (i % 100 === 0) expect(fnv1a64(text), `length ${text.length}`).toBe(reference(text));
    }
  });

  it('records the version of each parser package as installed, web-tree-sitter included', () => {
    const installed = (name: string) => (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    expect(parserPackageVersions()).toBe(['tree-sitter', 'tree-sitter-python', 'web-tree-sitter'].map((n) => `${n}@${installed(n)}`).join(','));
  });
});

describe('ResultCache', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  beforeEach(() => { warnings.length = 0; });

  it('stores results and restores the path of the file asking', () => {
    const root = join(tempDir('cache'), '.mlflow-migrate-cache');
    const hash = contentHash('python', 'x.py', Buffer.from('import mlflow\n'));
    const cache = ResultCache.open(root, key('k1'), warn);
    expect(cache.get(hash, 'x.py')).toBeUndefined();
    cache.set(hash, { usesMlflow: true, syntaxErrors: 0, findings: [FINDING] });
    cache.save();

    const reopened = ResultCache.open(root, key('k1'), warn);
    expect(reopened.get(hash, 'x.py')).toEqual({ usesMlflow: true, syntaxErrors: 0, findings: [{ ...FINDING, path: 'x.py' }] });
    expect(ResultCache.open(root, key('k2'), warn).get(hash, 'x.py')).toBeUndefined();
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('*\n');
    expect(readFileSync(join(root, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    expect(warnings).toEqual([]);
  });

  it('leaves a directory it did not create as it was: no .gitignore replaced, no backup tag', () => {
    const root = tempDir('cache-existing');
    writeFileSync(join(root, '.gitignore'), 'build/\n');
    const cache = ResultCache.open(root, key('k1'), warn);
    cache.set('abc', { usesMlflow: true, syntaxErrors: 0, findings: [] });
    cache.save();
    expect(ResultCache.open(root, key('k1'), warn).get('abc', 'x.py')).toBeDefined();
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('build/\n');
    expect(existsSync(join(root, 'CACHEDIR.TAG'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('does not read an index made for another key that names the same directory (a hash collision)', () => {
    const root = tempDir('cache-collision');
    const hash = contentHash('python', 'x.py', Buffer.from('import mlflow\n'));
    const first = ResultCache.open(root, key('k', 'one material'), warn);
    first.set(hash, { usesMlflow: true, syntaxErrors: 0, findings: [] });
    first.save();
    expect(ResultCache.open(root, key('k', 'one material'), warn).get(hash, 'x.py')).toBeDefined();
    const other = ResultCache.open(root, key('k', 'another material'), warn);
    expect(other.get(hash, 'x.py')).toBeUndefined();
    // Its save replaces the index: the first key's results are gone, not mixed in.
    other.set('def', { usesMlflow: false, syntaxErrors: 0, findings: [] });
    other.save();
    expect(ResultCache.open(root, key('k', 'one material'), warn).get(hash, 'x.py')).toBeUndefined();
    expect(ResultCache.open(root, key('k', 'another material'), warn).get('def', 'y.py')).toBeDefined();
    expect(warnings).toEqual([]);
  });

  it('keys by content, kind and path, not by time', () => {
    const bytes = Buffer.from('import mlflow\n');
    const key = contentHash('python', 'a.py', bytes);
    expect(contentHash('python', 'a.py', Buffer.from('import mlflow\n'))).toBe(key);
    expect(contentHash('python', 'a.py', Buffer.from('import mlflow \n'))).not.toBe(key);
    expect(contentHash('notebook', 'a.py', bytes)).not.toBe(key);
    expect(contentHash('python', 'b/a.py', bytes)).not.toBe(key);
  });

  it('stamps a file with what stat said when it was read, and trusts the stamp until stat changes', async () => {
    const root = tempDir('cache-stamps');
    const project = tempDir('cache-stamped');
    const file = join(project, 'a.py');
    writeFileSync(file, 'import mlflow\n');
    // Stamps are only taken of files older than a timestamp tick or two.
    await settled();
    const cache = ResultCache.open(root, key('k'), warn);
    expect(cache.unchanged('a.py', file)).toBeUndefined();
    cache.stamp('a.py', statSync(file), readFileSync(file), 'h1');
    cache.save();
    expect(ResultCache.open(root, key('k'), warn).unchanged('a.py', file)).toBe('h1');
    // Another path, another generation, or a changed file: no stamp.
    expect(ResultCache.open(root, key('k'), warn).unchanged('b.py', file)).toBeUndefined();
    expect(ResultCache.open(root, key('k2'), warn).unchanged('a.py', file)).toBeUndefined();
    writeFileSync(file, 'import mlflaw\n');
    expect(ResultCache.open(root, key('k'), warn).unchanged('a.py', file)).toBeUndefined();
    rmSync(file);
    expect(ResultCache.open(root, key('k'), warn).unchanged('a.py', file)).toBeUndefined();
    expect(warnings).toEqual([]);
  }, 10_000);

  it('takes no stamp of a file changed too recently, or whose size is not what was read', async () => {
    const root = tempDir('cache-racy');
    const project = tempDir('cache-racy-project');
    const fresh = join(project, 'fresh.py');
    writeFileSync(fresh, 'import mlflow\n');
    const cache = ResultCache.open(root, key('k'), warn);
    cache.stamp('fresh.py', statSync(fresh), readFileSync(fresh), null);
    const old = join(project, 'old.py');
    writeFileSync(old, 'import mlflow\n');
    await settled();
    cache.stamp('old.py', statSync(old), Buffer.from('import mlflow\nmore\n'), null);
    cache.save();
    const reopened = ResultCache.open(root, key('k'), warn);
    expect(reopened.unchanged('fresh.py', fresh)).toBeUndefined();
    expect(reopened.unchanged('old.py', old)).toBeUndefined();
  }, 10_000);

  it('writes nothing when nothing was added', () => {
    const root = tempDir('cache-empty');
    ResultCache.open(root, key('k'), warn).save();
    expect(readdirSync(root)).toEqual([]);
  });

  it('warns once about a corrupt index, ignores it, and replaces it on save', () => {
    const root = tempDir('cache-corrupt');
    const dir = join(root, `v${CACHE_FORMAT}-k`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), '{"format": 1, "entries": {"abc": [1, 0, [');
    const cache = ResultCache.open(root, key('k'), warn);
    expect(cache.get('abc', 'x.py')).toBeUndefined();
    cache.set('def', { usesMlflow: false, syntaxErrors: 0, findings: [] });
    cache.save();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt/);
    expect(ResultCache.open(root, key('k'), warn).get('def', 'y.py')).toEqual({ usesMlflow: false, syntaxErrors: 0, findings: [] });
  });

  it('warns once when the cache directory is unusable, and goes on', () => {
    const parent = tempDir('cache-unusable');
    const root = join(parent, 'not-a-directory');
    writeFileSync(root, 'a file where the cache directory should be');
    const cache = ResultCache.open(root, key('k'), warn);
    cache.set('abc', { usesMlflow: true, syntaxErrors: 0, findings: [] });
    cache.save();
    cache.save();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot read the cache .*ENOTDIR/);
  });

  it('warns once when the index cannot be written, and goes on', () => {
    const root = tempDir('cache-unwritable');
    // The temporary file the save writes is taken by a directory.
    mkdirSync(join(root, `v${CACHE_FORMAT}-k`, `results.json.${process.pid}.tmp`), { recursive: true });
    const cache = ResultCache.open(root, key('k'), warn);
    cache.set('abc', { usesMlflow: true, syntaxErrors: 0, findings: [] });
    cache.save();
    cache.save();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot write the cache .*EISDIR/);
  });
});

describe('check with the cache', () => {
  let project: string;
  let cacheHome: string;
  const savedXdg = process.env.XDG_CACHE_HOME;
  beforeEach(() => {
    project = tempDir('cache-project');
    cacheHome = tempDir('cache-home');
    process.env.XDG_CACHE_HOME = cacheHome;
    writeFileSync(join(project, 'train.py'), 'import mlflow\nmlflow.evaluate(m, d, custom_metrics=[rmse])\n');
    writeFileSync(join(project, 'plain.py'), 'print("no tracking here")\n');
  });
  afterEach(() => {
    if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedXdg;
  });
  /** A stamp as the index stores it: the path, then size, mtime, ctime, inode and entry key. */
  type StoredStamp = [string, number, number, number, number, string | null];
  const stampOf = (index: { stamps: StoredStamp[] }, path: string) => index.stamps.find((s) => s[0] === path)!;
  const check = (cache: boolean, notice?: (m: string) => void) => runCheck({ paths: ['.'], cwd: project, parser: 'native', select: ['MLF104'], cache, jobs: 1, notice });
  const indexFile = () => {
    const root = join(cacheHome, 'mlflow-migrate');
    const generation = readdirSync(root).find((n) => n.startsWith('v'))!;
    return join(root, generation, 'results.json');
  };

  it('serves a warm run from the cache: a planted entry is what the check reports', async () => {
    const cold = await check(true);
    expect(cold.findings.map((f) => f.code)).toEqual(['MLF104']);
    // Only files that mention mlflow are worth an entry.
    const index = JSON.parse(readFileSync(indexFile(), 'utf8')) as { format: number; entries: Record<string, { findings: Finding[] }> };
    expect(Object.keys(index.entries)).toHaveLength(1);
    const entry = Object.values(index.entries)[0]!;
    entry.findings[0]!.message = 'planted in the cache';
    writeFileSync(indexFile(), JSON.stringify(index));

    const warm = await check(true);
    expect(warm.findings.map((f) => [f.path, f.message])).toEqual([['train.py', 'planted in the cache']]);
    expect(warm.files.find((f) => f.path === 'train.py')!.source?.text).toContain('custom_metrics');
  });

  it('keeps its results in --cache-dir (relative to the working directory) instead of the default place', async () => {
    const inDir = (dir: string) => runCheck({ paths: ['.'], cwd: project, parser: 'native', select: ['MLF104'], cache: true, jobs: 1, cacheDir: dir });
    await inDir('ci/mm-cache');
    const root = join(project, 'ci', 'mm-cache');
    const generation = readdirSync(root).find((n) => /^v\d+-/.test(n))!;
    const index = JSON.parse(readFileSync(join(root, generation, 'results.json'), 'utf8')) as { entries: Record<string, { findings: Finding[] }> };
    expect(existsSync(join(cacheHome, 'mlflow-migrate'))).toBe(false);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('*\n');
    // Served from there on the next run.
    Object.values(index.entries)[0]!.findings[0]!.message = 'planted in the cache';
    writeFileSync(join(root, generation, 'results.json'), JSON.stringify(index));
    expect((await inDir('ci/mm-cache')).findings.map((f) => f.message)).toEqual(['planted in the cache']);
    expect((await inDir(join(project, 'elsewhere'))).findings.map((f) => f.message)).not.toEqual(['planted in the cache']);
  });

  it('never serves the result of other bytes: an edited file is analysed again', async () => {
    await check(true);
    writeFileSync(join(project, 'train.py'), 'import mlflow\n\nmlflow.evaluate(m, d, custom_metrics=[rmse])\n');
    const after = await check(true);
    const train = after.files.find((f) => f.path === 'train.py')!;
    expect(train.findings.map((f) => train.source!.positionOf(f.start).line)).toEqual([3]);
  });

  it('does not read a file whose stat is unchanged since the run that read it', async () => {
    await settled();
    const cold = await check(true);
    expect(cold.findings.map((f) => f.code)).toEqual(['MLF104']);
    const index = JSON.parse(readFileSync(indexFile(), 'utf8')) as { entries: Record<string, unknown>; stamps: StoredStamp[] };
    expect(index.stamps.map((s) => s[0]).sort()).toEqual(['plain.py', 'train.py']);
    expect(stampOf(index, 'plain.py')[5]).toBeNull();
    // The stamp of train.py now points at an entry without findings: a warm run that trusts the
    // stamp reports none, which it could not if it had read the file.
    index.entries.planted = { usesMlflow: true, syntaxErrors: 0, findings: [] };
    stampOf(index, 'train.py')[5] = 'planted';
    writeFileSync(indexFile(), JSON.stringify(index));
    expect((await check(true)).findings).toEqual([]);
    // Touched (same bytes, new times): read, hashed and analysed again.
    const later = new Date(Date.now() - 60_000);
    utimesSync(join(project, 'train.py'), later, later);
    expect((await check(true)).findings.map((f) => f.code)).toEqual(['MLF104']);
  }, 15_000);

  it('serves a stamped file with findings from its stamp\'s entry when the stat of its read still matches', async () => {
    await settled();
    const cold = await check(true);
    expect(cold.findings.map((f) => f.code)).toEqual(['MLF104']);
    const index = JSON.parse(readFileSync(indexFile(), 'utf8')) as { entries: Record<string, { findings: Finding[] }>; stamps: StoredStamp[] };
    const hash = stampOf(index, 'train.py')[5]!;
    index.entries[hash]!.findings[0]!.message = 'planted in the stamped entry';
    writeFileSync(indexFile(), JSON.stringify(index));
    const warm = await check(true);
    expect(warm.findings.map((f) => f.message)).toEqual(['planted in the stamped entry']);
    expect(warm.files.find((f) => f.path === 'train.py')!.source?.text).toContain('custom_metrics');
    // Touched (same bytes, new times): the stat of the read differs, so it is hashed and looked up again.
    const later = new Date(Date.now() - 60_000);
    utimesSync(join(project, 'train.py'), later, later);
    expect((await check(true)).findings.map((f) => f.message)).toEqual(['planted in the stamped entry']);
    // Edited: analysed again.
    writeFileSync(join(project, 'train.py'), 'import mlflow\n\nmlflow.evaluate(m, d, custom_metrics=[rmse])\n');
    expect((await check(true)).findings.map((f) => f.message)).not.toContain('planted in the stamped entry');
  }, 15_000);

  it('names the parser that auto chose when the cache was filled, without loading one', async () => {
    await check(true);
    const index = JSON.parse(readFileSync(indexFile(), 'utf8')) as { autoBackend?: string };
    expect(index.autoBackend).toBeUndefined();
    const auto = () => runCheck({ paths: ['.'], cwd: project, select: ['MLF104'], cache: true, jobs: 1 });
    const filled = await auto();
    expect(JSON.parse(readFileSync(indexFile(), 'utf8')).autoBackend).toBe(filled.parserBackend);
    writeFileSync(indexFile(), JSON.stringify({ ...JSON.parse(readFileSync(indexFile(), 'utf8')), autoBackend: 'planted' }));
    expect((await auto()).parserBackend).toBe('planted');
    // An explicit --parser is what it says.
    expect((await check(true)).parserBackend).toBe('native');
  });

  it('is neither read nor written unless asked for (fix analyses without it)', async () => {
    await check(false);
    expect(existsSync(join(cacheHome, 'mlflow-migrate'))).toBe(false);
  });

  it('survives a corrupt index with one warning and the right findings', async () => {
    await check(true);
    writeFileSync(indexFile(), 'not json');
    const notices: string[] = [];
    const result = await check(true, (m) => notices.push(m));
    expect(result.findings.map((f) => f.code)).toEqual(['MLF104']);
    expect(notices.filter((n) => /corrupt/.test(n))).toHaveLength(1);
  });
});
