import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { analyzeFile } from '../../src/engine/analyze.js';
import { definitionKeepPatterns } from '../../src/engine/pruning/keep.js';
import { planPartialParse } from '../../src/engine/pruning/select.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SourceFile } from '../../src/source/sourceFile.js';
import { DEFAULT_RULES, parserFor } from '../helpers/analyze.js';
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript
import { generateCorpus } from '../../scripts/bench/corpus.mjs';

/** Findings (with fixes) as plain data, and the MLF001 count, with and without leaving definitions unparsed. */
async function bothWays(text: string) {
  const parser = await parserFor('wasm');
  const run = (prefilter: boolean) => {
    const file = SourceFile.fromText('module.py', text);
    const a = analyzeFile(file, { rules: DEFAULT_RULES, api: loadMlflowApi(), parser, prefilter });
    return JSON.parse(JSON.stringify({ findings: a.findings.map((f) => ({ ...f, line: file.positionOf(f.start).line })), syntaxErrors: a.syntaxErrors }));
  };
  return { pruned: run(true), whole: run(false) };
}

/** Whether the named definition would be skipped if no rule asked for it to be parsed. */
function skippedWithoutPatterns(text: string, name: string): boolean {
  const plan = planPartialParse(text, []);
  const at = text.indexOf(`def ${name}`) >= 0 ? text.indexOf(`def ${name}`) : text.indexOf(`class ${name}`);
  return !!plan && !plan.ranges.some((r) => r.startIndex <= at && at < r.endIndex);
}

const HEAD = '"""Module."""\nimport logging\nimport mlflow\n\n';

describe('leaving unrelated definitions unparsed changes no finding and no fix', () => {
  // Each case puts what a rule reads in a definition that names nothing from MLflow, which the
  // rule's `parseDefinitionsMatching` keeps (without it, the definition would be skipped).
  const TRAPS: Array<{ rule: string; definition: string; text: string }> = [
    { rule: 'MLF401', definition: 'show', text: `${HEAD}def show(run):\n    print(run.info.run_uuid)\n` },
    { rule: 'MLF906', definition: 'helper', text: `${HEAD}def helper():\n    import pytz\n    return pytz.utc\n` },
    { rule: 'MLF501', definition: 'uri', text: `${HEAD}x = "stage"\n\ndef uri():\n    return "MODels:/rf/Production"\n` },
    { rule: 'MLF107', definition: 'where', text: `${HEAD}def train(model, data):\n    return mlflow.evaluate(model, data, targets="y", model_type="classifier")\n\ndef where():\n    return "runs:/abc/explainer"\n` },
    { rule: 'MLF406', definition: 'TraceState', text: `${HEAD}from mlflow.entities import TraceStatus\n\ndef f():\n    info = mlflow.get_trace("t").info\n    return info.status == TraceStatus.OK\n\nclass TraceState:\n    pass\n` },
    { rule: 'MLF407', definition: 'g', text: `${HEAD}from mlflow import get_last_active_trace\n\ndef f():\n    return get_last_active_trace()\n\ndef g():\n    get_trace = 1\n    return get_trace\n` },
  ];

  it.each(TRAPS)('$rule: $definition is parsed for the rule, and the result is the whole parse\'s', async ({ rule, definition, text }) => {
    expect(skippedWithoutPatterns(text, definition)).toBe(true);
    expect(definitionKeepPatterns(ALL_RULES.filter((r) => r.code === rule)).some((p) => p.test(text))).toBe(true);
    const { pruned, whole } = await bothWays(text);
    expect(whole.findings.some((f: { code: string }) => f.code === rule)).toBe(true);
    expect(pruned).toEqual(whole);
  });

  it('a definition with a syntax error where the rules look: the whole file is parsed, and MLF001 counts every error', async () => {
    const text = `${HEAD}def unrelated():\n    x = = 1\n\ndef train(model):\n    mlflow.sklearn.log_model(model, "model")\n    y = = 2\n`;
    expect(skippedWithoutPatterns(text, 'unrelated')).toBe(true);
    const { pruned, whole } = await bothWays(text);
    expect(whole.syntaxErrors).toBe(2);
    expect(pruned).toEqual(whole);
  });

  it('a syntax error only inside a definition that names nothing from MLflow is not parsed, so not reported (documented)', async () => {
    const text = `${HEAD}def unrelated():\n    x = = 1\n\ndef train(model):\n    mlflow.sklearn.log_model(model, "model")\n`;
    const { pruned, whole } = await bothWays(text);
    expect(whole.findings.map((f: { code: string }) => f.code)).toEqual(['MLF301', 'MLF001'].sort());
    expect(pruned.findings.map((f: { code: string }) => f.code)).toEqual(['MLF301']);
  });
});

