import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from '../runner/run.js';
import { CACHE_FORMAT, type CacheKey } from './key.js';
import { sha256Hex } from '../util/lazyBuiltin.js';

/**
 * What is cached per file: its result without the paths (restored on the way out) and the decoded
 * source. Plain JSON data, so a field added to FileResult is cached with no change here.
 */
export type CachedResult = Omit<FileResult, 'path' | 'absolute' | 'source'>;

/** Generations (key directories) not used for this long are deleted when a new one is created. */
const STALE_GENERATION_MS = 7 * 24 * 3600 * 1000;
/** Beyond this many entries, a save keeps only the files seen in this run (bounds the index). */
const MAX_ENTRIES = 50_000;
const INDEX_FILE = 'results.json';
/** https://bford.info/cachedir/: the signature line must come first. */
const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by mlflow-migrate.\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

/**
 * What `stat` said of a file when its bytes were last read, as git's index keeps it: size, mtime,
 * ctime and inode, then the entry key of those bytes (null: they failed the byte prefilter). A
 * file whose stat still says the same is not read again (CI checkouts change all four, so there
 * every file is read and hashed as before). The index stores them as a list, each with its path
 * first: parsed into a Map, 4,000 of them cost ~2 ms less than one object with a key per path
 * (`JSON.parse` in a fresh process, the monorepo's 715 KB index).
 */
type Stamp = [path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, hash: string | null];

/**
 * A file changed this recently may change again within the same timestamp tick (1-2 s on some
 * file systems) without its stat showing it: such files get no stamp.
 */
const RACY_MS = 2000;

interface StoredIndex {
  format: number;
  /** The material of the key this generation is named after (`CacheKey`). */
  key: string;
  entries: Record<string, CachedResult>;
  stamps: Stamp[];
  /** The parser backend `--parser auto` chose in the run that last analysed a file. */
  autoBackend?: string;
}

/**
 * The entry key of a file: a hash of its content, its kind and its path. The path counts because
 * some kinds read it (a `*.in` file is a requirements file or not by its name, dependency facts
 * record where they come from); a moved file is analysed again, an edited one always.
 */
export function contentHash(kind: string, path: string, bytes: Uint8Array): string {
  return sha256Hex(kind, '\0', path, '\0', bytes);
}

/**
 * Results by content hash, for one cache key, in a single index file read once at the start and
 * written once at the end (thousands of small files would cost more than the analysis they save).
 * Every failure (unreadable, corrupt, unwritable) is reported once through `warn` and the run
 * continues as if there were no cache.
 */
export class ResultCache {
  private entries: Record<string, CachedResult> = {};
  private stamps = new Map<string, Stamp>();
  private readonly used = new Set<string>();
  private readonly stamped = new Set<string>();
  /** Anything to write: an entry, a stamp or the parser `auto` chose. */
  private changed = false;
  private warned = false;
  /** The parser backend `--parser auto` chose when these results were made, if known. */
  autoBackend: string | undefined;
  private readonly generationDir: string;

  private constructor(private readonly root: string, private readonly key: CacheKey, private readonly warn: (message: string) => void) {
    this.generationDir = join(root, `v${CACHE_FORMAT}-${key.id}`);
  }

  static open(root: string, key: CacheKey, warn: (message: string) => void): ResultCache {
    const cache = new ResultCache(root, key, warn);
    cache.load();
    return cache;
  }

  get(hash: string, path: string): CachedResult | undefined {
    const entry = this.entries[hash];
    if (!entry) return undefined;
    this.used.add(hash);
    return { ...entry, findings: entry.findings.map((f) => ({ ...f, path })) };
  }

  set(hash: string, result: CachedResult): void {
    this.entries[hash] = { ...result, findings: result.findings.map((f) => ({ ...f, path: '' })) };
    this.used.add(hash);
    this.changed = true;
  }

  /**
   * The entry key recorded for the file at `path` when its stat has not changed since it was read
   * (null: its bytes failed the prefilter); undefined when it must be read.
   */
  unchanged(path: string, absolute: string): string | null | undefined {
    const stamp = this.stamps.get(path);
    if (!stamp) return undefined;
    let stats: Stats;
    try { stats = statSync(absolute); } catch { return undefined; }
    return this.hasStamp(path, stats) ? stamp[5] : undefined;
  }

  /**
   * The entry key the file at `path` was stamped with when that entry has findings, without asking
   * `stat` whether the stamp still holds: such a file is read anyway (the reporters show its
   * code), and `hasStamp` then checks the stat of that read.
   */
  stampedWithFindings(path: string): string | undefined {
    const hash = this.stamps.get(path)?.[5];
    return hash && this.entries[hash]?.findings.length ? hash : undefined;
  }

