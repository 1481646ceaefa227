import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stdoutWantsColor } from '../color.js';
import { displayPath, UsageError } from '../../discovery/discover.js';
import { ProjectSettings } from '../../config/project.js';
import type { DetectedSourceVersion } from '../../manifests/project.js';
import { formatStatistics } from '../../reporters/statistics.js';
import { detectProjectSourceVersion } from '../../runner/sourceVersion.js';
import { createProgress } from '../progress.js';
import { unknownSelectors } from '../../engine/selection.js';
import type { Severity } from '../../engine/types.js';
import { compareVersions, DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION, isValidVersion, NEWEST_KNOWN_VERSION } from '../../engine/versions.js';
import { ALL_RULES, KNOWN_CODES } from '../../../rules/index.js';
import { REPORTERS, FORMATS, type Format } from '../../reporters/index.js';
import { checkOneFile, createSession, runCheck, runResult, withEnabledFindings, type CheckOptions, type RunResult } from '../../runner/run.js';
import { TOOL_VERSION } from '../../version.js';
import { ANALYSIS_OPTIONS, listOption, oneOf, parse, positiveInteger, type ParsedArgs } from '../args.js';

export const CHECK_HELP = `Usage: mlflow-migrate check [PATH...] [options]

Report MLflow 2.x -> 3.x breaking changes in Python files (default PATH: .).

Options:
  --format FORMAT          text (default), json, sarif, github (workflow annotations), markdown (upgrade report)
  -o, --output FILE        write the report to FILE instead of stdout
  --output-sarif FILE      also write a SARIF log to FILE (one run: e.g. --format github for the log)
  --output-json FILE       also write the JSON report to FILE
  --statistics             print one line per rule code: count, [*] when fix repairs them all, name
  --fail-on LEVEL          lowest severity that makes the exit code 1: error, warning (default), info
  --exit-zero              exit 0 even when there are findings
  --select CODES           only these rule codes or prefixes (comma-separated, e.g. MLF1,MLF201)
  --ignore CODES           skip these rule codes or prefixes
  --exclude GLOB           exclude paths matching GLOB (repeatable)
  --no-respect-gitignore   also check files ignored by .gitignore
  --target-version VER     MLflow version to migrate to (default ${DEFAULT_TARGET_VERSION}, newest known ${NEWEST_KNOWN_VERSION})
  --source-version VER     MLflow version the code is written for (default ${DEFAULT_SOURCE_VERSION})
  --parser BACKEND         auto (default: wasm, native where WebAssembly cannot load), wasm or native
  --jobs N                 parse in N worker threads (default: one per core, none on 1-2 cores; 1: no threads)
  --no-cache               neither read nor write the result cache
  --cache-dir DIR          keep the result cache in DIR (default: $MLFLOW_MIGRATE_CACHE_DIR, else
                           $XDG_CACHE_HOME/mlflow-migrate/ when set, else .mlflow-migrate-cache/)
  --unsafe-fixes           count fixes marked unsafe as fixable (the [*] marks, the summary)
  --config FILE            use this configuration file for every file (pyproject.toml or mlflow-migrate.toml)
  --isolated               ignore configuration files
  --stdin-filename PATH    with \`-\` as the path: read the file from standard input, report it as PATH
  -q, --quiet              print only findings, no summary or notices
`;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export type AnalysisArgs = ParsedArgs<typeof ANALYSIS_OPTIONS>['values'];

export interface AnalysisRun {
  options: CheckOptions;
  failOn: Severity;
  unsafeFixes: boolean;
  /** Set when the source version was read from the project's pins. */
  detected?: DetectedSourceVersion;
  /** `-`: the file's bytes, read from standard input on first use (so `fix -` fails without waiting for input). */
  stdin?: { read: () => Uint8Array; filename: string };
}

function checkVersion(flag: string, version: string): void {
  if (!isValidVersion(version)) throw new UsageError(`${flag}: '${version}' is not a valid version`);
}

/**
 * Validates the options shared by `check` and `fix`, loads the configuration (closest to each
 * file; the command line wins), and settles the version range: command line, then configuration,
 * then the project's own MLflow pin, then the defaults.
 */
