import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { project, runMain } from '../fix/cliHelpers.js';

/**
 * `check --format markdown`: the upgrade report. On examples/ml-platform it is compared with a
 * reviewed snapshot (test/workflow/__snapshots__/ml-platform.md: every row and every manual action
 * checked against the example's code and test/example.test.ts). After a deliberate change, rerun
 * with `npx vitest run test/workflow/markdown.test.ts -u` and review the diff of the snapshot.
 */
const REPO = join(import.meta.dirname, '..', '..');
const SNAPSHOT = join(import.meta.dirname, '__snapshots__', 'ml-platform.md');

async function markdown(cwd: string, args: string[]): Promise<{ code: number; text: string }> {
  // --no-cache: nothing is written into the checkout.
  const run = await runMain(cwd, ['check', '--format', 'markdown', '--no-cache', ...args]);
  expect(run.stderr).toBe('');
  return { code: run.code, text: run.stdout.replace(`mlflow-migrate ${TOOL_VERSION} over`, 'mlflow-migrate X.Y.Z over') };
}

/** Cells of a table row: split on `|` not escaped with a backslash. */
const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);

/** What GitHub needs to render the report as intended. */
function expectRendersOnGitHub(text: string): void {
  const lines = text.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) { fenced = !fenced; continue; }
    if (fenced) continue;
    // `<x>` outside code spans would be swallowed as an HTML tag; only the folding block is HTML.
    if (line === '<details>') { expect(lines[i + 1]).toMatch(/^<summary>[^<]*<\/summary>$/); continue; }
    if (line.startsWith('<summary>')) { expect(lines[i + 1], `blank line after line ${i + 1}: Markdown inside <details>`).toBe(''); continue; }
    if (line === '</details>') { expect(lines[i - 1], `blank line before line ${i + 1}`).toBe(''); continue; }
    expect(line.split(/`[^`]*`/).join(''), `line ${i + 1}`).not.toMatch(/<[A-Za-z/]/);
    // Tables: a header, a delimiter row, and rows with as many cells as the header.
    if (line.startsWith('|') && !lines[i - 1]?.startsWith('|')) {
      expect(lines[i - 1], `blank line before the table at line ${i + 1}`).toBe('');
      const width = cells(line).length;
      expect(cells(lines[i + 1]!).every((c) => /^\s*:?-+:?\s*$/.test(c)), `delimiter row at line ${i + 2}`).toBe(true);
      for (let j = i + 1; lines[j]?.startsWith('|'); j++) expect(cells(lines[j]!), `line ${j + 1}`).toHaveLength(width);
    }
  }
  expect(fenced, 'every code fence is closed').toBe(false);
  // Every in-page link leads to a heading (GitHub's anchor: the heading in lower case).
  const anchors = new Set(lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
  for (const [, anchor] of text.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors, `#${anchor}`).toContain(anchor);
}

