import type { AnalyzerOptions } from '../engine/analyze.js';
import type { FileProblem } from '../engine/types.js';
import { commandsMlserverUse, emptyFacts, factsFromScan, holdMlserverExtras, type ManifestAnalysis } from '../manifests/facts.js';
import { targetVersionOf } from '../manifests/options.js';
import { checkRequirements, type ManifestScan } from '../manifests/pinChecks.js';
import { installedRequirements } from '../manifests/pipCommand.js';
import { byPosition, FindingSink } from '../manifests/report.js';
import type { SourceFile } from '../source/sourceFile.js';
import { mlflowInvocations } from './cli.js';
import { checkCommandsAndEnv } from './commandChecks.js';
import { envFacts, envOccurrences, type EnvSyntax } from './envScan.js';
import type { ShellCommand } from './shell.js';

/** What a configuration format yields for the shared checks. */
export interface ConfigParts {
  /** The commands the file runs, with file positions. */
  commands: ShellCommand[];
  /** How variables are set in this format (for removals). */
  envSyntax?: EnvSyntax;
  /** Requirements besides those of install commands, and Python floors (Dockerfile `FROM`). */
  scan?: ManifestScan;
  /** Format-specific checks (gateway YAML, basic_auth.ini). */
  extra?: (sink: FindingSink) => void;
}

export type ConfigReader = (file: SourceFile, options: AnalyzerOptions) => ConfigParts | { error: string } | { skip: true };

/**
 * Runs every check a configuration file can hold: dependency pins of install commands (and the
 * format's own), MLflow CLI uses, environment variables, and format-specific ones.
 */
export function analyzeConfig(file: SourceFile, options: AnalyzerOptions, read: ConfigReader): ManifestAnalysis {
  const base = { findings: [], problems: [] as FileProblem[], usesMlflow: false, parsed: false, syntaxErrors: 0, facts: emptyFacts() };
  let parts: ReturnType<ConfigReader>;
  try {
    parts = read(file, options);
  } catch (err) {
    return { ...base, problems: [{ path: file.path, kind: 'internal', message: `could not read the file: ${(err as Error).message}` }] };
  }
  if ('skip' in parts) return base;
  if ('error' in parts) return { ...base, problems: [{ path: file.path, kind: 'parse', message: parts.error }], syntaxErrors: 1 };
  try {
    return runChecks(file, options, parts);
  } catch (err) {
    return { ...base, problems: [{ path: file.path, kind: 'internal', message: `checks failed: ${(err as Error).message}` }] };
  }
}

function runChecks(file: SourceFile, options: AnalyzerOptions, parts: ConfigParts): ManifestAnalysis {
  const sink = new FindingSink(options.rules, file.path);
  const scan: ManifestScan = {
    requirements: [...(parts.scan?.requirements ?? []), ...parts.commands.flatMap(installedRequirements)],
    pythonFloors: parts.scan?.pythonFloors ?? [],
  };
  // A Dockerfile's own scan already holds its install commands.
  scan.requirements = dedupeRequirements(scan.requirements);
  checkRequirements(file.text, scan, sink, targetVersionOf(options));
  const env = parts.envSyntax ? envOccurrences(file.text, parts.envSyntax) : [];
  checkCommandsAndEnv(parts.commands, env, sink);
  parts.extra?.(sink);
  const facts = factsFromScan(file.path, scan);
  if (env.length) {
    const { envNames, ignoredEnv } = envFacts(env);
    facts.envNames = envNames;
    if (ignoredEnv.length) facts.ignoredEnv = ignoredEnv;
  }
  const mlserverUse = commandsMlserverUse(parts.commands);
  if (mlserverUse) facts.mlserverUse = mlserverUse;
  const usesMlflow = facts.declared.includes('mlflow') || sink.findings.length > 0 || mlflowInvocations(parts.commands).length > 0;
  return { findings: holdMlserverExtras(file.path, byPosition(sink.findings), facts), problems: [], parsed: true, syntaxErrors: 0, usesMlflow, facts };
}

function dedupeRequirements<T extends { span: { start: number; end: number } }>(reqs: T[]): T[] {
  return reqs.filter((r, i) => reqs.findIndex((o) => o.span.start === r.span.start && o.span.end === r.span.end) === i);
}
