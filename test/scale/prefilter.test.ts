import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { rulesForText } from '../../src/engine/analyze.js';
import type { RuleDefinition } from '../../src/engine/rule.js';
import type { PythonParser } from '../../src/parser/index.js';
import { mayHoldFindings } from '../../src/runner/fileKinds.js';
import { analyzeBytes, sessionSettings, type AnalysisSession } from '../../src/runner/run.js';
import { allRuleFixtures, analyzeSource, parserFor } from '../helpers/analyze.js';
import { defineRule } from '../../src/engine/rule.js';

/** A session whose parser counts the parses it does (partial ones too, on the WASM backend). */
async function countingSession(prefilter = true, backend: 'native' | 'wasm' = 'native'): Promise<{ session: AnalysisSession; parses: () => number }> {
  // A fixed selection: a rule added to the catalogue later must not change what these tests mean.
  const select = ['MLF101', 'MLF104', 'MLF106', 'MLF201'];
  const real = await parserFor(backend);
  let parses = 0;
  const parser: PythonParser = {
    ...real,
    parse: (text) => { parses++; return real.parse(text); },
    parseRanges: real.parseRanges && ((text, ranges) => { parses++; return real.parseRanges!(text, ranges); }),
  };
  return { session: { parser, ...sessionSettings({ paths: [], cwd: '.', prefilter, select }) }, parses: () => parses };
}

const analyze = (session: AnalysisSession, text: string | Uint8Array) =>
  analyzeBytes('/x/a.py', 'a.py', typeof text === 'string' ? Buffer.from(text) : text, session);

describe('byte prefilter', () => {
  it('needs the bytes "mlflow" in a Python file', () => {
    expect(mayHoldFindings('a.py', Buffer.from('import mlflow'))).toBe(true);
    expect(mayHoldFindings('a.py', Buffer.from('import MLflow_utils  # MLFLOW'))).toBe(false);
    expect(mayHoldFindings('a.py', Buffer.from('mlflow = 1\n').subarray(2))).toBe(false);
  });

  it('skips decoding and parsing a file that never mentions mlflow, even an undecodable one', async () => {
    const { session, parses } = await countingSession();
    const binary = Uint8Array.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]);
    expect(analyze(session, binary)).toEqual({ result: { path: 'a.py', absolute: '/x/a.py', findings: [], usesMlflow: false, syntaxErrors: 0 } });
    expect(analyze(session, 'import pandas\npandas.evaluate(custom_metrics=[1])\n').result?.findings).toEqual([]);
    expect(parses()).toBe(0);
  });

  it('is off with --no-prefilter: every file is decoded and parsed', async () => {
    const { session, parses } = await countingSession(false);
    analyze(session, 'import pandas\n');
    expect(parses()).toBe(1);
    expect(analyze(session, Uint8Array.from([0x00, 0xff, 0x00])).problem?.kind).toBe('decode');
  });
});

/** The definition the one-scan matcher must agree with: each trigger word looked for on its own. */
const naive = (text: string, rules: readonly RuleDefinition[]) =>
  rules.filter((r) => r.checks.length > 0 && (r.triggers.length === 0 || r.triggers.some((t) => text.includes(t)))).map((r) => r.code);

