import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/engine/analyze.js';
import { fixFile, MAX_PASSES } from '../../src/fixer/fixLoop.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SourceFile } from '../../src/source/sourceFile.js';
import { DEFAULT_RULES, parserFor } from '../helpers/analyze.js';
import { fixSource } from './helpers.js';
import { ADD_FLAG, BREAKS_SYNTAX, NEVER_CONVERGES, REMOVE_KEYWORD, RENAME_CALLEE } from './testRules.js';

describe('overlapping fixes', () => {
  const text = 'import mlflow\nold_api(1)\nold_api()\n';

  it('applies the first, defers the overlapping one, and applies it on the re-analysed text', async () => {
    const result = await fixSource(text, { rules: [RENAME_CALLEE, ADD_FLAG] });
    expect(result.failure).toBeUndefined();
    expect(result.fixed.text).toBe('import mlflow\nnew_api(1, flag=True)\nnew_api(flag=True)\n');
    expect(result.passes).toHaveLength(2);
    expect(result.passes[0]!.fixed.map((f) => f.code)).toEqual(['TST1', 'TST1']);
    expect(result.passes[1]!.fixed.map((f) => f.code)).toEqual(['TST2', 'TST2']);
    expect(result.remaining).toEqual([]);
  });

  it('reaches the same result whichever rule comes first', async () => {
    const result = await fixSource(text, { rules: [ADD_FLAG, RENAME_CALLEE] });
    expect(result.fixed.text).toBe('import mlflow\nnew_api(1, flag=True)\nnew_api(flag=True)\n');
  });
});

describe('fixes that must not be written', () => {
  it('leaves a file untouched when a fix would break the syntax, and names the rule', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\nbroken_api(1)\n';
    const result = await fixSource(text, { rules: [...DEFAULT_RULES, BREAKS_SYNTAX] });
    expect(result.failure).toEqual({ kind: 'breaks-syntax', rules: ['TST9 (breaks-syntax)'], before: 0, after: 1 });
    expect(result.fixed).toBe(result.original);
    expect(result.fixedFindings).toEqual([]);
    expect(result.remaining.map((f) => f.code).sort()).toEqual(['MLF104', 'TST9']);
  });

  it(`gives up after ${MAX_PASSES} passes when the fixes keep changing the file`, async () => {
    const result = await fixSource('import mlflow\ncounter(0)\n', { rules: [NEVER_CONVERGES] });
    expect(result.failure).toEqual({ kind: 'not-converged', passes: MAX_PASSES });
    expect(result.fixed).toBe(result.original);
  });

  it('honours a different pass limit', async () => {
    const result = await fixSource('import mlflow\ncounter(0)\n', { rules: [NEVER_CONVERGES], maxPasses: 100 });
    expect(result.failure).toEqual({ kind: 'not-converged', passes: 100 });
  });
});

describe('comments inside a fix range', () => {
  // TST6 removes `custom_metrics=...` as a *safe* fix; the removed range spans the comment.
  const text = 'import mlflow\nmlflow.models.evaluate(\n    m,  # the model\n    custom_metrics=[x],\n)\n';

  it('downgrade the fix to unsafe: it is not applied by default', async () => {
    const result = await fixSource(text, { rules: [REMOVE_KEYWORD] });
    expect(result.remaining).toHaveLength(1);
    expect(result.remaining[0]!.fix?.applicability).toBe('unsafe');
    expect(result.fixed.text).toBe(text);
  });

  it('apply it with unsafe fixes', async () => {
    const result = await fixSource(text, { rules: [REMOVE_KEYWORD], unsafe: true });
    expect(result.fixed.text).toBe('import mlflow\nmlflow.models.evaluate(\n    m,\n)\n');
  });

  it('a fix whose range holds no comment stays safe', async () => {
    const result = await fixSource('import mlflow\nmlflow.models.evaluate(m, custom_metrics=[x])  # the model\n', { rules: [REMOVE_KEYWORD] });
    expect(result.fixedFindings.map((f) => f.fix?.applicability)).toEqual(['safe']);
    expect(result.fixed.text).toBe('import mlflow\nmlflow.models.evaluate(m)  # the model\n');
  });
});

describe('remaining findings', () => {
  it('are those of the fixed text: manual ones and unsafe ones without --unsafe-fixes', async () => {
    const text = 'import mlflow\nres = mlflow.models.evaluate(m, d, custom_metrics=[x], validation_thresholds=t, baseline_model=b)\n';
    const result = await fixSource(text);
    expect(result.fixed.text).toContain('extra_metrics=[x]');
    expect(result.remaining.map((f) => `${f.code}:${f.fix ? f.fix.applicability : 'manual'}`)).toEqual(['MLF102:manual', 'MLF101:manual']);
  });
});

describe('parses per file', () => {
  it("reuses the check's analysis of the original and one parse per pass for findings and syntax errors", async () => {
    const real = await parserFor('native');
    let parses = 0;
    const parser = { ...real, parse: (text: string) => { parses++; return real.parse(text); } };
    const analyzer = { rules: [...DEFAULT_RULES], api: loadMlflowApi(), parser };
    const source = SourceFile.fromText('a.py', 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n');
    const checked = analyzeFile(source, analyzer);
    parses = 0;
    const result = fixFile(source, { analyzer, unsafeFixes: false }, { findings: checked.findings, syntaxErrors: checked.syntaxErrors });
    expect(result.fixed.text).toBe('import mlflow\nmlflow.models.evaluate(m, d, extra_metrics=[x])\n');
    // One pass: its result is parsed once (findings and syntax errors), and nothing else is.
    expect(parses).toBe(1);
  });
});