  /**
   * Whether `stats` (of the file as just read) are still those of the file's stamp; one that holds
   * counts as seen in this run, as `unchanged` counts it (a save that trims the index keeps it).
   */
  hasStamp(path: string, stats: Stats): boolean {
    const stamp = this.stamps.get(path);
    if (!stamp || !sameStat(stamp, stats)) return false;
    this.stamped.add(path);
    return true;
  }

  /** Records what the file's stat said when `bytes` were read from it, and their entry key. */
  stamp(path: string, stats: Stats, bytes: Uint8Array, hash: string | null): void {
    // A file that grew or shrank while it was read, or changed too recently to tell.
    if (stats.size !== bytes.byteLength || Date.now() - Math.max(stats.mtimeMs, stats.ctimeMs) < RACY_MS) return;
    const old = this.stamps.get(path);
    this.stamped.add(path);
    if (old && sameStat(old, stats) && old[5] === hash) return;
    this.stamps.set(path, [path, stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, hash]);
    this.changed = true;
  }

  noteAutoBackend(backend: string): void {
    if (backend === this.autoBackend) return;
    this.autoBackend = backend;
    this.changed = true;
  }

  /** Writes the index if this run changed it: atomically (temporary file, then rename). */
  save(): void {
    if (!this.changed) return;
    try {
      const isNewRoot = !exists(this.root);
      const isNewGeneration = isNewRoot || !exists(this.generationDir);
      mkdirSync(this.generationDir, { recursive: true });
      // Only in a directory the cache created: `--cache-dir` may name one that holds other things,
      // whose own .gitignore is not ours to replace, and which backups should not skip.
      if (isNewRoot) {
        writeFileSync(join(this.root, '.gitignore'), '*\n');
        // Backup and archiving tools (tar --exclude-caches, borg, restic) skip a directory tagged
        // so, as they do ruff's and pytest's caches.
        writeFileSync(join(this.root, 'CACHEDIR.TAG'), CACHEDIR_TAG);
      }
      if (isNewGeneration) this.removeStaleGenerations();
      const entries = Object.keys(this.entries).length > MAX_ENTRIES
        ? Object.fromEntries([...this.used].map((h) => [h, this.entries[h]!]))
        : this.entries;
      const stamps = this.stamps.size > MAX_ENTRIES
        ? [...this.stamped].map((p) => this.stamps.get(p)!)
        : [...this.stamps.values()];
      const index: StoredIndex = { format: CACHE_FORMAT, key: this.key.material, entries, stamps, autoBackend: this.autoBackend };
      const file = join(this.generationDir, INDEX_FILE);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(index));
      renameSync(temporary, file);
    } catch (err) {
      this.fail(`cannot write the cache in ${this.root} (${describe(err)}); results were not cached`);
    }
  }

  private load(): void {
    const file = join(this.generationDir, INDEX_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.fail(`cannot read the cache ${file} (${describe(err)}); continuing without it`);
      return;
    }
    try {
      const index = JSON.parse(text) as StoredIndex;
      if (index.format !== CACHE_FORMAT || typeof index.entries !== 'object' || index.entries === null) throw new Error('unexpected content');
      if (!Array.isArray(index.stamps)) throw new Error('unexpected content');
      // Another key whose hash names the same directory: its results are not this run's (the
      // next save replaces them).
      if (index.key !== this.key.material) return;
      this.entries = index.entries;
      for (const stamp of index.stamps) if (Array.isArray(stamp) && typeof stamp[0] === 'string') this.stamps.set(stamp[0], stamp);
      if (typeof index.autoBackend === 'string') this.autoBackend = index.autoBackend;
    } catch {
      // Overwritten by the next save.
      this.fail(`the cache ${file} is corrupt; ignoring it`);
      return;
    }
    // Marks the generation as in use (warm runs write nothing), so it is not pruned as stale.
    try { const now = new Date(); utimesSync(file, now, now); } catch { /* read-only cache: still usable */ }
  }

  private removeStaleGenerations(): void {
    const now = Date.now();
    for (const name of readdirSync(this.root)) {
      const dir = join(this.root, name);
      if (!/^v\d+-[0-9a-f]+$/.test(name) || dir === this.generationDir) continue;
      try {
        // A generation another run is still creating has no index yet: its directory's time counts.
        const used = lastUse(join(dir, INDEX_FILE)) ?? lastUse(dir) ?? 0;
        if (now - used > STALE_GENERATION_MS) rmSync(dir, { recursive: true, force: true });
      } catch { /* another run removed it, or no permission: leave it */ }
    }
  }

  private fail(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(`mlflow-migrate: warning: ${message}`);
  }
}

function sameStat(stamp: Stamp, stats: Stats): boolean {
  return stamp[1] === stats.size && stamp[2] === stats.mtimeMs && stamp[3] === stats.ctimeMs && stamp[4] === stats.ino;
}

function lastUse(path: string): number | undefined {
  try { return statSync(path).mtimeMs; } catch { return undefined; }
}

function exists(path: string): boolean {
  try { statSync(path); return true; } catch { return false; }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}
