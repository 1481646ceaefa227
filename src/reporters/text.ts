import pc from 'picocolors';
import type { Finding, Severity } from '../engine/types.js';
import type { RunResult } from '../runner/run.js';
import type { SourceFile } from '../source/sourceFile.js';
import type { ReportContext } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Human output, ruff-style: `path:line:col: CODE message`, a code frame, a help line, a summary. */
export function formatText(result: RunResult, context: ReportContext): string {
  const c = pc.createColors(context.color);
  const out: string[] = [];
  for (const file of result.files) {
    for (const f of file.findings) out.push(formatFinding(f, file.source, c, context.unsafeFixes));
  }
  out.push(summaryLine(result, c));
  return out.join('\n') + '\n';
}

const SEVERITY_COLOR: Record<Severity, keyof Colors> = { error: 'red', warning: 'yellow', info: 'cyan' };

export function formatFinding(f: Finding, source: SourceFile | undefined, c: Colors, unsafeFixes: boolean): string {
  const pos = source?.positionOf(f.start) ?? { line: 1, column: 1 };
  const fixable = f.fix && (f.fix.applicability === 'safe' || unsafeFixes) ? ` ${c.cyan('[*]')}` : '';
  const color = c[SEVERITY_COLOR[f.severity]] as (s: string) => string;
  // In a notebook the position that helps is the cell's, not the line of the notebook's JSON.
  const where = f.cell ? `${f.path}:cell ${f.cell.index + 1}:${f.cell.line}:${f.cell.column}` : `${f.path}:${pos.line}:${pos.column}`;
  const lines = [`${c.bold(where)}: ${c.bold(color(f.code))}${fixable} ${f.message}`];
  if (source) lines.push(...codeFrame(source, f, c));
  if (f.help) lines.push(`${' '.repeat(gutterWidth(pos.line))}${c.blue('=')} ${c.bold('help')}: ${f.help}`);
  lines.push('');
  return lines.join('\n');
}

function gutterWidth(line: number): number {
  return String(line).length + 1;
}

/** The finding's first line with the span underlined (tabs kept so the carets line up). */
function codeFrame(source: SourceFile, f: Finding, c: Colors): string[] {
  const lineIndex = source.lineIndexOf(f.start);
  const lineText = source.lineText(lineIndex);
  const lineStart = source.lineStart(lineIndex);
  const startCol = f.start - lineStart;
  const endCol = Math.min(Math.max(f.end - lineStart, startCol + 1), Math.max(lineText.length, startCol + 1));
  const pad = lineText.slice(0, startCol).replace(/[^\t]/g, ' ');
  const width = gutterWidth(lineIndex + 1);
  const gutter = ' '.repeat(width);
  const color = c[SEVERITY_COLOR[f.severity]] as (s: string) => string;
  return [
    `${gutter}${c.blue('|')}`,
    `${c.blue(String(lineIndex + 1).padStart(width - 1))} ${c.blue('|')} ${lineText}`,
    `${gutter}${c.blue('|')} ${pad}${color('^'.repeat(endCol - startCol))} ${color(f.code)}`,
    `${gutter}${c.blue('|')}`,
  ];
}

export function summaryLine(result: RunResult, c: Colors): string {
  const n = result.findings.length;
  const files = result.filesChecked;
  if (n === 0) {
    return c.green(`No MLflow 3 breaking changes found in ${files} file${files === 1 ? '' : 's'} (${result.filesUsingMlflow} use MLflow).`);
  }
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const withFindings = result.files.filter((f) => f.findings.length).length;
  const safe = result.findings.filter((f) => f.fix?.applicability === 'safe').length;
  const unsafe = result.findings.filter((f) => f.fix?.applicability === 'unsafe').length;
  const unsafeNote = unsafe ? ` (${unsafe} more with --unsafe-fixes)` : '';
  return c.bold(
    `${n} finding${n === 1 ? '' : 's'} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${withFindings} file${withFindings === 1 ? '' : 's'}; ${safe} fixable${unsafeNote}.`,
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
