#!/usr/bin/env node
// `npm run bench` (after `npm run build`: it runs the built CLI, bin/mlflow-migrate.cjs).
//
// Generates a deterministic synthetic monorepo (~4,000 Python files, ~1.3 M lines, 5% using MLflow)
// and an MLflow-heavy project (400 files, half using MLflow) in a temporary directory, then times
// whole processes over interleaved rounds: a read-only Node pass (the floor), `mlflow-migrate check`
// cold and warm, with --jobs 1 and the default, and `ast-grep scan` with four equivalent rules.
// Prints medians, the ratios the scale issue sets targets for, and the peak RSS of `check`.
//
//   npm run bench -- [--rounds 5] [--keep] [--files 4000]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType, availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findAstGrep, writeAstGrepConfig } from './bench/astgrep.mjs';
import { generateCorpus } from './bench/corpus.mjs';
import { canMeasureRss, cpuBusy, measure, median } from './bench/measure.mjs';
import { printReport } from './bench/report.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'mlflow-migrate.cjs');
const FLOOR = join(ROOT, 'scripts', 'bench', 'floor.mjs');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    files: { type: 'string', default: '4000' },
    keep: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const files = Number(values.files);

if (!existsSync(join(ROOT, 'dist', 'src', 'runner', 'worker.js'))) {
  console.error('bench: dist/ is missing or stale: run `npm run build` first (the benchmark times the built CLI).');
  process.exit(2);
}
const astGrep = findAstGrep(ROOT);
if (!astGrep) {
  console.error('bench: ast-grep not found: run `npm install` (it is the @ast-grep/cli devDependency).');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'mlflow-migrate-bench-'));
// Other processes competing for the cores make every parallel figure pessimistic: say so.
const busyBefore = await cpuBusy();
const loadBefore = loadavg();
try {
  const monorepo = join(tmp, 'monorepo');
  const heavy = join(tmp, 'mlflow-heavy');
  process.stderr.write(`bench: generating corpora in ${tmp}\n`);
  const corpora = {
    monorepo: { dir: monorepo, stats: generateCorpus(monorepo, { files, mlflowEvery: 20, seed: 7 }) },
    'mlflow-heavy': { dir: heavy, stats: generateCorpus(heavy, { files: Math.round(files / 10), mlflowEvery: 2, seed: 11 }) },
  };
  const sgConfig = writeAstGrepConfig(join(tmp, 'ast-grep'));
  // What `check` runs with when --jobs is not given (in-process on two cores or fewer).
  const { defaultJobs } = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'runner', 'pool.js')).href);
  const jobs = defaultJobs();
  // The cache goes to the corpus directory (the default location), cleared before each cold run.
  const checkEnv = { XDG_CACHE_HOME: '' };
  const clearCache = (dir) => () => rmSync(join(dir, '.mlflow-migrate-cache'), { recursive: true, force: true });
  const check = (dir, extra, before) => ({ command: process.execPath, args: [CLI, 'check', '.', ...extra], cwd: dir, env: checkEnv, before, isCheck: true });

  const scenarios = [];
  for (const [corpus, { dir }] of Object.entries(corpora)) {
    scenarios.push(
      { corpus, name: 'read-only floor (node)', command: process.execPath, args: [FLOOR, '.'], cwd: dir },
      { corpus, name: 'parse floor (1 thread)', key: 'parse', command: process.execPath, args: [FLOOR, '--parse', '.'], cwd: dir },
      { corpus, name: `check, cold (default jobs: ${jobs})`, key: 'cold', ...check(dir, [], clearCache(dir)) },
      { corpus, name: 'check, warm cache', key: 'warm', ...check(dir, []) },
    );
    if (corpus === 'monorepo') scenarios.push({ corpus, name: 'check, cold, --jobs 1', key: 'jobs1', ...check(dir, ['--jobs', '1'], clearCache(dir)) });
    scenarios.push({ corpus, name: 'ast-grep scan (4 rules)', key: 'astgrep', command: astGrep, args: ['scan', '-c', sgConfig, '.'], cwd: dir });
  }
  for (const s of scenarios) s.runs = [];

  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`bench: round ${round}/${rounds}\n`);
    for (const s of scenarios) {
      s.before?.();
      s.runs.push(await measure(s.command, s.args, { cwd: s.cwd, env: s.env, tmp }));
    }
  }

  const sanity = Object.fromEntries(Object.entries(corpora).map(([corpus, { dir }]) => [corpus, { ...countFindings(dir, astGrep, sgConfig, checkEnv), routing: routing(dir, checkEnv) }]));
  printReport({
    rounds,
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: availableParallelism(),
      memoryGb: totalmem() / 1024 ** 3,
      os: `${osType()} ${release()}`,
      node: process.version,
      astGrep: execFileSync(astGrep, ['--version'], { encoding: 'utf8' }).trim(),
      loadBefore,
      loadAfter: loadavg(),
      busyBefore,
      busyAfter: await cpuBusy(),
    },
    corpora,
    scenarios: scenarios.map((s) => ({
      corpus: s.corpus, name: s.name, key: s.key, isCheck: !!s.isCheck,
      median: median(s.runs.map((r) => r.ms)), min: Math.min(...s.runs.map((r) => r.ms)), max: Math.max(...s.runs.map((r) => r.ms)),
      rssMb: canMeasureRss ? Math.max(...s.runs.map((r) => r.rssMb ?? 0)) : undefined,
    })),
    sanity,
  });
} finally {
  if (values.keep) process.stderr.write(`bench: corpora kept in ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
}

/** Where a cold check's files went (the runner's MLFLOW_MIGRATE_STATS line; untimed). */
function routing(dir, env) {
  const run = spawnSync(process.execPath, [CLI, 'check', '.', '--no-cache', '--format', 'json'], { cwd: dir, env: { ...process.env, ...env, MLFLOW_MIGRATE_STATS: '1' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  return /stats: (.*)/.exec(run.stderr)?.[1] ?? 'n/a';
}

/** Findings of the four compared rules, by code, from both tools (untimed; shows the work is alike). */
function countFindings(dir, astGrep, sgConfig, env) {
  const codes = ['MLF101', 'MLF104', 'MLF106', 'MLF201'];
  const ours = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--no-cache', '--select', codes.join(',')], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const theirs = spawnSync(astGrep, ['scan', '-c', sgConfig, '--json=compact', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const count = (items, key) => Object.fromEntries(codes.map((c) => [c, items.filter((i) => i[key] === c).length]));
  return { check: count(JSON.parse(ours.stdout).findings, 'code'), astGrep: count(JSON.parse(theirs.stdout), 'ruleId') };
}
