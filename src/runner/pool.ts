import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { contentHash, type ResultCache } from '../cache/index.js';
import type { FileProblem } from '../engine/types.js';
import type { ParserPreference } from '../parser/index.js';
import { SourceFile } from '../source/sourceFile.js';
import { kindOf, mayHoldFindings } from './fileKinds.js';
import { lazyBuiltin } from '../util/lazyBuiltin.js';
import { analyzeBytes, readSourceBytes, withoutFindings, type AnalysisSession, type FileResult, type ReadBuffer, type SessionSettings } from './run.js';

/** Files per message to a worker: small enough to balance the tail, large enough to amortise messaging. */
export const BATCH_SIZE = 8;
/** Batches a worker holds at once, so it never waits for the main thread between batches. */
const BATCHES_IN_FLIGHT = 2;
/** Bytes read but not yet analysed beyond which reading waits for the workers (bounds memory). */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;
/**
 * A worker's V8 heap budget (MB of old generation; MLFLOW_MIGRATE_WORKER_HEAP_MB overrides it).
 * With V8's default limits a worker lets its heap grow long before it collects, and two workers
 * peaked at ~340 MB on the monorepo benchmark (WASM parser; native trees add memory outside the
 * heap that V8 does not see). This budget keeps the default run under 200 MB at the same speed
 * with the WASM parser (~20% more CPU with the native one). A file whose analysis needs more
 * memory makes its worker fail: files that large go to the main thread, and a worker that fails
 * anyway hands its files back.
 */
const WORKER_OLD_GENERATION_MB = 160;
const WORKER_YOUNG_GENERATION_MB = 8;
/** Files above this size are analysed in the main thread, which has no heap budget. */
const MAX_WORKER_FILE_BYTES = 512 * 1024;

const workerThreads = lazyBuiltin<typeof import('node:worker_threads')>('node:worker_threads');

/** What a worker needs to build the same session as the main thread: plain, cloneable data. */
export interface WorkerSettings {
  parser: ParserPreference;
  sourceVersion: string;
  targetVersion: string;
  select?: string[];
  ignore?: string[];
  prefilter: boolean;
}

export interface WorkItem {
  /** Position in the discovered files: results are merged back in this order. */
  index: number;
  absolute: string;
  display: string;
  bytes: Uint8Array;
}

/** A file's result without its paths and source: plain data, what workers send and the cache keeps. */
export type FileData = Omit<FileResult, 'path' | 'absolute' | 'source'>;

/** A worker's result for one file: serializable (no SourceFile, no tree). */
export interface WorkOutcome {
  index: number;
  result?: FileData;
  problem?: FileProblem;
  /** Sent back only for files with findings: the main thread rebuilds their SourceFile from them. */
  bytes?: Uint8Array;
}

export interface WorkRequest {
  id: number;
  items: WorkItem[];
}

export type WorkerMessage =
  | { type: 'notice'; message: string }
  | { type: 'done'; id: number; backend: string; outcomes: WorkOutcome[] };

/**
 * The default `--jobs`: one worker per core, on machines with more than two; in-process on one or
 * two. One analysis thread keeps ~1.4 cores busy (V8 compiles and collects on background threads),
 * so on two cores workers only compete with each other: two workers against the main thread alone
 * measured 1.51 s against 1.35 s on 800 MLflow files (10 MB) and 2.10 s against 2.05 s on 1,600
 * (20 MB), with 35-40% more CPU (docs/benchmark.md). An explicit `--jobs N` is taken as given.
 */
export function defaultJobs(cores = availableParallelism()): number {
  return cores <= 2 ? 1 : cores;
}

/**
 * The compiled worker script, or undefined when running from TypeScript sources (vitest): a
 * worker cannot load .ts files, and the in-process path gives the same results.
 */
export function workerScript(): URL | undefined {
  // In the bundle (dist/bundle/*.cjs, scripts/bundle.mjs) a worker starts from its own entry, which
  // loads the worker script through the code cache.
  if (import.meta.url.endsWith('.cjs')) return new URL('./worker-main.cjs', import.meta.url);
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;
}

