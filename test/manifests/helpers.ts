import { ALL_RULES } from '../../rules/index.js';
import type { FileAnalysis } from '../../src/engine/analyze.js';
import { selectRules } from '../../src/engine/selection.js';
import type { Edit, Finding } from '../../src/engine/types.js';
import type { AnalyzerOptions as VersionedAnalyzerOptions } from '../../src/engine/analyze.js';
import { createParser, type PythonParser } from '../../src/parser/index.js';
import { analyzeByKind } from '../../src/runner/fileKinds.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SourceFile } from '../../src/source/sourceFile.js';

let parser: Promise<PythonParser> | undefined;

/** Analyzer options as the runner builds them: rules selected for the source and target versions. */
export async function options(overrides: Partial<VersionedAnalyzerOptions> & { select?: string[]; sourceVersion?: string } = {}): Promise<VersionedAnalyzerOptions> {
  parser ??= createParser('native');
  const { select, sourceVersion = '2.9.2', ...rest } = overrides;
  const targetVersion = overrides.targetVersion ?? '3.4.0';
  const rules = overrides.rules ?? selectRules(ALL_RULES, { select, sourceVersion, targetVersion });
  return { api: loadMlflowApi(), parser: await parser, ...rest, rules, targetVersion };
}

/** Analyses `text` as the file `path` with the analyzer its kind selects. */
export async function analyze(path: string, text: string, overrides: Parameters<typeof options>[0] = {}): Promise<FileAnalysis> {
  return analyzeByKind(SourceFile.fromText(path, text), await options(overrides));
}

/** `line:CODE` for each finding (1-based line of its start in `text`). */
export function codes(text: string, findings: Finding[]): string[] {
  const file = SourceFile.fromText('x', text);
  return findings.map((f) => `${file.positionOf(f.start).line}:${f.code}`);
}

export function slice(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Applies every applicable fix (non-overlapping, in order) and re-analyses until nothing is left
 * to fix, as the fixer does; returns the final text. Fails when it does not converge.
 */
export async function fixAll(path: string, text: string, opts: { unsafe?: boolean } & Parameters<typeof options>[0] = {}): Promise<string> {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const { findings } = await analyze(path, current, opts);
    const chosen: Edit[] = [];
    for (const f of findings) {
      if (!f.fix || (f.fix.applicability === 'unsafe' && !opts.unsafe)) continue;
      if (f.fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || e.start === c.start))) continue;
      chosen.push(...f.fix.edits);
    }
    if (!chosen.length) return current;
    current = applyEdits(current, chosen);
  }
  throw new Error('fixes did not converge');
}
