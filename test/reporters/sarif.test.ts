import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { describe, expect, test } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { ruleMarkdown } from '../../src/cli/commands/explain.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { checkProject as checkAll, type CheckedProject } from './project.js';

// The rules these tests exercise; others in the catalogue would add findings to the same sources.
const checkProject = (files: Parameters<typeof checkAll>[0], options: Parameters<typeof checkAll>[1] = {}) =>
  checkAll(files, { select: ['MLF001', 'MLF104', 'MLF201'], ...options });

const WIDE_LINE = 't = "日本語😀"; mlflow.evaluate(m, d, custom_metrics=[r])';
const TRAIN = `import mlflow\n\n${WIDE_LINE}\nmlflow.evaluate(m, d, custom_metrics=[r], extra_metrics=[q])\n`;
const BINARY = new Uint8Array([0x6d, 0x6c, 0x66, 0x6c, 0x6f, 0x77, 0, 1, 2]);

function sarif(project: CheckedProject): Sarif.Log {
  return JSON.parse(formatSarif(project.result, project.context)) as Sarif.Log;
}

function onlyRun(log: Sarif.Log): Sarif.Run {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
}

describe('--format sarif', () => {
  test('log header, driver and base URI', async () => {
    const project = await checkProject({ 'train.py': TRAIN });
    const log = sarif(project);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    const run = onlyRun(log);
    expect(run.tool.driver).toMatchObject({ name: 'mlflow-migrate', version: '0.1.0', semanticVersion: '0.1.0', informationUri: expect.stringMatching(/^https:\/\//) });
    const srcroot = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
    expect(srcroot).toBe(`${pathToFileURL(project.dir).href}/`);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  test('rules[] lists every rule in effect once, with its docs; ruleIndex points at the ruleId', async () => {
    const project = await checkProject({ 'train.py': TRAIN, 'fa.py': 'import mlflow.fastai\n' });
    const run = onlyRun(sarif(project));
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(project.result.rules.map((r) => r.code));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    // Complete: rules without findings in this run are listed too.
    expect(rules.length).toBeGreaterThan(new Set(project.result.findings.map((f) => f.code)).size);
    for (const descriptor of rules) {
      const rule = ALL_RULES.find((r) => r.code === descriptor.id)!;
      expect(descriptor.name).toBe(rule.name);
      expect(descriptor.shortDescription?.text).toBe(rule.docs.summary);
      expect(descriptor.fullDescription?.text).toContain(rule.docs.whatItDoes);
      expect(descriptor.fullDescription?.text).toContain(rule.docs.why);
      expect(descriptor.help?.markdown).toBe(ruleMarkdown(rule));
      expect(descriptor.help?.text).toContain(rule.docs.fixSafety);
      expect(descriptor.helpUri).toBe(`https://github.com/mlflow-migrate/mlflow-migrate/blob/main/docs/rules/${rule.code}.md`);
      expect(descriptor.defaultConfiguration?.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.severity]);
      expect(descriptor.properties).toMatchObject({ precision: 'very-high', tags: expect.arrayContaining(['mlflow', 'migration']) });
      expect(descriptor.properties?.['problem.severity']).toBe({ error: 'error', warning: 'warning', info: 'recommendation' }[rule.severity]);
    }
    expect(run.results!.map((r) => r.ruleId).sort()).toEqual(['MLF104', 'MLF104', 'MLF201']);
    for (const r of run.results!) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  test('regions count UTF-16 code units: CJK and an emoji earlier on the line do not shift the column', async () => {
    const run = onlyRun(sarif(await checkProject({ 'train.py': TRAIN })));
    const [first] = run.results!;
    expect(first!.level).toBe('error');
    expect(first!.message.text).toBe('`custom_metrics` was removed from `mlflow.evaluate` in MLflow 3.0. Rename to `extra_metrics`.');
    // UTF-16 column 36; UTF-8 bytes would give 44 and code points 35.
    expect(first!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 3, startColumn: 36, endLine: 3, endColumn: 50 });
  });

  test('artifact URIs: repo-relative, percent-encoded, based on %SRCROOT%', async () => {
    const run = onlyRun(sarif(await checkProject({ 'my models/modèle #2.py': TRAIN })));
    const location = run.results![0]!.locations![0]!.physicalLocation!.artifactLocation;
    expect(location).toEqual({ uri: 'my%20models/mod%C3%A8le%20%232.py', uriBaseId: '%SRCROOT%' });
  });

  test('a file outside the working directory gets an absolute file:// URI without uriBaseId', async () => {
    const project = await checkProject({ 'repo/a.py': 'x = 1\n', 'other/b.py': TRAIN }, { cwd: 'repo', paths: ['.', '../other'] });
    const location = onlyRun(sarif(project)).results![0]!.locations![0]!.physicalLocation!.artifactLocation!;
    expect(location.uriBaseId).toBeUndefined();
    expect(location.uri).toBe(pathToFileURL(project.result.files.find((f) => f.findings.length)!.absolute).href);
    expect(location.uri).toMatch(/^file:\/\/\/.*\/other\/b\.py$/);
  });

  test('a fixable finding carries fixes[] whose replacement, applied by line/column, gives the fixed line', async () => {
    const run = onlyRun(sarif(await checkProject({ 'train.py': TRAIN })));
    const [fixable, unfixable] = run.results!;
    expect(unfixable!.fixes).toBeUndefined();
    expect(fixable!.fixes).toHaveLength(1);
    const fix = fixable!.fixes![0]!;
    expect(fix.description?.text).toBe('Rename to `extra_metrics`.');
    const [change] = fix.artifactChanges;
    expect(change!.artifactLocation).toEqual({ uri: 'train.py', uriBaseId: '%SRCROOT%' });
    const [replacement] = change!.replacements;
    expect(replacement!.deletedRegion).toEqual(fixable!.locations![0]!.physicalLocation!.region);
    expect(replacement!.insertedContent?.text).toBe('extra_metrics');

    const lines = TRAIN.split('\n');
    const region = replacement!.deletedRegion;
    const line = lines[region.startLine! - 1]!;
    const fixed = line.slice(0, region.startColumn! - 1) + replacement!.insertedContent!.text + line.slice(region.endColumn! - 1);
    expect(fixed).toBe('t = "日本語😀"; mlflow.evaluate(m, d, extra_metrics=[r])');
  });

  test('a run with zero results is still a complete log', async () => {
    const project = await checkProject({ 'plain.py': 'print("no mlflow here")\n' });
    const run = onlyRun(sarif(project));
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(project.result.rules.map((r) => r.code));
    expect(run.invocations).toEqual([expect.objectContaining({ executionSuccessful: true, toolExecutionNotifications: [] })]);
  });

  test('files that could not be analysed become toolExecutionNotifications', async () => {
    const project = await checkProject({ 'train.py': TRAIN, 'data/blob.py': BINARY });
    const [invocation] = onlyRun(sarif(project)).invocations!;
    expect(invocation!.executionSuccessful).toBe(true);
    expect(invocation!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'data/blob.py: binary file (contains NUL bytes).' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'data/blob.py', uriBaseId: '%SRCROOT%' } } }],
        descriptor: { id: 'problem/decode', index: 1 },
      },
    ]);
    const descriptors = onlyRun(sarif(project)).tool.driver.notifications!;
    expect(descriptors[1]!.id).toBe('problem/decode');
  });

  test('an internal error marks the run unsuccessful and is an error notification', async () => {
    const project = await checkProject({ 'train.py': TRAIN });
    project.result.problems.push({ path: 'train.py', kind: 'internal', message: 'rule MLF104 failed at offset 3: boom' });
    const [invocation] = onlyRun(sarif(project)).invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications![0]).toMatchObject({ level: 'error', descriptor: { id: 'problem/internal' } });
  });
});

