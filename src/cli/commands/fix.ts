import { relative } from 'node:path';
import { stdoutWantsColor } from '../color.js';
import { DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION } from '../../engine/versions.js';
import { fileMessages, fileViews, hasInternalError, renderFixReport } from '../../fixer/report.js';
import { runFix, type FixRunOptions, type FixRunResult } from '../../fixer/runFix.js';
import { UsageError } from '../../discovery/discover.js';
import { ANALYSIS_OPTIONS, parse } from '../args.js';
import { analysisOptions, reportProblems, writeReport } from './check.js';

export const FIX_HELP = `Usage: mlflow-migrate fix [PATH...] [options]

Show the automatic fixes for MLflow 2.x -> 3.x breaking changes as a unified diff (default PATH: .),
then the findings that need manual changes. Nothing is written without --write.

Options:
  --write                  apply the fixes to the files
  --unsafe-fixes           also apply fixes marked unsafe (they need review; see \`explain CODE\`)
  --allow-dirty            with --write: fix files that have uncommitted changes in git
  -o, --output FILE        write the report to FILE instead of stdout
  --exit-zero              exit 0 even when something remains to change
  --select CODES           only these rule codes or prefixes (comma-separated)
  --ignore CODES           skip these rule codes or prefixes
  --exclude GLOB           exclude paths matching GLOB (repeatable)
  --no-respect-gitignore   also fix files ignored by .gitignore
  --target-version VER     MLflow version to migrate to (default ${DEFAULT_TARGET_VERSION})
  --source-version VER     MLflow version the code is written for (default ${DEFAULT_SOURCE_VERSION})
  --parser BACKEND         auto (default: wasm, native where WebAssembly cannot load), wasm or native
  --config PATH            use this configuration file for every file
  --isolated               ignore configuration files (pyproject.toml, mlflow-migrate.toml)
  --jobs N                 parse in N worker threads (default: one per core, none on 1-2 cores; 1: no threads)
  -q, --quiet              print only the diff and the findings, no summary or notices

Exit codes: without --write, 1 when there is something to fix and 0 when not; with --write, 1 when
findings remain after fixing; 2 on usage errors, internal errors (a fix that would break the
syntax: nothing is written for that file), or when --write is refused for uncommitted changes.
`;

// `--format` and `--fail-on` belong to `check`: `check --format json` reports the fixes as data.
const { format: _format, 'fail-on': _failOn, ...SHARED } = ANALYSIS_OPTIONS;
export const FIX_OPTIONS = {
  ...SHARED,
  write: { type: 'boolean' },
  'allow-dirty': { type: 'boolean' },
} as const;

/** Test hooks: extra rules, and a callback between computing and writing each file. */
export type FixOverrides = Pick<FixRunOptions, 'rules' | 'beforeWrite'>;

export async function fixCommand(argv: string[], overrides: FixOverrides = {}): Promise<number> {
  const { values, positionals } = parse(argv, FIX_OPTIONS);
  if (values.help) { process.stdout.write(FIX_HELP); return 0; }
  const quiet = !!values.quiet;
  const notice = (m: string) => { if (!quiet) process.stderr.write(`${m}\n`); };
  const run = await analysisOptions(values, positionals, notice);
  if (run.stdin) throw new UsageError('fix reads files, not standard input');
  const result = await runFix({
    ...run.options,
    write: !!values.write,
    unsafeFixes: run.unsafeFixes,
    allowDirty: !!values['allow-dirty'],
    ...overrides,
  });
  reportProblems(result.check, quiet);
  if (result.refused) {
    const list = result.refused.map((d) => `  ${d.status.trim() || d.status} ${relative(process.cwd(), d.absolute) || d.absolute}`).join('\n');
    process.stderr.write(
      `mlflow-migrate: error: the files to fix have uncommitted changes in git:\n${list}\n` +
      'Commit or stash them first so the fixes can be reviewed and undone, or pass --allow-dirty. Nothing was written.\n',
    );
    return 2;
  }
  for (const m of fileMessages(result)) process.stderr.write(`mlflow-migrate: ${m}\n`);
  // A diff piped to a file or `git apply` must stay plain, even in CI.
  const color = !values.output && stdoutWantsColor();
  writeReport(renderFixReport(result, { color, quiet }), values.output);
  return fixExitCode(result, !!values['exit-zero']);
}

/** 2 internal error; preview: 1 when something would change; --write: 1 when findings remain. */
export function fixExitCode(result: FixRunResult, exitZero: boolean): number {
  if (hasInternalError(result)) return 2;
  if (exitZero) return 0;
  const views = fileViews(result);
  if (!result.write) return views.some((v) => v.applied) ? 1 : 0;
  return views.some((v) => v.remaining.length) ? 1 : 0;
}