describe('--format markdown on examples/ml-platform', () => {
  it('matches the reviewed report', async () => {
    expect(existsSync(SNAPSHOT), 'the reviewed snapshot is checked in').toBe(true);
    const { code, text } = await markdown(REPO, ['examples/ml-platform']);
    expect(code).toBe(1);
    await expect(text).toMatchFileSnapshot(SNAPSHOT);
  });

  it('renders on GitHub: tables, fences, anchors, no HTML', async () => {
    expectRendersOnGitHub((await markdown(REPO, ['examples/ml-platform'])).text);
    expectRendersOnGitHub((await markdown(REPO, ['examples/platform-deploy'])).text);
  });

  it('agrees with the JSON report: every finding without a fix is a manual action, every unsafe one a fix to review', async () => {
    const { text } = await markdown(REPO, ['examples/ml-platform']);
    const json = JSON.parse((await runMain(REPO, ['check', 'examples/ml-platform', '--format', 'json', '--no-cache'])).stdout);
    const section = (title: string) => text.split(`## ${title}`)[1]!.split('\n## ')[0]!;
    const items = (title: string) => section(title).split('\n').filter((l) => l.startsWith('- [ ] ')).map((l) => /^- \[ \] `([^`]+)` \*\*(MLF\d+)\*\*/.exec(l)!.slice(1).join(' '));
    type F = { path: string; line: number; code: string; fix: { applicability: string } | null };
    const where = (f: F) => `${f.path}:${f.line} ${f.code}`;
    expect(items('Manual actions')).toEqual(json.findings.filter((f: F) => !f.fix).map(where));
    expect(items('Fixes to review (`mlflow-migrate fix --unsafe-fixes`)')).toEqual(json.findings.filter((f: F) => f.fix?.applicability === 'unsafe').map(where));
    // The table's counts per code add up to the findings.
    const rows = section('Breaking changes in scope').split('<details>')[0]!.split('\n').filter((l) => l.startsWith('| [MLF'));
    const sites = rows.reduce((n, row) => n + Number(cells(row)[2]), 0);
    expect(sites).toBe(json.findings.length);
  });
});

describe('the Dependency pins section', () => {
  it('one row per MLF901 / MLF902 finding: package, requirement as written, and after `fix`', async () => {
    const dir = project({
      'requirements.txt': 'pandas==2.1.4\nmlflow==2.9.2\nmlflow-skinny==2.9.1\n',
      'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["mlflow[extras] >=2.8,<3", "pandas"]\n',
      'poet/pyproject.toml': '[tool.poetry]\nname = "p"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nmlflow = "^2.9 || ^2.10"\n',
    });
    const { text } = await markdown(dir, []);
    const section = text.split('## Dependency pins\n\n')[1]!.split('\n\n')[0]!;
    expect(section.split('\n')).toEqual([
      '| file | package | as written | for MLflow 3.4.0 |',
      '|---|---|---|---|',
      // No raw `|` in a cell: Poetry's alternatives are escaped.
      '| `poet/pyproject.toml:6` | `mlflow` | `mlflow ^2.9 \\|\\| ^2.10` | manual: Change the version constraint of `mlflow` to admit 3.4.0 |',
      '| `requirements.txt:2` | `mlflow` | `mlflow==2.9.2` | `mlflow==3.4.0` |',
      '| `requirements.txt:3` | `mlflow-skinny` | `mlflow-skinny==2.9.1` | `mlflow-skinny==3.4.0` |',
      '| `svc/pyproject.toml:3` | `mlflow` | `mlflow[extras] >=2.8,<3` | `mlflow[extras] >=2.8,<4` |',
    ]);
    expectRendersOnGitHub(text);
  });

  it('says so when no pin blocks the target, and is left out when the pin rules did not run', async () => {
    const dir = project({ 'requirements.txt': 'mlflow>=2.9\n', 'a.py': 'import mlflow.fastai\n' });
    expect((await markdown(dir, [])).text).toContain('## Dependency pins\n\nNo `mlflow` pin excludes MLflow 3.4.0.\n');
    expect((await markdown(dir, ['--select', 'MLF2'])).text).not.toContain('Dependency pins');
  });
});

describe('the rest of the report', () => {
  it('a clean project: verdict ready, no manual actions, no details', async () => {
    const { code, text } = await markdown(project({ 'a.py': 'import mlflow\nmlflow.log_metric("a", 1)\n' }), []);
    expect(code).toBe(0);
    expect(text).toContain('**Verdict: ready.** No MLflow 3.4.0 breaking changes found.');
    expect(text).toContain('## Manual actions\n\nNone: every finding has an automatic fix.');
    expect(text).not.toContain('## Details');
    expect(text).toContain('## Breaking changes in scope\n\nNone found.\n');
    // The changes checked and not found are folded away, without links (there are no Details to go to).
    expect(text).toMatch(/<details>\n<summary>\d+ more changes checked, not found<\/summary>\n\n\| code \| what changed in MLflow \|\n/);
    expect(text).toContain('| MLF101 `evaluate-baseline-model` | `mlflow.evaluate(baseline_model=...)` was removed in MLflow 3.0. |');
    // The tool's own codes are no MLflow change: listed only when they have findings.
    expect(text).not.toContain('MLF000');
    expectRendersOnGitHub(text);
  });

  it('notebook findings are located by cell; tool findings (MLF000) are listed when present', async () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'markdown', metadata: {}, source: ['# t'] }, { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import mlflow\n', 'mlflow.fastai.autolog()\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const { text } = await markdown(project({ 'nb.ipynb': notebook, 'a.py': 'import mlflow  # noqa: MLF104\n' }), []);
    expect(text).toContain('- [ ] `nb.ipynb:cell 2:2` **MLF201** ');
    expect(text).toMatch(/^\| \[MLF000\]\(#mlf000\) `unused-suppression` \| .* \| 1 \| 1 \| 1 \/ 0 \/ 0 \|$/m);
  });

  it('a rule whose remedy is a sentence shows it as text, not as a Python block', async () => {
    const { text } = await markdown(project({ 'a.py': 'import mlflow.fastai\n' }), []);
    const details = text.split('### MLF201')[1]!;
    expect(details).toContain('\nWhat to do: Wrap the learner in a custom `mlflow.pyfunc.PythonModel`');
    expect(details).not.toContain('```');
  });
});
