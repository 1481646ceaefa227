import type { AnalyzerOptions } from '../engine/analyze.js';
import type { Finding } from '../engine/types.js';
import { shellCommands, type ShellCommand } from '../configfiles/shell.js';
import { factsFromScan, type ProjectFacts } from '../manifests/facts.js';
import { targetVersionOf } from '../manifests/options.js';
import { checkRequirements } from '../manifests/pinChecks.js';
import { installedRequirements } from '../manifests/pipCommand.js';
import { FindingSink } from '../manifests/report.js';
import type { SourceFile } from '../source/sourceFile.js';

/**
 * A Databricks notebook exported as Python source: its first line says so, cells are separated
 * by `# COMMAND ----------`, and the magics of a cell are kept as comments (`# MAGIC %pip install
 * mlflow==2.9.0`). The code cells are plain Python, analysed as any module; the `%pip` / `!pip`
 * lines are dependency pins, read as a Jupyter notebook's are (MLF901 and the other pin checks),
 * in the file's own coordinates.
 */
const HEADER = /^\uFEFF?# Databricks notebook source[ \t]*\r?(?:\n|$)/;
/** A commented-out pip magic, up to the command: `# MAGIC %pip`, `# MAGIC !pip`. */
const PIP_MAGIC = /^# MAGIC[ \t]*(?:%|!+)(?=[ \t]*pip[ \t])/gm;

export function isDatabricksSource(text: string): boolean {
  return HEADER.test(text);
}

/** The pin findings and facts of a Databricks source's `%pip` lines; undefined for any other file. */
export function databricksPins(file: SourceFile, options: AnalyzerOptions): { findings: Finding[]; facts: ProjectFacts } | undefined {
  if (!isDatabricksSource(file.text)) return undefined;
  const scan = { requirements: pipCommands(file.text).flatMap(installedRequirements), pythonFloors: [] };
  const sink = new FindingSink(options.rules, file.path);
  checkRequirements(file.text, scan, sink, targetVersionOf(options));
  return { findings: sink.findings, facts: factsFromScan(file.path, scan) };
}

function pipCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const magic of text.matchAll(PIP_MAGIC)) {
    const start = magic.index + magic[0].length;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    commands.push(...shellCommands(text, start, end));
  }
  return commands;
}
