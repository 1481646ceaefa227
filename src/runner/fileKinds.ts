import type { AnalyzerOptions, FileAnalysis } from '../engine/analyze.js';
import { analyzePython, pythonMayHoldFindings } from '../configfiles/pythonEnv.js';
import type { SourceFile } from '../source/sourceFile.js';
import { CONFIG_KINDS, SHELL_KIND } from '../configfiles/kinds.js';
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

/**
 * Registered kinds, most specific first. A path no kind matches is one named explicitly (discovery
 * collects only the kinds' patterns, and every kind claims what its patterns collect): it is
 * classified by its `#!` line (`kindOf` with the file's bytes), and is Python's otherwise.
 */
export const FILE_KINDS: FileKind[] = [NOTEBOOK_KIND, ...MANIFEST_KINDS, ...CONFIG_KINDS, PYTHON];

/**
 * The kind of a file, by its path; with its bytes, a path no kind takes by name (an s6 `run`
 * script, `notes.txt`: only files named on the command line or standard input's name get here)
 * by its `#!` line. Every caller that decides something for a file's bytes passes them (prefilter,
 * cache key, analysis), so all of them agree on the kind; without them such a path is Python's.
 */
export function kindOf(path: string, bytes?: Uint8Array): FileKind {
  let kind = kindsByPath.get(path);
  if (kind === undefined) {
    kind = (mayBeOtherThanPython(path) ? FILE_KINDS.find((k) => k.matches(path)) : undefined) ?? (PYTHON.matches(path) ? PYTHON : BY_SHEBANG);
    // A run asks several times per file (source version, prefilter, cache key); bounded for long-lived hosts.
    if (kindsByPath.size >= MAX_REMEMBERED_KINDS) kindsByPath.clear();
    kindsByPath.set(path, kind);
  }
  if (kind !== BY_SHEBANG) return kind;
  // Decided on every call, not remembered: the bytes of a path can change (`fix`, long-lived hosts).
  return bytes ? kindByShebang(bytes) : PYTHON;
}

/** Remembered for a path no kind takes by name: its kind depends on its bytes. */
const BY_SHEBANG = null;
const kindsByPath = new Map<string, FileKind | typeof BY_SHEBANG>();
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

/** True when only Python can take `path` by its name (`kindOf(path)` without bytes is PYTHON), asked without remembering the answer. */
export function onlyPythonByName(path: string): boolean {
  return !mayBeOtherThanPython(path);
}

/** Interpreters (base names) whose scripts the shell kind reads; s6-overlay's `bashio` is bash with helpers. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'bashio']);
/** Programs that run the command their arguments name: `#!/usr/bin/env bash`, s6-overlay's `#!/usr/bin/with-contenv bashio`. */
const LAUNCHERS = new Set(['env', 'with-contenv']);
/** Options of `env` that take the next word as their value. */
const ENV_OPTIONS_WITH_VALUE = new Set(['-u', '--unset', '-C', '--chdir']);
/** Bytes of the first line read (the kernel reads at most 256 of a `#!` line). */
const MAX_SHEBANG_BYTES = 256;

/** A file's kind by its `#!` line: a shell's script is a shell script; Python, any other interpreter or none is Python. */
function kindByShebang(bytes: Uint8Array): FileKind {
  const interpreter = shebangInterpreter(bytes);
  return interpreter !== undefined && SHELLS.has(interpreter) ? SHELL_KIND : PYTHON;
}

/**
 * The base name of the program a `#!` line runs (`bash` for `#!/bin/bash -e`), looking through
 * `env` and its options (`#!/usr/bin/env -S bash -e`); undefined without a `#!` line. A UTF-8
 * byte order mark before it is skipped, as the decoder skips it.
 */
function shebangInterpreter(bytes: Uint8Array): string | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[start] !== 0x23 || bytes[start + 1] !== 0x21) return undefined;
  const head = bytes.subarray(start + 2, start + 2 + MAX_SHEBANG_BYTES);
  const newline = head.indexOf(0x0a);
  const line = Buffer.from(head.buffer, head.byteOffset, newline < 0 ? head.byteLength : newline).toString('latin1');
  const words = line.split(/[ \t\r]+/).filter(Boolean);
  let program = words.length ? baseName(words[0]!) : undefined;
  for (let i = 1; program !== undefined && LAUNCHERS.has(program); ) {
    program = undefined;
    for (; i < words.length; i++) {
      const word = words[i]!;
      if (ENV_OPTIONS_WITH_VALUE.has(word)) { i++; continue; }
      // `-S` splits the rest into words, which the line already is; `-Sbash` is `-S bash`.
      if (/^-S./.test(word)) { program = baseName(word.slice(2)); i++; break; }
      // Other options (`-i`, `-S`, `--`) and variable assignments (`PATH=/bin`).
      if (word.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
      program = baseName(word);
      i++;
      break;
    }
  }
  return program;
}

export function discoveryPatterns(): string[] {
  return [...new Set(FILE_KINDS.flatMap((k) => k.patterns))];
}

/** The byte prefilter of a file's kind: false when its bytes cannot hold a finding (skip decoding). */
export function mayHoldFindings(path: string, bytes: Uint8Array): boolean {
  const kind = kindOf(path, bytes);
  if (kind.prefilter) return kind.prefilter(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('mlflow') >= 0;
}

/** Analyses a decoded file with the analyzer of its kind. */
export function analyzeByKind(file: SourceFile, options: AnalyzerOptions): FileAnalysis {
  return kindOf(file.path, file.bytes).analyze(file, options);
}
