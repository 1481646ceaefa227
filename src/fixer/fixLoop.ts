import type { AnalyzerOptions } from '../engine/analyze.js';
import type { Edit, FileProblem, Finding } from '../engine/types.js';
import { analyzeByKind } from '../runner/fileKinds.js';
import { SourceFile } from '../source/sourceFile.js';
import { applyTextEdits, mapIndexBack, selectFixes } from './applyEdits.js';
import { encodable, sameBytes, spliceBytes, toByteEdits } from './spliceBytes.js';
import { blameSyntaxBreak, syntaxErrorCount } from './verify.js';

/** A file whose fixes keep producing new fixes after this many passes is left untouched. */
export const MAX_PASSES = 10;

export interface FixLoopOptions {
  analyzer: AnalyzerOptions;
  /** Apply fixes marked unsafe too (`--unsafe-fixes`). */
  unsafeFixes: boolean;
  maxPasses?: number;
}

/** One round of non-overlapping fixes, with its edits in the coordinates of that round's input. */
export interface FixPass {
  edits: Edit[];
  fixed: Finding[];
}

export type FixFailure =
  | { kind: 'breaks-syntax'; rules: string[]; before: number; after: number }
  | { kind: 'not-converged'; passes: number }
  | { kind: 'undecodable'; rules: string[] };

export interface FileFix {
  original: SourceFile;
  /** The fixed file: the original itself when nothing applied or the fixing failed. */
  fixed: SourceFile;
  passes: FixPass[];
  /** Findings whose fix was applied, over all passes. */
  fixedFindings: Finding[];
  /** Findings left in `fixed` (no applicable fix); on failure, the original file's findings. */
  remaining: Finding[];
  /** Fixes skipped for a reason the user should see (e.g. text the file's encoding cannot hold). */
  notes: string[];
  /** Internal errors of rules during re-analysis. */
  problems: FileProblem[];
  failure?: FixFailure;
}

export function fileChanged(fix: FileFix): boolean {
  return !fix.failure && !sameBytes(fix.original.bytes, fix.fixed.bytes);
}

/**
 * Fixes one file to convergence: analyse, apply every applicable non-overlapping fix as byte
 * splices, re-analyse the result, repeat. Each pass is verified by re-parsing; a pass that adds
 * syntax errors, or a file that has not converged after MAX_PASSES, leaves the file untouched.
 */
export function fixFile(original: SourceFile, options: FixLoopOptions, initial?: { findings: Finding[]; syntaxErrors: number }): FileFix {
  const { analyzer, unsafeFixes } = options;
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  const problems: FileProblem[] = [];
  const notes = new Set<string>();
  /** Findings and syntax errors of a text; one parse serves both when the analysis parsed it. */
  const analyse = (file: SourceFile): { findings: Finding[]; syntaxErrors: number } => {
    const analysis = analyzeByKind(file, analyzer);
    for (const p of analysis.problems) if (!problems.some((q) => q.message === p.message)) problems.push(p);
    // Unparsed (no rule could fire): its error count is 0 by default, not measured.
    return { findings: analysis.findings, syntaxErrors: analysis.parsed ? analysis.syntaxErrors : syntaxErrorCount(file, analyzer) };
  };
  // The check's own analysis of the file, when the caller has it (`fix` does).
  const first = initial ?? analyse(original);
  const originalFindings = first.findings;
  const result: FileFix = { original, fixed: original, passes: [], fixedFindings: [], remaining: originalFindings, notes: [], problems };
  const fail = (failure: FixFailure): FileFix => ({ ...result, fixed: original, passes: [], fixedFindings: [], remaining: originalFindings, notes: [...notes], failure });

  let current = original;
  let findings = originalFindings;
  let errorsBefore = first.syntaxErrors;
  for (;;) {
    const selection = selectFixes(findings, unsafeFixes, (f) => {
      if (encodable(current, f.fix!.edits)) return true;
      notes.add(`fix for ${f.code} skipped: its replacement text cannot be written in the file's encoding (${current.encoding})`);
      return false;
    });
    if (selection.chosen.length === 0) break;
    if (result.passes.length >= maxPasses) return fail({ kind: 'not-converged', passes: maxPasses });

    const bytes = spliceBytes(current.bytes, toByteEdits(current, selection.edits)!);
    const next = SourceFile.fromBytes(current.path, bytes);
    // A fix that touches the coding cookie could change how the whole file decodes.
    if ('error' in next || next.text !== applyTextEdits(current.text, selection.edits)) {
      return fail({ kind: 'undecodable', rules: ruleLabels(selection.chosen) });
    }
    const analysis = analyse(next);
    const errorsAfter = analysis.syntaxErrors;
    if (errorsAfter > errorsBefore) {
      const culprits = blameSyntaxBreak(current, selection.chosen, errorsBefore, analyzer);
      return fail({ kind: 'breaks-syntax', rules: ruleLabels(culprits), before: errorsBefore, after: errorsAfter });
    }
    result.passes.push({ edits: selection.edits, fixed: selection.chosen });
    result.fixedFindings.push(...selection.chosen);
    current = next;
    errorsBefore = errorsAfter;
    findings = analysis.findings;
  }
  return { ...result, fixed: current, remaining: findings, notes: [...notes] };
}

function ruleLabels(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => `${f.code} (${f.name})`))];
}

/** An index into the fixed text, as an index into the original text (for preview positions). */
export function indexInOriginal(fix: FileFix, index: number): number {
  let i = index;
  for (let p = fix.passes.length - 1; p >= 0; p--) i = mapIndexBack(i, fix.passes[p]!.edits);
  return i;
}

/** A remaining finding placed on the original text (what is on disk when nothing is written). */
export function findingInOriginal(fix: FileFix, f: Finding): Finding {
  if (fix.fixed === fix.original) return f;
  const range = (start: number, end: number) => {
    const s = indexInOriginal(fix, start);
    return { start: s, end: Math.max(s, indexInOriginal(fix, end)) };
  };
  const moved: Finding = { ...f, ...range(f.start, f.end) };
  if (f.fix) moved.fix = { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, ...range(e.start, e.end) })) };
  return moved;
}