function workerResourceLimits(): ResourceLimits {
  const override = Number(process.env.MLFLOW_MIGRATE_WORKER_HEAP_MB);
  return { maxOldGenerationSizeMb: override > 0 ? override : WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
}

/**
 * Less source to analyse than this (bytes of the files that pass the prefilter) stays in-process.
 * A worker spends ~0.3 s of CPU getting ready (bundle, MLflow API index, WASM compile) and one
 * thread analyses 2-6 MB/s of MLflow files (docs/benchmark.md), so J workers can only win once the
 * work exceeds about ready x J/(J-1): some 2 MB x J/(J-1).
 */
export function minBytesForPool(jobs: number): number {
  const override = Number(process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES);
  if (Number.isInteger(override) && override >= 0) return override;
  return Math.round((POOL_BYTES_PER_WORKER_START * jobs) / Math.max(1, jobs - 1));
}

const POOL_BYTES_PER_WORKER_START = 2 * 1024 * 1024;

interface Slot {
  worker: Worker;
  inFlight: Map<number, WorkItem[]>;
  alive: boolean;
}

/**
 * worker_threads, each with its own parser and rules, fed batches of files on demand. Outcomes
 * are collected unordered (the caller orders them). A worker that fails hands its files back
 * through `orphaned`, for the caller to analyse in-process.
 */
export class WorkerPool {
  readonly outcomes: WorkOutcome[] = [];
  readonly orphaned: WorkItem[] = [];
  backend: string | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: WorkItem[][] = [];
  private backlog = 0;
  private nextId = 0;
  private closing = false;
  private wake: (() => void) | undefined;
  private readonly notices = new Set<string>();

  constructor(
    script: URL,
    jobs: number,
    settings: WorkerSettings,
    private readonly notice: (message: string) => void,
    /** Called as batches come back, with how many files they held (progress). */
    private readonly onOutcomes: (count: number) => void = () => {},
  ) {
    for (let i = 0; i < jobs; i++) {
      const worker = new (workerThreads().Worker)(script, { workerData: settings, resourceLimits: workerResourceLimits() });
      const slot: Slot = { worker, inFlight: new Map(), alive: true };
      worker.on('message', (message: WorkerMessage) => this.receive(slot, message));
      worker.on('error', (err) => this.lose(slot, err.message));
      worker.on('exit', (code) => { if (!this.closing) this.lose(slot, `exited with code ${code}`); });
      this.slots.push(slot);
    }
  }

  submit(items: WorkItem[]): void {
    if (!items.length) return;
    this.queue.push(items);
    this.backlog += items.reduce((sum, item) => sum + item.bytes.byteLength, 0);
    this.pump();
  }

  /** Resolves once the bytes waiting for a worker fall below `limit`. */
  async backlogBelow(limit: number): Promise<void> {
    while (this.backlog >= limit && this.busy()) await this.nextEvent();
  }

  /** Waits for every submitted file, then stops the workers. */
  async finish(): Promise<void> {
    while (this.busy()) await this.nextEvent();
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private busy(): boolean {
    return this.queue.length > 0 || this.slots.some((s) => s.inFlight.size > 0);
  }

  private nextEvent(): Promise<void> {
    return new Promise((resolve) => { this.wake = resolve; });
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.alive && slot.inFlight.size < BATCHES_IN_FLIGHT && this.queue.length) {
        const items = this.queue.shift()!;
        this.backlog -= items.reduce((sum, item) => sum + item.bytes.byteLength, 0);
        const id = this.nextId++;
        slot.inFlight.set(id, items);
        slot.worker.postMessage({ id, items } satisfies WorkRequest);
      }
    }
    if (this.slots.every((s) => !s.alive)) {
      // No worker left: everything still queued goes back to the caller.
      for (const items of this.queue.splice(0)) this.orphaned.push(...items);
      this.backlog = 0;
    }
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'notice') {
      // Every worker makes the same parser choice: say it once.
      if (!this.notices.has(message.message)) { this.notices.add(message.message); this.notice(message.message); }
      return;
    }
    slot.inFlight.delete(message.id);
    this.backend ??= message.backend;
    this.outcomes.push(...message.outcomes);
    this.onOutcomes(message.outcomes.length);
    this.pump();
    this.signal();
  }

  private lose(slot: Slot, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const items of slot.inFlight.values()) this.orphaned.push(...items);
    slot.inFlight.clear();
    const message = `mlflow-migrate: a worker thread failed (${reason}); analysing its files in the main thread`;
    if (!this.notices.has(message)) { this.notices.add(message); this.notice(message); }
    this.pump();
    this.signal();
  }
}

