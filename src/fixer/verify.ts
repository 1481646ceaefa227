import { countSyntaxErrors, type AnalyzerOptions } from '../engine/analyze.js';
import type { Finding } from '../engine/types.js';
import { analyzeByKind, kindOf, PYTHON } from '../runner/fileKinds.js';
import { SourceFile } from '../source/sourceFile.js';
import { applyTextEdits, uniqueEdits } from './applyEdits.js';

/**
 * ERROR + MISSING nodes of a file's parse: a fixed file must not have more than before. Python
 * text is parsed directly; other kinds (notebooks) count through their own analyzer.
 */
export function syntaxErrorCount(file: SourceFile, analyzer: AnalyzerOptions): number {
  if (kindOf(file.path, file.bytes) === PYTHON) return countSyntaxErrors(analyzer.parser, file.text);
  return analyzeByKind(file, { ...analyzer, prefilter: false }).syntaxErrors;
}

/**
 * The fixes of a failed pass that break the syntax on their own. When none does alone (only the
 * combination breaks), every fix of the pass is to blame.
 */
export function blameSyntaxBreak(file: SourceFile, fixes: readonly Finding[], errorsBefore: number, analyzer: AnalyzerOptions): Finding[] {
  const alone = fixes.filter((f) => {
    const text = applyTextEdits(file.text, uniqueEdits(f.fix!.edits));
    return syntaxErrorCount(SourceFile.fromText(file.path, text), analyzer) > errorsBefore;
  });
  return alone.length ? alone : [...fixes];
}
