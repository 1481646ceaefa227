import { promises as fs } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ALL_RULES } from '../../rules/index.js';
import { discoverFiles } from '../discovery/discover.js';
import type { RuleDefinition } from '../engine/rule.js';
import { selectRules } from '../engine/selection.js';
import type { FileProblem, Finding } from '../engine/types.js';
import { DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION } from '../engine/versions.js';
import { createParser, type ParserPreference, type PythonParser } from '../parser/index.js';
import { loadMlflowApi } from '../semantic/apiIndex.js';
import { SourceFile } from '../source/sourceFile.js';
import { analyzeByKind, discoveryPatterns } from './fileKinds.js';

/** Files larger than this are reported and skipped: generated code, data dumps. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MLFLOW_BYTES = Buffer.from('mlflow');

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
}

export interface FileResult {
  path: string;
  absolute: string;
  findings: Finding[];
  /** Kept only for files with findings (code frames, fixes). */
  source?: SourceFile;
  usesMlflow: boolean;
  syntaxErrors: number;
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
}

export interface AnalysisSession {
  parser: PythonParser;
  rules: RuleDefinition[];
  sourceVersion: string;
  targetVersion: string;
  prefilter: boolean;
}

export async function createSession(options: CheckOptions): Promise<AnalysisSession> {
  const sourceVersion = options.sourceVersion ?? DEFAULT_SOURCE_VERSION;
  const targetVersion = options.targetVersion ?? DEFAULT_TARGET_VERSION;
  const parser = await createParser(options.parser ?? 'auto', options.notice);
  const rules = selectRules(options.rules ?? ALL_RULES, { select: options.select, ignore: options.ignore, sourceVersion, targetVersion });
  return { parser, rules, sourceVersion, targetVersion, prefilter: options.prefilter ?? true };
}

/** Reads, decodes and analyses one file; problems are returned, never thrown. */
export async function checkOneFile(absolute: string, display: string, session: AnalysisSession, bytes?: Uint8Array): Promise<{ result?: FileResult; problem?: FileProblem }> {
  if (!bytes) {
    try {
      const stat = await fs.stat(absolute);
      if (stat.size > MAX_FILE_BYTES) {
        return { problem: { path: display, kind: 'read', message: `file too large (${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB), skipped` } };
      }
      bytes = await fs.readFile(absolute);
    } catch (err) {
      return { problem: { path: display, kind: 'read', message: `cannot read file: ${describeIoError(err)}` } };
    }
  }
  const base: FileResult = { path: display, absolute, findings: [], usesMlflow: false, syntaxErrors: 0 };
  // A file whose bytes never mention mlflow cannot hold a finding: skip decoding and parsing.
  if (session.prefilter && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(MLFLOW_BYTES) < 0) return { result: base };
  const source = SourceFile.fromBytes(display, bytes);
  if ('error' in source) return { problem: { path: display, kind: 'decode', message: source.error } };
  const analysis = analyzeByKind(source, { rules: session.rules, api: loadMlflowApi(), parser: session.parser, prefilter: session.prefilter });
  const result: FileResult = { ...base, findings: analysis.findings, usesMlflow: analysis.usesMlflow, syntaxErrors: analysis.syntaxErrors };
  if (analysis.findings.length) result.source = source;
  return { result, problem: analysis.problems[0] };
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

/** `mlflow-migrate check`: discover, analyse every file, and return findings in deterministic order. */
export async function runCheck(options: CheckOptions): Promise<RunResult> {
  const session = await createSession(options);
  const discovery = await discoverFiles(options.paths, { cwd: options.cwd, exclude: options.exclude, gitignore: options.gitignore, patterns: discoveryPatterns() });
  const problems: FileProblem[] = discovery.problems.map((p) => ({ path: p.path, kind: 'read', message: p.message }));
  const files: FileResult[] = [];
  for (const file of discovery.files) {
    const { result, problem } = await checkOneFile(file.absolute, file.display, session);
    if (result) files.push(result);
    if (problem) problems.push(problem);
    // Native trees are freed by the garbage collector only on a later turn of the event loop.
    await yieldToEventLoop();
  }
  return {
    files,
    findings: files.flatMap((f) => f.findings),
    problems,
    filesChecked: files.length,
    filesUsingMlflow: files.filter((f) => f.usesMlflow).length,
    parserBackend: session.parser.backend,
    rules: session.rules,
    sourceVersion: session.sourceVersion,
    targetVersion: session.targetVersion,
  };
}