export interface AnalyzeFilesContext {
  settings: SessionSettings;
  /** Absent when the session cannot be rebuilt in a worker (rules given as objects, in tests). */
  workerSettings?: WorkerSettings;
  jobs: number;
  cache?: ResultCache;
  /** The in-process session, created on first use (a fully cached run never loads a parser). */
  session: () => Promise<AnalysisSession>;
  /** The parser asked for: with `auto`, a run that parses nothing reports what `auto` chose when the cache was filled. */
  parser: ParserPreference;
  notice: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface AnalyzedFiles {
  files: FileResult[];
  problems: FileProblem[];
  parserBackend: string;
}

interface DiscoveredFileRef {
  absolute: string;
  display: string;
}

/**
 * The per-file loop of a check. The main thread reads every file (synchronously: ten times faster
 * than fs.promises for thousands of small files), drops those that never mention MLflow, serves
 * cached results, and analyses the rest with `analyzeBytes`: in-process, or in the worker pool
 * once there are enough of them to pay for starting it. Results come back in discovery order.
 */
export async function analyzeFiles(files: readonly DiscoveredFileRef[], context: AnalyzeFilesContext): Promise<AnalyzedFiles> {
  const { settings, cache } = context;
  const results: Array<FileResult | undefined> = new Array(files.length);
  const problems: Array<FileProblem | undefined> = new Array(files.length);
  const hashes = new Map<number, string>();
  const script = context.jobs > 1 && context.workerSettings ? workerScript() : undefined;
  const minPoolBytes = minBytesForPool(context.jobs);
  let pendingBytes = 0;
  let pool: WorkerPool | undefined;
  let pending: WorkItem[] = [];
  let backend: string | undefined;
  // Timed only when asked for: the first use of `performance` loads perf_hooks (~2 ms of a start).
  const now = process.env.MLFLOW_MIGRATE_STATS ? () => performance.now() : () => 0;
  const stats = { files: files.length, prefiltered: 0, cached: 0, inProcess: 0, inWorkers: 0, started: now(), poolAt: 0, scanned: 0 };
  const readBuffer: ReadBuffer = { buffer: Buffer.allocUnsafeSlow(256 * 1024) };

  // Progress counts files finished (dropped, served from the cache, or analysed), not just read.
  let finished = 0;
  const progress = () => context.onProgress?.(++finished, files.length);
  /** `counted`: a worker's file, whose progress was counted when its batch came back. */
  const record = (index: number, outcome: { result?: FileResult; problem?: FileProblem }, counted = false) => {
    if (!counted) progress();
    results[index] = outcome.result;
    problems[index] = outcome.problem;
    const hash = hashes.get(index);
    if (cache && hash && outcome.result && !outcome.problem) cache.set(hash, fileData(outcome.result));
  };
  const analyzeHere = async (items: WorkItem[]) => {
    if (!items.length) return;
    const session = await context.session();
    backend ??= session.parser.backend;
    for (const item of items) {
      stats.inProcess++;
      record(item.index, analyzeBytes(item.absolute, item.display, item.bytes, session));
      // Native trees are freed by the garbage collector only on a later turn of the event loop.
      await yieldToEventLoop();
    }
  };

  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    // A file unchanged since a run that read it: its outcome without reading it, unless it has
    // findings, whose code the reporters show (that file is read, and its read's stat is checked).
    const shown = cache?.stampedWithFindings(file.display);
    const known = shown ? undefined : cache?.unchanged(file.display, file.absolute);
    if (known === null) { results[index] = withoutFindings(file.display, file.absolute); stats.prefiltered++; progress(); continue; }
    const stamped = known ? cache!.get(known, file.display) : undefined;
    if (stamped) { results[index] = withPaths(file, stamped); stats.cached++; progress(); continue; }
    const read = readSourceBytes(file.absolute, file.display, readBuffer);
    if ('problem' in read) { problems[index] = read.problem; progress(); continue; }
    // Read with the stat its stamp holds, it is the text the stamp's entry was made from: no
    // prefilter or hashing again.
    if (shown && cache!.hasStamp(file.display, read.stats)) { results[index] = fromCache(file, cache!.get(shown, file.display)!, new Uint8Array(read.bytes)); stats.cached++; progress(); continue; }
    // Bytes that cannot hold a finding (Python: no `mlflow` in them): no hashing, decoding or parsing.
    if (settings.prefilter && !mayHoldFindings(file.display, read.bytes)) {
      results[index] = withoutFindings(file.display, file.absolute);
      cache?.stamp(file.display, read.stats, read.bytes, null);
      stats.prefiltered++;
      progress();
      continue;
    }
    // Kept beyond the next read (a SourceFile or a batch may hold them): out of the shared buffer.
    const bytes = new Uint8Array(read.bytes);
    if (cache) {
      // The kind the file is analysed as: with its bytes, as a file named explicitly is classified by its `#!` line.
      const hash = contentHash(kindOf(file.display, bytes).name, file.display, bytes);
      cache.stamp(file.display, read.stats, bytes, hash);
      const cached = cache.get(hash, file.display);
      if (cached) { results[index] = fromCache(file, cached, bytes); stats.cached++; progress(); continue; }
      hashes.set(index, hash);
    }
    const item: WorkItem = { index, absolute: file.absolute, display: file.display, bytes };
    if (script && bytes.byteLength > MAX_WORKER_FILE_BYTES) { await analyzeHere([item]); continue; }
    pending.push(item);
    pendingBytes += bytes.byteLength;
    if (!script) {
      // No workers: the files are analysed once all are read (or once they would hold more memory
      // than a worker's backlog). Analysing each as it was read made the reading loop wait on an
      // `await` per file: cold monorepo check 762 against 720 ms, MLflow-heavy 575 against 562 ms
      // (15 interleaved rounds).
      if (pendingBytes >= MAX_BACKLOG_BYTES) { await analyzeHere(pending.splice(0)); pendingBytes = 0; }
      continue;
    }
    if (!pool && pendingBytes >= minPoolBytes) {
      pool = new WorkerPool(script, context.jobs, context.workerSettings!, context.notice, (count) => { for (let i = 0; i < count; i++) progress(); });
      stats.poolAt = now();
    }
    if (pool) {
      while (pending.length >= BATCH_SIZE) pool.submit(pending.splice(0, BATCH_SIZE));
      await pool.backlogBelow(MAX_BACKLOG_BYTES);
    }
    // Lets worker replies in, so idle workers get their next batch while reading goes on.
    if (index % 64 === 63) await yieldToEventLoop();
  }

