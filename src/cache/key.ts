import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../../rules/index.js';
import type { RuleDefinition } from '../engine/rule.js';
import { sha256Hex } from '../util/lazyBuiltin.js';
import { packageRoot } from '../util/packageRoot.js';
import { TOOL_VERSION } from '../version.js';

/** Bumped when the layout or the meaning of a cache entry changes. */
export const CACHE_FORMAT = 5;

/** Everything besides a file's bytes that decides its findings. */
export interface CacheConfig {
  rules: readonly RuleDefinition[];
  sourceVersion: string;
  targetVersion: string;
  select?: string[];
  ignore?: string[];
  prefilter: boolean;
}

/**
 * The key of a cache generation: a result cached under another key is never read. It changes with
 * - the tool version and CACHE_FORMAT;
 * - the rule set: the code and full definition of every rule in effect (data as JSON, custom
 *   `visit` functions by their source text);
 * - the code that analyses: every compiled source file of the package (engine, semantic model,
 *   parser glue, rules, ...), the MLflow API index in data/, the WASM grammar and the versions of
 *   the tree-sitter packages, so a rebuilt engine never serves results of the old one;
 * - the configuration: source/target version, --select/--ignore, the prefilter switch.
 * The parser backend is not part of it: both backends must give identical findings (test/rules.test.ts).
 */
export interface CacheKey {
  /** Names the generation's directory: a 64-bit hash of `material`. */
  id: string;
  /**
   * Everything listed above, spelled out. The index records it, and an index that records other
   * material is not read: two keys whose hashes collide cost a re-analysis, never a wrong result.
   */
  material: string;
}

export function cacheKey(config: CacheConfig): CacheKey {
  const material = JSON.stringify({
    format: CACHE_FORMAT,
    tool: TOOL_VERSION,
    rules: rulesFingerprint(config.rules),
    code: codeFingerprint(),
    config: [config.sourceVersion, config.targetVersion, config.select ?? [], config.ignore ?? [], config.prefilter],
  });
  return { id: fnv1a64(material), material };
}

export function rulesFingerprint(rules: readonly RuleDefinition[]): string {
  // The package's own rules are code the code fingerprint covers: which are in effect is enough
  // (serialising all of them, docs and function sources, took ~2 ms of every run). Any other rule
  // object, a changed copy of one of them included, is serialised whole, and hashed.
  return rules.map((rule) => (BUILT_IN_RULES.has(rule)
    ? `built-in:${rule.code}:${rule.severity}`
    : sha256Hex(JSON.stringify(rule, (_key, value: unknown) => (typeof value === 'function' ? `fn:${value.toString()}` : value))))).join(',');
}

/**
 * FNV-1a over the UTF-16 code units of `text`, 64 bits, hex: the name of a generation's directory.
 * Not sha256, so that a cached run hashes nothing at all and never loads `node:crypto` (~10 ms of
 * its start); ruff names its cache files by a 64-bit non-cryptographic hash of their key too. What
 * a collision could do, `CacheKey.material` prevents.
 */
export function fnv1a64(text: string): string {
  // In four 16-bit limbs, low first (BigInt arithmetic cost ~2 ms for a 3 KB key in a cold
  // process). The prime is 2^40 + 0x1b3: each limb times 0x1b3, plus the limb two below times 2^8.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

const BUILT_IN_RULES: ReadonlySet<RuleDefinition> = new Set(ALL_RULES);

let codePrint: string | undefined;

/**
 * The package's own code and data (memoised: it cannot change during a run): each file's path from
 * the package root and the sha256 of its bytes, and the versions of the parser packages. The build
 * records the digests of the bundle's files (`writeFileDigests`); a file whose size and mtime are
 * still those recorded is not read again, which spares every run hashing ~3 MB. Spelled out for
 * the bundle's few files; hashed once more for the ~250 modules of an unbundled build.
 */
export function codeFingerprint(): string {
  if (codePrint) return codePrint;
  const { files, bundle } = fingerprintedFiles();
  const recorded = bundle ? readDigests(bundle) : undefined;
  const root = packageRoot();
  const parts = files.map((file) => {
    const name = nameInPackage(root, file);
    return `${name}:${digestOf(file, recorded?.[name])}`;
  });
  parts.push(parserPackageVersions());
  codePrint = bundle ? parts.join(',') : sha256Hex(parts.join(','));
  return codePrint;
}

/** Written next to the bundle by `npm run build` (scripts/bundle.mjs). */
const DIGESTS_FILE = 'file-digests.json';

interface RecordedDigest {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** Records the digest of every file the bundled CLI's fingerprint covers, for `codeFingerprint`. */
export function writeFileDigests(bundleDir: string): void {
  const root = packageRoot();
  const digests: Record<string, RecordedDigest> = {};
  for (const file of fingerprintedFiles(bundleDir).files) {
    const stat = statSync(file);
    digests[nameInPackage(root, file)] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256Of(file) };
  }
  writeFileSync(join(bundleDir, DIGESTS_FILE), JSON.stringify(digests));
}

/**
 * The files whose bytes decide findings. This module lives in <base>/src/cache/: <base> is dist/
 * for the built CLI, the checkout for tests; in the bundled CLI (scripts/bundle.mjs) it is part of
 * a file in dist/bundle/, all code.
 */
function fingerprintedFiles(bundleDir?: string): { files: string[]; bundle?: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundle = bundleDir ?? (basename(here) === 'bundle' ? here : undefined);
  const base = join(here, '..', '..');
  const root = packageRoot();
  const code = bundle ? codeFiles(bundle) : [...codeFiles(join(base, 'src')), ...codeFiles(join(base, 'rules'))];
  return { files: [...code, ...listFiles(join(root, 'data')), ...listFiles(join(root, 'grammars'))], bundle };
}

/** A file's path from the package root, with forward slashes: the same name on every system. */
function nameInPackage(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

function readDigests(bundleDir: string): Record<string, RecordedDigest> | undefined {
  try {
    return JSON.parse(readFileSync(join(bundleDir, DIGESTS_FILE), 'utf8')) as Record<string, RecordedDigest>;
  } catch {
    return undefined;
  }
}

function digestOf(file: string, recorded: RecordedDigest | undefined): string {
  if (recorded) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat && stat.size === recorded.size && stat.mtimeMs === recorded.mtimeMs) return recorded.sha256;
  }
  return sha256Of(file);
}

function sha256Of(file: string): string {
  return sha256Hex(readFileSync(file));
}

function codeFiles(dir: string): string[] {
  return listFiles(dir, true).filter((f) => /\.(js|ts|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'));
}

function listFiles(dir: string, recursive = false): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)).sort();
}

/** `name@version` of each parser package as installed (`name@-`: not installed). */
export function parserPackageVersions(): string {
  const require = createRequire(import.meta.url);
  return ['tree-sitter', 'tree-sitter-python', 'web-tree-sitter'].map((name) => `${name}@${installedVersion(require, name)}`).join(',');
}

/**
 * The version in a package's package.json, found where `require` would look for the package.
 * Not `require('<name>/package.json')`: a package whose `exports` leave package.json out
 * (web-tree-sitter's do) makes that throw, and its version went unrecorded.
 */
function installedVersion(require: NodeJS.Require, name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const manifest = join(dir, name, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '-';
    } catch {
      return '-';
    }
  }
  return '-';
}
