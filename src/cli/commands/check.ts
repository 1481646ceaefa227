import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { UsageError } from '../../discovery/discover.js';
import { unknownSelectors } from '../../engine/selection.js';
import type { Severity } from '../../engine/types.js';
import { compareVersions, DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION, isValidVersion, NEWEST_KNOWN_VERSION } from '../../engine/versions.js';
import { ALL_RULES } from '../../../rules/index.js';
import { REPORTERS, FORMATS, type Format } from '../../reporters/index.js';
import { runCheck, type CheckOptions, type RunResult } from '../../runner/run.js';
import { TOOL_VERSION } from '../../version.js';
import { ANALYSIS_OPTIONS, listOption, oneOf, parse, positiveInteger, type ParsedArgs } from '../args.js';

export const CHECK_HELP = `Usage: mlflow-migrate check [PATH...] [options]

Report MLflow 2.x -> 3.x breaking changes in Python files (default PATH: .).

Options:
  --format FORMAT          text (default), json, sarif
  -o, --output FILE        write the report to FILE instead of stdout
  --fail-on LEVEL          lowest severity that makes the exit code 1: error, warning (default), info
  --exit-zero              exit 0 even when there are findings
  --select CODES           only these rule codes or prefixes (comma-separated, e.g. MLF1,MLF201)
  --ignore CODES           skip these rule codes or prefixes
  --exclude GLOB           exclude paths matching GLOB (repeatable)
  --no-respect-gitignore   also check files ignored by .gitignore
  --target-version VER     MLflow version to migrate to (default ${DEFAULT_TARGET_VERSION}, newest known ${NEWEST_KNOWN_VERSION})
  --source-version VER     MLflow version the code is written for (default ${DEFAULT_SOURCE_VERSION})
  --parser BACKEND         native or wasm (default: native, falling back to wasm)
  --jobs N                 parse in N worker threads (default: one per core; 1: no threads)
  --no-cache               neither read nor write the result cache (.mlflow-migrate-cache/,
                           or $XDG_CACHE_HOME/mlflow-migrate/ when that variable is set)
  -q, --quiet              print only findings, no summary or notices
`;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export type AnalysisArgs = ParsedArgs<typeof ANALYSIS_OPTIONS>['values'];

/** Validates the options shared by `check` and `fix` and turns them into run options. */
export function analysisOptions(values: AnalysisArgs, positionals: string[], notice: (m: string) => void): CheckOptions {
  const target = values['target-version'] ?? DEFAULT_TARGET_VERSION;
  const source = values['source-version'] ?? DEFAULT_SOURCE_VERSION;
  for (const [flag, v] of [['--target-version', target], ['--source-version', source]] as const) {
    if (!isValidVersion(v)) throw new UsageError(`${flag}: '${v}' is not a valid version`);
  }
  if (compareVersions(target, NEWEST_KNOWN_VERSION) > 0) {
    throw new UsageError(`--target-version ${target} is newer than ${NEWEST_KNOWN_VERSION}, the newest MLflow version whose changes mlflow-migrate knows; a check against it would be partial`);
  }
  if (compareVersions(source, target) >= 0) throw new UsageError(`--source-version ${source} must be older than --target-version ${target}`);
  const select = listOption(values.select);
  const ignore = listOption(values.ignore);
  const unknown = unknownSelectors([...(select ?? []), ...(ignore ?? [])], ALL_RULES);
  if (unknown.length) throw new UsageError(`unknown rule code or prefix: ${unknown.join(', ')} (see \`mlflow-migrate rules\`)`);
  return {
    paths: positionals,
    cwd: process.cwd(),
    exclude: values.exclude,
    gitignore: !values['no-respect-gitignore'],
    parser: oneOf('parser', values.parser, ['native', 'wasm', 'auto'] as const, 'auto'),
    sourceVersion: source,
    targetVersion: target,
    select,
    ignore,
    prefilter: !values['no-prefilter'],
    notice,
    jobs: positiveInteger('jobs', values.jobs),
  };
}

export function exitCodeFor(result: RunResult, failOn: Severity, exitZero: boolean): number {
  if (result.problems.some((p) => p.kind === 'internal')) return 2;
  if (exitZero) return 0;
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

export function reportProblems(result: RunResult, quiet: boolean): void {
  for (const p of result.problems) process.stderr.write(`mlflow-migrate: ${p.path}: ${p.message}\n`);
  void quiet;
}

export function writeReport(text: string, output: string | undefined): void {
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, ANALYSIS_OPTIONS);
  if (values.help) { process.stdout.write(CHECK_HELP); return 0; }
  const format: Format = oneOf('format', values.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info'] as const, 'warning');
  const quiet = !!values.quiet;
  const notice = (m: string) => { if (!quiet) process.stderr.write(`${m}\n`); };
  // Only `check` uses the cache: `fix` must analyse the text it is about to rewrite.
  const result = await runCheck({ ...analysisOptions(values, positionals, notice), cache: !values['no-cache'] });
  reportProblems(result, quiet);
  const color = format === 'text' && !values.output && pc.isColorSupported;
  let text = REPORTERS[format](result, { cwd: process.cwd(), toolVersion: TOOL_VERSION, color, unsafeFixes: !!values['unsafe-fixes'] });
  if (quiet && format === 'text') text = text.split('\n').slice(0, -2).join('\n') + (result.findings.length ? '\n' : '');
  writeReport(text, values.output);
  return exitCodeFor(result, failOn, !!values['exit-zero']);
}
