import { analyzeFile, PARSE_ERROR_CODE, sortFindings, type AnalyzerOptions } from '../engine/analyze.js';
import type { Finding } from '../engine/types.js';
import { checkCommandsAndEnv } from '../configfiles/commandChecks.js';
import { envOccurrences } from '../configfiles/envScan.js';
import { shellCommands, type ShellCommand } from '../configfiles/shell.js';
import { commandsMlserverUse, emptyFacts, factsFromScan, holdMlserverExtras, pythonMlserverUse, type ManifestAnalysis, type PinFact } from '../manifests/facts.js';
import { targetVersionOf } from '../manifests/options.js';
import { checkRequirements } from '../manifests/pinChecks.js';
import { installedRequirements } from '../manifests/pipCommand.js';
import { FindingSink } from '../manifests/report.js';
import { lineSuppresses } from '../engine/suppressions.js';
import { SourceFile } from '../source/sourceFile.js';
import { SHELL_CELL_MAGICS } from './magics.js';
import { mapFinding } from './mapping.js';
import { cellAt, cellPosition, parseNotebook, rawIndexOf, type ParsedNotebook } from './notebook.js';

/**
 * A Jupyter notebook: its code cells analysed as one Python module, plus the dependency pins
 * of `%pip install` / `!pip install` lines and the commands of shell lines. Every finding
 * indexes the notebook's JSON text and names its cell.
 */
export function analyzeNotebook(file: SourceFile, options: AnalyzerOptions): ManifestAnalysis {
  const parsed = parseNotebook(file.text);
  if ('error' in parsed) {
    return { findings: [], problems: [{ path: file.path, kind: 'parse', message: `not a valid notebook: ${parsed.error}` }], usesMlflow: false, parsed: false, syntaxErrors: 1, facts: emptyFacts() };
  }
  if ('skip' in parsed) return { findings: [], problems: [], usesMlflow: false, parsed: false, syntaxErrors: 0, facts: emptyFacts() };
  const nb = parsed.notebook;

  const python = analyzeFile(SourceFile.fromText(file.path, nb.virtual), options);
  const findings = python.findings.map((f) => withCellLine(mapFinding(f, nb, file.text)));

  // The shell side: commands of `%pip`, `!cmd` and shell cell magics, in virtual coordinates.
  const original = nb.original;
  const commands = magicCommands(nb, original);
  const sink = new FindingSink(options.rules, file.path);
  const scan = { requirements: commands.flatMap(installedRequirements), pythonFloors: [] };
  checkRequirements(original, scan, sink, targetVersionOf(options));
  // `!mlflow deployments start-server`: the variables the notebook names make the rewrite safe or not.
  // Those in shell lines (`%env VAR=1`, `!VAR=1 python train.py`, `%%bash` exports) are the shell's;
  // the variables in Python code are Python strings, which the Python rules judge.
  checkCommandsAndEnv(commands, envOccurrences(original, 'shell'), sink, { envFindings: (o) => inShellMagic(nb, o.start, o.end) });
  // A suppression comment on the magic line itself (`%pip install mlflow==2.9.2  # noqa: MLF901`).
  const unsuppressed = sink.findings.filter((f) => !lineSuppresses(lineOf(original, f.start), f.code));
  findings.push(...unsuppressed.map((f) => mapFinding(f, nb, file.text, { allowMagic: true })));

  const facts = factsFromScan(file.path, scan);
  facts.mlflowPins = facts.mlflowPins.map((p) => mapPin(p, nb));
  // `!mlflow models serve --enable-mlserver`, or `build_docker(..., enable_mlserver=True)` in a cell.
  const mlserverUse = commandsMlserverUse(commands) ?? pythonMlserverUse(nb.virtual);
  if (mlserverUse) facts.mlserverUse = mlserverUse;
  return {
    findings: holdMlserverExtras(file.path, sortFindings(findings), facts),
    problems: python.problems,
    usesMlflow: python.usesMlflow || facts.declared.includes('mlflow'),
    parsed: python.parsed,
    syntaxErrors: python.syntaxErrors,
    facts,
  };
}

/** MLF001 names the line of its first syntax error: in a notebook, the cell's line. */
function withCellLine(f: Finding): Finding {
  if (f.code !== PARSE_ERROR_CODE || !f.cell) return f;
  return { ...f, message: f.message.replace(/ on line \d+\)/, ` in cell ${f.cell.index + 1}, line ${f.cell.line})`) };
}

/** `[start, end)` (virtual coordinates) lies in a shell line, a line magic or a shell cell's body. */
function inShellMagic(nb: ParsedNotebook, start: number, end: number): boolean {
  const cell = cellAt(nb, start);
  if (!cell) return false;
  return cell.magics.some((m) => (m.kind === 'shell' || m.kind === 'line-magic' || (m.kind === 'cell-body' && SHELL_CELL_MAGICS.has(m.magic ?? '')))
    && start >= cell.virtualStart + m.start && end <= cell.virtualStart + m.end);
}

function magicCommands(nb: ParsedNotebook, original: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const cell of nb.cells) {
    for (const m of cell.magics) {
      const start = cell.virtualStart + m.start;
      const end = cell.virtualStart + m.end;
      if (m.kind === 'cell-body' && SHELL_CELL_MAGICS.has(m.magic ?? '')) out.push(...shellCommands(original, start, end));
      else if (m.kind === 'line-magic' || m.kind === 'shell') {
        // `%pip install x`, `!pip install x`, `!!ls`, `files = !ls`: the command follows the sigils.
        const sigil = /^[^!%]*[!%]+/.exec(original.slice(start, end));
        if (sigil) out.push(...shellCommands(original, start + sigil[0].length, end));
      }
    }
  }
  return out;
}

/** The line of `text` around `index`, without its line break. */
function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? text.length : end);
}

function mapPin(pin: PinFact, nb: ParsedNotebook): PinFact {
  const cell = cellAt(nb, pin.start)!;
  const os = pin.start - cell.virtualStart;
  const oe = pin.end - cell.virtualStart;
  return { ...pin, start: rawIndexOf(cell, os, 'start'), end: oe > os ? rawIndexOf(cell, oe, 'end') : rawIndexOf(cell, os, 'start'), cell: { index: cell.index, ...cellPosition(cell, os) } };
}