describe('leaving unread imports and assignments unparsed changes no finding and no fix', () => {
  it('MLF102\'s fix inserts `import mlflow` after the last import of the block, which stays parsed', async () => {
    const text = '"""Evaluation."""\nfrom __future__ import annotations\n\nimport os\nimport pandas as pd\nfrom mlflow.models import evaluate\nimport json\n\n'
      + 'COLUMNS = ["a", "b"]\ndata = pd.DataFrame()\n\n\ndef run(model, thresholds):\n    result = evaluate(model, data, targets="y", validation_thresholds=thresholds)\n    return result\n';
    const plan = planPartialParse(text, definitionKeepPatterns(DEFAULT_RULES))!;
    const parsed = plan.ranges.map((r) => text.slice(r.startIndex, r.endIndex)).join('');
    expect(parsed).not.toContain('import os');
    expect(parsed).not.toContain('COLUMNS');
    expect(parsed).toContain('import json');
    const { pruned, whole } = await bothWays(text);
    const fix = whole.findings.find((f: { code: string }) => f.code === 'MLF102')?.fix;
    expect(fix?.edits.some((e: { text: string; start: number }) => e.text.includes('import mlflow') && e.start === text.indexOf('import json') + 'import json'.length)).toBe(true);
    expect(pruned).toEqual(whole);
  });
});

describe('on the benchmark\'s MLflow-heavy corpus', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlflow-migrate-pruning-'));
    generateCorpus(dir, { files: 40, mlflowEvery: 2, seed: 3 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('most definitions are left unparsed, and every file reports exactly what the whole parse reports', async () => {
    const files = fg.sync('**/*.py', { cwd: dir }).sort();
    let skippedBytes = 0;
    let totalBytes = 0;
    let findings = 0;
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8');
      if (!text.includes('mlflow')) continue;
      const plan = planPartialParse(text, definitionKeepPatterns(DEFAULT_RULES));
      totalBytes += text.length;
      skippedBytes += text.length - (plan ? plan.ranges.reduce((n, r) => n + r.endIndex - r.startIndex, 0) : text.length);
      const { pruned, whole } = await bothWays(text);
      expect(pruned, name).toEqual(whole);
      findings += whole.findings.length;
    }
    expect(findings).toBeGreaterThan(50);
    expect(skippedBytes / totalBytes).toBeGreaterThan(0.5);
  });
});

describe('rule data for pruning', () => {
  it('every string-literal check can only match text that mentions MLflow, or its rule keeps definitions it may match', () => {
    for (const rule of ALL_RULES) {
      for (const check of rule.checks) {
        if (check.kind !== 'string-literal' || rule.parseDefinitionsMatching) continue;
        for (const { pattern } of check.patterns) expect(/mlflow/i.test(pattern.source), `${rule.code}: ${pattern}`).toBe(true);
      }
    }
  });

  it('keep patterns are plain tests (no global or sticky state between files)', () => {
    const patterns = ALL_RULES.flatMap((r) => (r.parseDefinitionsMatching ? [r.parseDefinitionsMatching] : []));
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p.global || p.sticky, String(p)).toBe(false);
  });
});
