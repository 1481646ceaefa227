import type { AnalyzerOptions, FileAnalysis } from '../engine/analyze.js';
import { analyzePython, pythonMayHoldFindings } from '../configfiles/pythonEnv.js';
import type { SourceFile } from '../source/sourceFile.js';
import { CONFIG_KINDS } from '../configfiles/kinds.js';
import { MANIFEST_KINDS } from '../manifests/kinds.js';
import { NOTEBOOK_KIND } from '../notebooks/kind.js';
import { baseName } from '../manifests/paths.js';

/**
 * The kinds of files mlflow-migrate reads. Each kind says which files it takes (by name) and
 * turns a decoded file into findings whose `start`/`end` index that file's text, so the fixer,
 * the cache and the reporters treat every kind alike.
 */
export interface FileKind {
  name: string;
  /** Glob patterns (relative, fast-glob syntax) that discovery collects for this kind. */
  patterns: string[];
  /**
   * A test of the base name that every path this kind `matches` passes: a cheap necessary
   * condition. A base name that no kind's hint accepts is Python's without asking each kind
   * (most of a monorepo's paths; test/runner/fileKinds.test.ts holds every kind to its hint).
   * Python, the default, has none.
   */
  nameHint?: RegExp;
  /** Whether a discovered or explicitly named path belongs to this kind. */
  matches(path: string): boolean;
  /**
   * Whether the raw bytes could hold a finding (the runner skips decoding and analysis when not).
   * Absent: the bytes must contain `mlflow` (case-sensitive), right for Python sources; kinds
   * whose findings need other words (`MLFLOW_...` env files, gateway `routes:`) bring their own.
   */
  prefilter?: (bytes: Uint8Array) => boolean;
  analyze(file: SourceFile, options: AnalyzerOptions): FileAnalysis;
}

export const PYTHON: FileKind = {
  name: 'python',
  patterns: ['**/*.py', '**/*.pyi'],
  matches: (path) => /\.pyi?$/.test(path),
  // `mlflow`, or a variable a project-level check looks for (`os.environ["DO_NOT_TRACK"] = ...`).
  prefilter: pythonMayHoldFindings,
  analyze: analyzePython,
};

/** Registered kinds, most specific first; a path no kind matches is analysed as Python (explicitly named files). */
export const FILE_KINDS: FileKind[] = [NOTEBOOK_KIND, ...MANIFEST_KINDS, ...CONFIG_KINDS, PYTHON];

export function kindOf(path: string): FileKind {
  let kind = kindsByPath.get(path);
  if (!kind) {
    kind = mayBeOtherThanPython(path) ? FILE_KINDS.find((k) => k.matches(path)) ?? PYTHON : PYTHON;
    // A run asks several times per file (source version, prefilter, cache key); bounded for long-lived hosts.
    if (kindsByPath.size >= MAX_REMEMBERED_KINDS) kindsByPath.clear();
    kindsByPath.set(path, kind);
  }
  return kind;
}

const kindsByPath = new Map<string, FileKind>();
const MAX_REMEMBERED_KINDS = 100_000;

/**
 * Every kind's name hint in one pattern, ignoring case (which only lets more through); undefined,
 * and no shortcut, when a kind other than Python has no hint.
 */
const ANY_OTHER_KIND = FILE_KINDS.every((k) => k === PYTHON || k.nameHint)
  ? new RegExp(FILE_KINDS.filter((k) => k !== PYTHON).map((k) => `(?:${k.nameHint!.source})`).join('|'), 'i')
  : undefined;

/** False when no kind but Python can match the path's base name: the other kinds need not be asked. */
function mayBeOtherThanPython(path: string): boolean {
  return !ANY_OTHER_KIND || ANY_OTHER_KIND.test(baseName(path));
}

export function discoveryPatterns(): string[] {
  return [...new Set(FILE_KINDS.flatMap((k) => k.patterns))];
}

/** The byte prefilter of a file's kind: false when its bytes cannot hold a finding (skip decoding). */
export function mayHoldFindings(path: string, bytes: Uint8Array): boolean {
  const kind = kindOf(path);
  if (kind.prefilter) return kind.prefilter(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('mlflow') >= 0;
}

/** Analyses a decoded file with the analyzer of its kind. */
export function analyzeByKind(file: SourceFile, options: AnalyzerOptions): FileAnalysis {
  return kindOf(file.path).analyze(file, options);
}
