import { closeSync, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { ALL_RULES, KNOWN_CODES } from '../../rules/index.js';
import type { AnalyzerOptions } from '../engine/analyze.js';
import type { ProjectSettings } from '../config/project.js';
import { factsOf, type ProjectFacts } from '../manifests/facts.js';
import { applyProjectOutcome, projectFindings } from '../manifests/project.js';
import { openResultCache } from '../cache/index.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { discoverFiles, type DiscoveryResult } from '../discovery/discover.js';
import type { RuleDefinition } from '../engine/rule.js';
import { selectRules } from '../engine/selection.js';
import type { FileProblem, Finding } from '../engine/types.js';
import { DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION } from '../engine/versions.js';
import { createParser, type ParserPreference, type PythonParser } from '../parser/index.js';
import { loadMlflowApi } from '../semantic/apiIndex.js';
import { SourceFile } from '../source/sourceFile.js';
import { analyzeByKind, discoveryPatterns, mayHoldFindings } from './fileKinds.js';
import { analyzeFiles, defaultJobs } from './pool.js';

/** Files larger than this are reported and skipped: generated code, data dumps. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface CheckOptions {
  paths: string[];
  cwd: string;
  exclude?: string[];
  gitignore?: boolean;
  parser?: ParserPreference;
  sourceVersion?: string;
  targetVersion?: string;
  select?: string[];
  ignore?: string[];
  /** Rules to run instead of the built-in catalogue (tests). */
  rules?: readonly RuleDefinition[];
  /** Byte and trigger-word prefilters (disable only to prove they change nothing). */
  prefilter?: boolean;
  /** One-line notices for stderr (parser fallback). */
  notice?: (message: string) => void;
  /** Worker threads that parse (default: one per core, none on two cores or fewer; 1: in-process). Small runs stay in-process. */
  jobs?: number;
  /** Serve and store results in the content-keyed cache (src/cache/). Off unless asked: only `check` asks. */
  cache?: boolean;
  /** The cache's directory (`--cache-dir`, relative to `cwd`); default: `cacheRoot`'s choice. */
  cacheDir?: string;
  /** Configuration files: which findings count in which file, and `extend-exclude`. */
  project?: ProjectSettings;
  /** The files of `paths`, already discovered with these options (source-version detection walks the tree first). */
  discovered?: DiscoveryResult;
  /** Called as files are read: `(done, total)` (the CLI draws a progress line on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

export interface FileResult {
  path: string;
  absolute: string;
  findings: Finding[];
  /** Kept only for files with findings (code frames, fixes). */
  source?: SourceFile;
  usesMlflow: boolean;
  syntaxErrors: number;
  /** What manifests, scripts and notebooks say about the project (pins, declared packages): plain data. */
  facts?: ProjectFacts;
}

export interface RunResult {
  files: FileResult[];
  findings: Finding[];
  problems: FileProblem[];
  filesChecked: number;
  filesUsingMlflow: number;
  parserBackend: string;
  rules: RuleDefinition[];
  sourceVersion: string;
  targetVersion: string;
  /** The file the source version was read from, when it was detected from the project's pins. */
  sourceVersionFrom?: string;
}

/** A session without its parser: what decides the results besides the files (also the cache key's input). */
export interface SessionSettings {
  rules: RuleDefinition[];
  sourceVersion: string;
  targetVersion: string;
  prefilter: boolean;
}

export interface AnalysisSession extends SessionSettings {
  parser: PythonParser;
}

export function sessionSettings(options: CheckOptions): SessionSettings {
  const sourceVersion = options.sourceVersion ?? DEFAULT_SOURCE_VERSION;
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const rules = selectRules(options.rules ?? ALL_RULES, { select: options.select, ignore: options.ignore, sourceVersion, targetVersion });
  return { rules, sourceVersion, targetVersion, prefilter: options.prefilter ?? true };
}

