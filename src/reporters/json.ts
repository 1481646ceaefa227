import type { Applicability, FileProblem, Finding, Severity } from '../engine/types.js';
import type { FileResult, RunResult } from '../runner/run.js';
import type { SourceFile } from '../source/sourceFile.js';
import { pointOf, regionOf, type Point } from './location.js';
import { sourceOf } from './source.js';
import type { ReportContext } from './types.js';

/** Bumped on any incompatible change to the shape below; documented in docs/json-schema.md. */
export const JSON_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: 'mlflow-migrate'; version: string };
  sourceVersion: string;
  targetVersion: string;
  parser: string;
  summary: JsonSummary;
  findings: JsonFinding[];
  problems: FileProblem[];
}

export interface JsonSummary {
  findings: number;
  errors: number;
  warnings: number;
  info: number;
  files: number;
  filesWithFindings: number;
  filesUsingMlflow: number;
  fixable: { safe: number; unsafe: number };
}

export interface JsonFinding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  help: string | null;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Notebooks only: the code cell and the position inside it; null for Python files. */
  cell: { index: number; line: number; column: number } | null;
  fix: JsonFix | null;
}

export interface JsonFix {
  applicability: Applicability;
  title: string;
  edits: Array<{ start: Point; end: Point; content: string }>;
}

/** `--format json`: the versioned, documented report (docs/json-schema.md). */
export function formatJson(result: RunResult, context: ReportContext): string {
  return JSON.stringify(jsonReport(result, context), null, 2) + '\n';
}

export function jsonReport(result: RunResult, context: ReportContext): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'mlflow-migrate', version: context.toolVersion },
    sourceVersion: result.sourceVersion,
    targetVersion: result.targetVersion,
    parser: result.parserBackend,
    summary: summarize(result),
    // Files then findings within a file: the RunResult order, deterministic across runs.
    findings: result.files.flatMap((file) => file.findings.map((f) => jsonFinding(f, sourceOf(file)))),
    problems: result.problems.map(({ path, kind, message }) => ({ path, kind, message })),
  };
}

function summarize(result: RunResult): JsonSummary {
  const count = (pred: (f: Finding) => boolean) => result.findings.filter(pred).length;
  return {
    findings: result.findings.length,
    errors: count((f) => f.severity === 'error'),
    warnings: count((f) => f.severity === 'warning'),
    info: count((f) => f.severity === 'info'),
    files: result.filesChecked,
    filesWithFindings: result.files.filter((f: FileResult) => f.findings.length > 0).length,
    filesUsingMlflow: result.filesUsingMlflow,
    fixable: {
      safe: count((f) => f.fix?.applicability === 'safe'),
      unsafe: count((f) => f.fix?.applicability === 'unsafe'),
    },
  };
}

function jsonFinding(f: Finding, source: SourceFile): JsonFinding {
  const r = regionOf(source, f.start, f.end);
  return {
    code: f.code,
    name: f.name,
    severity: f.severity,
    message: f.message,
    help: f.help ?? null,
    path: f.path,
    line: r.startLine,
    column: r.startColumn,
    endLine: r.endLine,
    endColumn: r.endColumn,
    cell: f.cell ? { index: f.cell.index, line: f.cell.line, column: f.cell.column } : null,
    fix: f.fix
      ? {
          applicability: f.fix.applicability,
          title: f.fix.title,
          edits: f.fix.edits.map((e) => ({ start: pointOf(source, e.start), end: pointOf(source, e.end), content: e.text })),
        }
      : null,
  };
}
