import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, test, vi } from 'vitest';

// The validator is a .NET program: each run takes seconds (more on a busy 2-core CI runner).
vi.setConfig({ testTimeout: 180_000 });
import { formatSarif } from '../../src/reporters/sarif.js';
import { runCheck } from '../../src/runner/run.js';
import { checkProject } from './project.js';

/**
 * Microsoft's SARIF Multitool (the reference validator, a self-contained .NET binary shipped per
 * platform by @microsoft/sarif-multitool) checks our logs against the schema and its SARIF rules,
 * and, with `--rule-kind Gh`, against GitHub code scanning's ingestion rules.
 */
function locateMultitool(): { bin?: string; unavailable?: string } {
  let bin: string;
  try {
    bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  } catch (err) {
    return { unavailable: `@microsoft/sarif-multitool has no binary for ${process.platform}: ${(err as Error).message}` };
  }
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  // Not executable means its postinstall (`chmod u+x`) was blocked: an install to fix, not a reason to skip.
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'EACCES') return { bin };
  if (probe.error || probe.status !== 0) return { unavailable: `the SARIF Multitool does not run here: ${probe.error?.message ?? probe.stderr}` };
  return { bin };
}

const { bin, unavailable } = locateMultitool();
const work = mkdtempSync(join(tmpdir(), 'mlflow-migrate-multitool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Verdict {
  errors: string[];
  warnings: string[];
}

/** Runs `validate` and reads its own SARIF output: a result's level falls back to its rule's default. */
function validate(log: string, name: string, ruleKind?: 'Gh'): Verdict {
  const input = join(work, `${name}.sarif`);
  const output = join(work, `${name}.validation.sarif`);
  writeFileSync(input, log);
  const args = ['validate', input, '--output', output, '--log', 'ForceOverwrite', ...(ruleKind ? ['--rule-kind', ruleKind] : [])];
  const run = spawnSync(bin!, args, { encoding: 'utf8', timeout: 120_000 });
  const hint = run.error ? `${run.error.message} (if EACCES: allow the install script of @microsoft/sarif-multitool-${process.platform} in package.json allowScripts)` : '';
  expect(run.status, `${hint}${run.stdout}\n${run.stderr}`).toBe(0);
  const validation = JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log;
  const verdict: Verdict = { errors: [], warnings: [] };
  for (const validationRun of validation.runs) {
    // A validator that failed to run its rules is a failure too, not an empty verdict.
    for (const inv of validationRun.invocations ?? []) {
      if (!inv.executionSuccessful) verdict.errors.push('validator: execution failed');
      for (const n of inv.toolExecutionNotifications ?? []) if (n.level === 'error') verdict.errors.push(`validator: ${n.message.text}`);
    }
    const rules = validationRun.tool.driver.rules ?? [];
    for (const r of validationRun.results ?? []) {
      const level = r.level ?? rules[r.ruleIndex ?? -1]?.defaultConfiguration?.level ?? 'warning';
      const where = r.message.arguments?.[0] ?? '';
      const line = `${r.ruleId} ${r.message.id ?? r.message.text ?? ''} at ${where}`;
      if (level === 'error') verdict.errors.push(line);
      if (level === 'warning') verdict.warnings.push(line);
    }
  }
  return verdict;
}

const BINARY = new Uint8Array([0x6d, 0x6c, 0x66, 0x6c, 0x6f, 0x77, 0, 1, 2]);

/** A project that exercises every SARIF feature we emit. */
async function richLog(): Promise<string> {
  const project = await checkProject(
    {
      // Fixable and unfixable findings, wide characters before the finding, a path to percent-encode.
      'repo/src/my models/modèle #1.py':
        'import mlflow\nt = "日本語😀"; mlflow.evaluate(m, d, custom_metrics=[r])\nmlflow.evaluate(m, d, custom_metrics=[r], extra_metrics=[q])\n',
      // A parse error: MLF001 with a zero-width region.
      'repo/broken.py': 'import mlflow\ndef f(:\n    mlflow.evaluate(m, custom_metrics=x)\n',
      'repo/flavors.py': 'import mlflow.fastai\n',
      // A problem: toolExecutionNotifications.
      'repo/blob.py': BINARY,
      // A file outside the working directory: an absolute file:// URI.
      'outside/train.py': 'import mlflow\nmlflow.evaluate(m, d, custom_metrics=[r])\n',
    },
    { cwd: 'repo', paths: ['.', '../outside'] },
  );
  expect(project.result.findings.length).toBeGreaterThanOrEqual(5);
  expect(project.result.problems).toHaveLength(1);
  return formatSarif(project.result, project.context);
}

/** The SARIF of `check` on one of the sample projects, as the README's first command runs it. */
async function exampleLog(name: string): Promise<string> {
  const cwd = join(import.meta.dirname, '..', '..', 'examples', name);
  const result = await runCheck({ paths: ['.'], cwd, parser: 'native' });
  expect(result.findings.length).toBeGreaterThan(10);
  return formatSarif(result, { cwd, toolVersion: '0.1.0', color: false, unsafeFixes: false });
}

describe.skipIf(!bin)(`SARIF Multitool validation${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  test.each(['ml-platform', 'platform-deploy'])('the example project %s passes the default and the GitHub rules', async (name) => {
    const log = await exampleLog(name);
    expect(validate(log, `${name}-default`)).toEqual({ errors: [], warnings: [] });
    expect(validate(log, `${name}-gh`, 'Gh')).toEqual({ errors: [], warnings: [] });
  });

  test('a log with results, fixes, notifications and an outside file passes the default rules', async () => {
    expect(validate(await richLog(), 'rich-default')).toEqual({ errors: [], warnings: [] });
  });

  test('the same log passes GitHub ingestion rules (--rule-kind Gh)', async () => {
    expect(validate(await richLog(), 'rich-gh', 'Gh')).toEqual({ errors: [], warnings: [] });
  });

  test('a log with zero results passes both', async () => {
    const project = await checkProject({ 'plain.py': 'print(1)\n' });
    const log = formatSarif(project.result, project.context);
    expect(validate(log, 'empty-default')).toEqual({ errors: [], warnings: [] });
    expect(validate(log, 'empty-gh', 'Gh')).toEqual({ errors: [], warnings: [] });
  });

  // The validation above can fail: the validator does report broken logs.
  test('sanity: a schema violation and a missing rule help are reported as errors', async () => {
    const log = JSON.parse(await richLog()) as Sarif.Log;
    log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startColumn = 0;
    expect(validate(JSON.stringify(log), 'broken-schema').errors.join('\n')).toMatch(/JSON\d+/);

    const noHelp = JSON.parse(await richLog()) as Sarif.Log;
    delete noHelp.runs[0]!.tool.driver.rules![0]!.help;
    expect(validate(JSON.stringify(noHelp), 'broken-gh', 'Gh').errors.join('\n')).toMatch(/GH2012/);
  });
});