describe('fingerprints', () => {
  const key = 'mlflowMigrate/v1';
  const fingerprintsOf = (log: Sarif.Log) => onlyRun(log).results!.map((r) => r.partialFingerprints?.[key]);

  test('stable when lines are inserted above, and unique per finding; no primaryLocationLineHash', async () => {
    const twice = `import mlflow\n\nmlflow.evaluate(m, d, custom_metrics=[r])\nmlflow.evaluate(m, d, custom_metrics=[r])\n`;
    const before = sarif(await checkProject({ 'train.py': twice }));
    const after = sarif(await checkProject({ 'train.py': twice.replace('\n\n', '\n\n# a comment\nx = 1\n\n') }));
    const lines = (log: Sarif.Log) => onlyRun(log).results!.map((r) => r.locations![0]!.physicalLocation!.region!.startLine);
    expect(lines(before)).toEqual([3, 4]);
    expect(lines(after)).toEqual([6, 7]);
    const prints = fingerprintsOf(before);
    expect(prints.every((p) => typeof p === 'string' && p.length > 0)).toBe(true);
    expect(new Set(prints).size).toBe(2);
    expect(fingerprintsOf(after)).toEqual(prints);
    for (const r of onlyRun(after).results!) expect(Object.keys(r.partialFingerprints!)).toEqual([key]);
  });

  test('differ between files with the same code', async () => {
    const log = sarif(await checkProject({ 'a.py': TRAIN, 'b.py': TRAIN }));
    const prints = fingerprintsOf(log);
    expect(new Set(prints).size).toBe(prints.length);
  });
});