export async function createSession(options: CheckOptions): Promise<AnalysisSession> {
  const parser = await createParser(options.parser ?? 'auto', options.notice);
  return { parser, ...sessionSettings(options) };
}

/** Reads, decodes and analyses one file; problems are returned, never thrown. */
export async function checkOneFile(absolute: string, display: string, session: AnalysisSession, bytes?: Uint8Array): Promise<{ result?: FileResult; problem?: FileProblem }> {
  if (!bytes) {
    const read = readSourceBytes(absolute, display);
    if ('problem' in read) return read;
    bytes = read.bytes;
  }
  return analyzeBytes(absolute, display, bytes, session);
}

/** A buffer reused from file to file by a scan that keeps few of the files it reads. */
export interface ReadBuffer {
  buffer: Buffer;
}

/**
 * Reads a file to analyse. Synchronous: for thousands of small files ~10x faster than fs.promises.
 * With `reuse`, the bytes are a view into its buffer, valid until the next read (copy to keep them):
 * a monorepo scan then leaves no garbage behind for the 95% of files it drops.
 */
export function readSourceBytes(absolute: string, display: string, reuse?: ReadBuffer): { bytes: Uint8Array; stats: Stats } | { problem: FileProblem } {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const stats = fstatSync(fd);
    const size = stats.size;
    if (size > MAX_FILE_BYTES) {
      return { problem: { path: display, kind: 'read', message: `file too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB), skipped` } };
    }
    if (!reuse) return { bytes: readFileSync(fd), stats };
    let length = 0;
    for (;;) {
      // One spare byte: a read that fills the buffer may not have reached the end (a growing file).
      if (reuse.buffer.length < Math.max(size, length) + 1) reuse.buffer = grow(reuse.buffer, Math.max(size, length) + 1);
      const n = readSync(fd, reuse.buffer, length, reuse.buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // As many bytes as fstat said: done, as readFileSync is, without a read that returns nothing
      // (one system call in five; a file that grew goes on to the end, one of size 0 reads to it).
      if (length === size) break;
    }
    return { bytes: reuse.buffer.subarray(0, length), stats };
  } catch (err) {
    return { problem: { path: display, kind: 'read', message: `cannot read file: ${describeIoError(err)}` } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function grow(buffer: Buffer, atLeast: number): Buffer {
  const bigger = Buffer.allocUnsafeSlow(Math.max(atLeast, buffer.length * 2, 64 * 1024));
  buffer.copy(bigger);
  return bigger;
}

/** The result of a file that holds nothing to report (dropped by the prefilter, or nothing found). */
export function withoutFindings(path: string, absolute: string): FileResult {
  return { path, absolute, findings: [], usesMlflow: false, syntaxErrors: 0 };
}

/** The unit of work, in-process and in the workers: prefilter, decode and analyse one file's bytes. */
export function analyzeBytes(absolute: string, display: string, bytes: Uint8Array, session: AnalysisSession): { result?: FileResult; problem?: FileProblem } {
  const base = withoutFindings(display, absolute);
  // The byte prefilter of the file's kind: for Python, bytes that never mention mlflow.
  if (session.prefilter && !mayHoldFindings(display, bytes)) return { result: base };
  const source = SourceFile.fromBytes(display, bytes);
  if ('error' in source) return { problem: { path: display, kind: 'decode', message: source.error } };
  const analysis = analyzeByKind(source, analyzerOptions(session));
  const result: FileResult = { ...base, findings: analysis.findings, usesMlflow: analysis.usesMlflow, syntaxErrors: analysis.syntaxErrors };
  const facts = factsOf(analysis);
  if (facts) result.facts = facts;
  if (analysis.findings.length) result.source = source;
  return { result, problem: analysis.problems[0] };
}

/** The file with only the findings of the rules its configuration enables. */
export function withEnabledFindings(file: FileResult, project: ProjectSettings): FileResult {
  if (!file.findings.length) return file;
  return { ...file, findings: file.findings.filter((finding) => project.enables(file.absolute, finding.code)) };
}

/** A file that gained findings after analysis (a project-level check) needs its text for the reporters. */
function reloadSource(file: FileResult): SourceFile | undefined {
  const read = readSourceBytes(file.absolute, file.path);
  if ('problem' in read) return undefined;
  const source = SourceFile.fromBytes(file.path, read.bytes);
  return 'error' in source ? undefined : source;
}

/** What every analyzer needs from a session (the fixer re-analyses with the same). */
export function analyzerOptions(session: AnalysisSession): AnalyzerOptions {
  return { rules: session.rules, api: loadMlflowApi(), parser: session.parser, prefilter: session.prefilter, targetVersion: session.targetVersion, knownCodes: KNOWN_CODES };
}

function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOENT': return 'file not found (deleted during the run, or a broken link)';
    case 'ELOOP': return 'symbolic link loop';
    case 'EISDIR': return 'is a directory';
    default: return e.code ?? e.message;
  }
}

/** The files `check` reads under its paths, noting where configuration files are on the way. */
export function discoverForCheck(options: CheckOptions): Promise<DiscoveryResult> {
  return discoverFiles(options.paths, { cwd: options.cwd, exclude: options.exclude, gitignore: options.gitignore, patterns: discoveryPatterns(), noteNames: CONFIG_FILE_NAMES });
}

/** `mlflow-migrate check`: discover, analyse every file, and return findings in deterministic order. */
export async function runCheck(options: CheckOptions, existing?: AnalysisSession): Promise<RunResult> {
  // `fix` passes its own session: it re-analyses fixed text with the same parser and rules.
  const settings = existing ?? sessionSettings(options);
  let session: Promise<AnalysisSession> | undefined = existing && Promise.resolve(existing);
  const discovery = options.discovered ?? await discoverForCheck(options);
  options.project?.useListing(discovery.listing);
  const problems: FileProblem[] = discovery.problems.map((p) => ({ path: p.path, kind: 'read', message: p.message }));
  const notice = options.notice ?? (() => {});
  const cache = options.cache ? openResultCache(options.cwd, { ...settings, select: options.select, ignore: options.ignore }, notice, options.cacheDir) : undefined;
  const analyzed = await analyzeFiles(discovery.files, {
    settings,
    // Rules given as objects cannot be rebuilt in a worker: those runs stay in-process.
    workerSettings: options.rules ? undefined : {
      parser: options.parser ?? 'auto', sourceVersion: settings.sourceVersion, targetVersion: settings.targetVersion,
      select: options.select, ignore: options.ignore, prefilter: settings.prefilter,
    },
    jobs: options.jobs ?? defaultJobs(),
    cache,
    session: () => (session ??= createSession(options)),
    parser: options.parser ?? 'auto',
    notice,
    onProgress: options.onProgress,
  });
  cache?.save();
  problems.push(...analyzed.problems);
  const project = options.project;
  const included = project ? project.withoutExcluded(analyzed.files) : analyzed.files;
  // Checks across files (version skew between manifests, packages declared elsewhere), then each
  // file's configuration: `per-file-ignores` holds for the findings those checks add too.
  applyProjectOutcome(included, projectFindings(included, settings.rules));
  const files = project ? included.map((f) => withEnabledFindings(f, project)) : included;
  for (const file of files) if (file.findings.length && !file.source) file.source = reloadSource(file);
  return runResult(files, problems, settings, analyzed.parserBackend);
}

/** The result of a run over these files: findings in file order, counts, what was in effect. */
export function runResult(files: FileResult[], problems: FileProblem[], settings: SessionSettings, parserBackend: string): RunResult {
  return {
    files,
    findings: files.flatMap((f) => f.findings),
    problems,
    filesChecked: files.length,
    filesUsingMlflow: files.filter((f) => f.usesMlflow).length,
    parserBackend,
    rules: settings.rules,
    sourceVersion: settings.sourceVersion,
    targetVersion: settings.targetVersion,
  };
}
