import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from '../runner/run.js';
import { CACHE_FORMAT } from './key.js';

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

interface StoredIndex { format: number; entries: Record<string, CachedResult> }

/**
 * The entry key of a file: a hash of its content, its kind and its path. The path counts because
 * some kinds read it (a `*.in` file is a requirements file or not by its name, dependency facts
 * record where they come from); a moved file is analysed again, an edited one always.
 */
export function contentHash(kind: string, path: string, bytes: Uint8Array): string {
  return createHash('sha256').update(kind).update('\0').update(path).update('\0').update(bytes).digest('hex');
}

/**
 * Results by content hash, for one cache key, in a single index file read once at the start and
 * written once at the end (thousands of small files would cost more than the analysis they save).
 * Every failure (unreadable, corrupt, unwritable) is reported once through `warn` and the run
 * continues as if there were no cache.
 */
export class ResultCache {
  private entries: Record<string, CachedResult> = {};
  private readonly used = new Set<string>();
  private added = 0;
  private warned = false;
  private readonly generationDir: string;

  private constructor(private readonly root: string, key: string, private readonly warn: (message: string) => void) {
    this.generationDir = join(root, `v${CACHE_FORMAT}-${key}`);
  }

  static open(root: string, key: string, warn: (message: string) => void): ResultCache {
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
    this.added++;
  }

  /** Writes the index if this run added entries: atomically (temporary file, then rename). */
  save(): void {
    if (!this.added) return;
    try {
      const isNewGeneration = !exists(this.generationDir);
      mkdirSync(this.generationDir, { recursive: true });
      writeFileSync(join(this.root, '.gitignore'), '*\n');
      if (isNewGeneration) this.removeStaleGenerations();
      const entries = Object.keys(this.entries).length > MAX_ENTRIES
        ? Object.fromEntries([...this.used].map((h) => [h, this.entries[h]!]))
        : this.entries;
      const index: StoredIndex = { format: CACHE_FORMAT, entries };
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
      this.entries = index.entries;
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
