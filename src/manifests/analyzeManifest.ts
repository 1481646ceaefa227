import type { AnalyzerOptions } from '../engine/analyze.js';
import type { FileProblem } from '../engine/types.js';
import type { SourceFile } from '../source/sourceFile.js';
import { factsFromScan, holdMlserverExtras, type ManifestAnalysis, emptyFacts } from './facts.js';
import { targetVersionOf } from './options.js';
import { checkRequirements, type ManifestScan } from './pinChecks.js';
import { byPosition, FindingSink } from './report.js';

export type Scanner = (file: SourceFile, options: AnalyzerOptions) => ManifestScan | { error: string };

/**
 * Runs the dependency checks over what a format's scanner found. A file the scanner cannot read
 * (invalid TOML or YAML) is a `parse` problem, and the run goes on.
 */
export function analyzeManifest(file: SourceFile, options: AnalyzerOptions, scanner: Scanner): ManifestAnalysis {
  let scan: ManifestScan | { error: string };
  try {
    scan = scanner(file, options);
  } catch (err) {
    const problem: FileProblem = { path: file.path, kind: 'internal', message: `could not read the file: ${(err as Error).message}` };
    return { findings: [], problems: [problem], usesMlflow: false, parsed: false, syntaxErrors: 0, facts: emptyFacts() };
  }
  if ('error' in scan) {
    return { findings: [], problems: [{ path: file.path, kind: 'parse', message: scan.error }], usesMlflow: false, parsed: false, syntaxErrors: 1, facts: emptyFacts() };
  }
  const sink = new FindingSink(options.rules, file.path);
  try {
    checkRequirements(file.text, scan, sink, targetVersionOf(options));
  } catch (err) {
    return { findings: [], problems: [{ path: file.path, kind: 'internal', message: `checks failed: ${(err as Error).message}` }], usesMlflow: false, parsed: true, syntaxErrors: 0, facts: emptyFacts() };
  }
  const facts = factsFromScan(file.path, scan);
  return { findings: holdMlserverExtras(file.path, byPosition(sink.findings), facts), problems: [], usesMlflow: facts.declared.some((name) => name === 'mlflow' || name === 'mlflow-skinny'), parsed: true, syntaxErrors: 0, facts };
}