describe('trigger-word prefilter', () => {
  it('finds every trigger word, also where words overlap or one is a prefix of another', () => {
    const texts = [
      'client.search_traces(request_ids=ids)',   // request_id is a prefix of request_ids
      'mlflow.pyfunc.load_pyfunc(uri)',           // pyfunc inside load_pyfunc
      'uri = "models:/m/Production"',             // s:/ inside models:/
      'MODELS:/x; mlflow.evaluation',             // evaluate is not in evaluation; S:/ is
      'x.optional; y.is_booleanis_integer; MLflowCallbackXMetricThreshold',
      '',
    ];
    for (const text of texts) expect(rulesForText(text, ALL_RULES).map((r) => r.code), text).toEqual(naive(text, ALL_RULES));
  });

  it('agrees with looking for each word on its own over every rule fixture', () => {
    const fixtures = allRuleFixtures();
    expect(fixtures.length).toBeGreaterThan(100);
    for (const { name, text } of fixtures) expect(rulesForText(text, ALL_RULES).map((r) => r.code), name).toEqual(naive(text, ALL_RULES));
  });

  it('keeps only rules whose trigger words occur in the text', () => {
    const text = 'import mlflow\nmlflow.evaluate(m, d, custom_metrics=[rmse])\n';
    const codes = rulesForText(text, ALL_RULES).map((r) => r.code);
    expect(codes).toContain('MLF104');
    expect(codes).not.toContain('MLF101');
    expect(rulesForText(text, ALL_RULES, false)).toHaveLength(ALL_RULES.length);
  });

  it('does not parse a file that mentions mlflow but none of whose rules can fire', async () => {
    const { session, parses } = await countingSession();
    const quiet = 'import mlflow  # tracked elsewhere\n';
    expect(rulesForText(quiet, session.rules)).toEqual([]);
    expect(analyze(session, quiet).result).toMatchObject({ findings: [], usesMlflow: true });
    expect(parses()).toBe(0);
    expect(analyze(session, 'import mlflow\nmlflow.evaluate(m, d, custom_metrics=[rmse])\n').result?.findings.map((f) => f.code)).toEqual(['MLF104']);
    expect(parses()).toBe(1);
  });

  it('counts trigger words only in the text it would parse, not in definitions it leaves out', async () => {
    const { session, parses } = await countingSession(true, 'wasm');
    const head = '"""Training."""\nimport mlflow\n\nmlflow.log_metric("m", 1)\n\n';
    // `custom_metrics` (MLF104's word) only in a function that names nothing from MLflow: not parsed.
    const unrelated = 'def report(config):\n    return config.custom_metrics\n';
    expect(analyze(session, head + unrelated).result?.findings).toEqual([]);
    expect(parses()).toBe(0);
    // The same word in a function that calls MLflow is parsed, and the rule fires there.
    const related = 'def evaluate(m, d):\n    return mlflow.evaluate(m, d, custom_metrics=[rmse])\n';
    expect(analyze(session, head + unrelated + '\n' + related).result?.findings.map((f) => f.code)).toEqual(['MLF104']);
    expect(parses()).toBe(1);
  });
});

describe('checks that need a star import', () => {
  it('visit no identifier in a file without `import *`, and every one in a file with it', async () => {
    const visited: string[] = [];
    const rule = defineRule({
      code: 'MLF999', name: 'test-star', severity: 'info', fix: 'manual', item: 'test', since: '', triggers: [],
      docs: { summary: '', whatItDoes: '', why: '', example: '', useInstead: '', fixSafety: '', references: [] },
      checks: [{ kind: 'custom', nodeTypes: ['identifier'], onlyWithStarImport: true, visit: (node) => { visited.push(node.text); } }],
    });
    await analyzeSource('import mlflow\nresult = mlflow.evaluate(model)\n', { rules: [rule] });
    expect(visited).toEqual([]);
    await analyzeSource('from mlflow import *\nresult = evaluate(model)\n', { rules: [rule] });
    expect(visited).toEqual(['mlflow', 'result', 'evaluate', 'model']);
  });

  it('visit only the nodes that name a path when they act only on references', async () => {
    const visited: string[] = [];
    const rule = defineRule({
      code: 'MLF999', name: 'test-references', severity: 'info', fix: 'manual', item: 'test', since: '', triggers: [],
      docs: { summary: '', whatItDoes: '', why: '', example: '', useInstead: '', fixSafety: '', references: [] },
      checks: [{ kind: 'custom', nodeTypes: ['attribute', 'string'], onlyReferences: true, visit: (node) => { visited.push(node.text); } }],
    });
    const text = 'import mlflow\nfrom unittest import mock\nmlflow.sklearn.autolog()\nself.x = df.mean\nlabel = "plain"\n'
      + 'with mock.patch("mlflow.evaluate"):\n    pass\n';
    await analyzeSource(text, { rules: [rule] });
    expect(visited).toEqual(['mlflow.sklearn.autolog', 'mlflow.sklearn', 'mock.patch', '"mlflow.evaluate"']);
  });
});