export async function analysisOptions(values: AnalysisArgs, positionals: string[], notice: (m: string) => void): Promise<AnalysisRun> {
  if (values['target-version']) checkVersion('--target-version', values['target-version']);
  if (values['source-version']) checkVersion('--source-version', values['source-version']);
  const select = listOption(values.select);
  const ignore = listOption(values.ignore);
  const unknown = unknownSelectors([...(select ?? []), ...(ignore ?? [])], [...KNOWN_CODES]);
  if (unknown.length) throw new UsageError(`unknown rule code or prefix: ${unknown.join(', ')} (see \`mlflow-migrate rules\`)`);
  const cwd = process.cwd();
  const cli = { select, ignore, targetVersion: values['target-version'], sourceVersion: values['source-version'] };
  const project = new ProjectSettings({ cwd, configPath: values.config, isolated: values.isolated, cli, defaults: { sourceVersion: DEFAULT_SOURCE_VERSION, targetVersion: DEFAULT_TARGET_VERSION }, rules: ALL_RULES });
  const target = values['target-version'] ?? project.rootSetting('targetVersion') ?? DEFAULT_TARGET_VERSION;
  if (compareVersions(target, NEWEST_KNOWN_VERSION) > 0) {
    throw new UsageError(`target version ${target} is newer than ${NEWEST_KNOWN_VERSION}, the newest MLflow version whose changes mlflow-migrate knows; a check against it would be partial`);
  }
  const stdin = positionals.length === 1 && positionals[0] === '-' ? { read: () => readFileSync(0), filename: values['stdin-filename'] ?? 'stdin.py' } : undefined;
  if (values['stdin-filename'] && !stdin) throw new UsageError('--stdin-filename needs `-` as the path');
  const options: CheckOptions = {
    paths: stdin ? [] : positionals,
    cwd,
    exclude: values.exclude,
    gitignore: !values['no-respect-gitignore'],
    parser: oneOf('parser', values.parser, ['native', 'wasm', 'auto'] as const, 'auto'),
    targetVersion: target,
    select,
    ignore,
    prefilter: !values['no-prefilter'],
    notice,
    jobs: positiveInteger('jobs', values.jobs),
    project,
  };
  let source = values['source-version'] ?? project.rootSetting('sourceVersion');
  let detected: DetectedSourceVersion | undefined;
  if (!source && !stdin) {
    const detection = await detectProjectSourceVersion(options, target);
    detected = detection.detected;
    options.discovered = detection.discovery;
    source = detected?.version;
  }
  options.sourceVersion = source ?? DEFAULT_SOURCE_VERSION;
  if (compareVersions(options.sourceVersion, target) >= 0) throw new UsageError(`source version ${options.sourceVersion} must be older than target version ${target}`);
  // Files inherit the run's version range unless their own configuration says otherwise.
  project.setDefaults({ sourceVersion: options.sourceVersion, targetVersion: target });
  const failOn = oneOf('fail-on', values['fail-on'] ?? project.rootSetting('failOn'), ['error', 'warning', 'info'] as const, 'warning');
  const unsafeFixes = !!(values['unsafe-fixes'] ?? project.rootSetting('unsafeFixes'));
  return { options, failOn, unsafeFixes, detected, stdin };
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
  if (!output) { process.stdout.write(text); return; }
  try {
    // `--output-sarif reports/mlflow.sarif` in a fresh CI checkout: the directory does not exist yet.
    mkdirSync(dirname(resolve(output)), { recursive: true });
    writeFileSync(output, text);
  } catch (err) {
    throw new UsageError(`cannot write ${output}: ${(err as Error).message}`);
  }
}

const CHECK_OPTIONS = {
  ...ANALYSIS_OPTIONS,
  statistics: { type: 'boolean' },
  'output-sarif': { type: 'string' },
  'output-json': { type: 'string' },
} as const;

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, CHECK_OPTIONS);
  if (values.help) { process.stdout.write(CHECK_HELP); return 0; }
  const format: Format = oneOf('format', values.format, FORMATS, 'text');
  const quiet = !!values.quiet;
  const notice = (m: string) => { if (!quiet) process.stderr.write(`${m}\n`); };
  const run = await analysisOptions(values, positionals, notice);
  const progress = createProgress({ quiet });
  // Only `check` uses the cache: `fix` must analyse the text it is about to rewrite.
  const result = run.stdin
    ? await checkStdin(run)
    : await runCheck({ ...run.options, cache: !values['no-cache'], cacheDir: cacheDirOption(values['cache-dir']), onProgress: progress.update });
  progress.finish();
  if (run.detected) result.sourceVersionFrom = run.detected.path;
  reportProblems(result, quiet);
  const context = (color: boolean) => ({ cwd: process.cwd(), toolVersion: TOOL_VERSION, color, unsafeFixes: run.unsafeFixes });
  if (values['output-sarif']) writeReport(REPORTERS.sarif(result, context(false)), values['output-sarif']);
  if (values['output-json']) writeReport(REPORTERS.json(result, context(false)), values['output-json']);
  const color = (format === 'text' || values.statistics === true) && !values.output && stdoutWantsColor();
  let text = values.statistics ? formatStatistics(result, context(color)) : REPORTERS[format](result, context(color));
  if (format === 'text' && !values.statistics) {
    if (quiet) text = text.split('\n').slice(0, -2).join('\n') + (result.findings.length ? '\n' : '');
    else if (run.detected) text += `Source version ${result.sourceVersion}, detected from ${run.detected.path} (override with --source-version).\n`;
  }
  writeReport(text, values.output);
  return exitCodeFor(result, run.failOn, !!values['exit-zero']);
}

/** `--cache-dir DIR`: an empty value would make the working directory the cache's. */
function cacheDirOption(value: string | undefined): string | undefined {
  if (value === '') throw new UsageError('--cache-dir needs a directory');
  return value;
}

/** `check -`: one file from standard input, named by --stdin-filename (editors, pre-commit on staged content). */
async function checkStdin(run: AnalysisRun): Promise<RunResult> {
  const session = await createSession(run.options);
  const { filename, read } = run.stdin!;
  const bytes = read();
  const absolute = resolve(run.options.cwd, filename);
  const { result, problem } = await checkOneFile(absolute, displayPath(run.options.cwd, absolute), session, bytes);
  // Its configuration's rules, as for files on disk; `extend-exclude` does not drop a file named on standard input.
  const project = run.options.project;
  const files = result ? [project ? withEnabledFindings(result, project) : result] : [];
  return runResult(files, problem ? [problem] : [], session, session.parser.backend);
}