  stats.scanned = now();
  if (pool) {
    pool.submit(pending);
    pending = [];
    await pool.finish();
    backend ??= pool.backend;
    stats.inWorkers = pool.outcomes.length;
    for (const outcome of pool.outcomes) record(outcome.index, fromWorker(files[outcome.index]!, outcome), true);
    await analyzeHere(pool.orphaned);
  } else {
    await analyzeHere(pending);
  }

  // Where the files went: for tests and for anyone asking why a run is slow.
  if (process.env.MLFLOW_MIGRATE_STATS) {
    const ms = (t: number) => `${Math.round(t - stats.started)} ms`;
    // performance.now() counts from the process's start: what came before the files (start-up, configuration, discovery).
    const timing = `files from ${Math.round(stats.started)} ms after start; read all after ${ms(stats.scanned)}${pool ? `, workers started after ${ms(stats.poolAt)}` : ''}, done after ${ms(now())}`;
    process.stderr.write(`mlflow-migrate: stats: ${stats.files} files, ${stats.prefiltered} without mlflow, ${stats.cached} cached, ${stats.inProcess} analysed in-process, ${stats.inWorkers} in ${pool ? context.jobs : 0} workers; ${timing}\n`);
  }
  // Nothing was parsed (all cached or no MLflow): the backend a parse would have used, without
  // loading a parser only to name it when the cache knows what `auto` chose.
  const parserBackend = backend ?? (context.parser === 'auto' ? cache?.autoBackend : undefined) ?? (await context.session()).parser.backend;
  if (context.parser === 'auto') cache?.noteAutoBackend(parserBackend);
  return {
    files: results.filter((r): r is FileResult => r !== undefined),
    problems: problems.filter((p): p is FileProblem => p !== undefined),
    parserBackend,
  };
}

/** What of a FileResult crosses threads and goes into the cache. */
export function fileData(result: FileResult): FileData {
  const { path: _path, absolute: _absolute, source: _source, ...data } = result;
  return data;
}

/** A file's result from plain data (the cache's, a worker's), with its paths back. */
function withPaths(file: DiscoveredFileRef, data: FileData): FileResult {
  return { path: file.display, absolute: file.absolute, ...data };
}

function fromCache(file: DiscoveredFileRef, cached: FileData, bytes: Uint8Array): FileResult {
  const result = withPaths(file, cached);
  if (cached.findings.length) result.source = sourceFrom(file.display, bytes);
  return result;
}

function fromWorker(file: DiscoveredFileRef, outcome: WorkOutcome): { result?: FileResult; problem?: FileProblem } {
  if (!outcome.result) return { problem: outcome.problem };
  const result = withPaths(file, outcome.result);
  if (outcome.result.findings.length) result.source = sourceFrom(file.display, outcome.bytes!);
  return { result, problem: outcome.problem };
}

/** Code frames and fixes need the decoded file; it decoded before, so it decodes again. */
function sourceFrom(display: string, bytes: Uint8Array): SourceFile {
  const source = SourceFile.fromBytes(display, bytes);
  if ('error' in source) throw new Error(`mlflow-migrate: internal error: ${display} no longer decodes: ${source.error}`);
  return source;
}
