import { describe, expect, it } from 'vitest';
import { defineRule, type RuleDefinition } from '../../src/engine/rule.js';
import type { Finding } from '../../src/engine/types.js';
import { analyze, fixAll } from '../manifests/helpers.js';
import { lines, notebook } from '../helpers/notebook.js';

const EVALUATE = 'result = mf.evaluate(model, data, targets="y", model_type="regressor", custom_metrics=[rmse])\n';

describe('notebooks', () => {
  it('analyses code cells as one module: an import in cell 0 serves a later cell', async () => {
    const text = notebook([
      { cell_type: 'code', source: lines('import mlflow as mf\nimport pandas as pd\n') },
      { cell_type: 'markdown', source: ['# Evaluate\n', 'mf.evaluate(custom_metrics=[])'] },
      { cell_type: 'code', source: lines(`data = pd.read_csv("d.csv")\n${EVALUATE}`) },
    ]);
    const { findings, problems } = await analyze('nb.ipynb', text, { select: ['MLF104'] });
    expect(problems).toEqual([]);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.cell).toEqual({ index: 2, line: 2, column: EVALUATE.indexOf('custom_metrics') + 1 });
    expect(text.slice(f.start, f.end)).toBe('custom_metrics');
    expect(await fixAll('nb.ipynb', text, { select: ['MLF104'] })).toBe(text.replace('custom_metrics=[rmse]', 'extra_metrics=[rmse]'));
  });

  it('maps positions through JSON escapes, in string-form sources too', async () => {
    const source = 'import mlflow\nlabel = "caf\u00e9 \\"q\\"\\t\\\\"; mlflow.evaluate(m, d, custom_metrics=[x])\n';
    for (const cells of [[{ cell_type: 'code' as const, source }], [{ cell_type: 'code' as const, source: lines(source) }]]) {
      for (const style of ['raw', 'ascii'] as const) {
        let text = notebook(cells);
        if (style === 'ascii') text = text.replace('\u00e9', '\\u00e9');
        const { findings } = await analyze('nb.ipynb', text, { select: ['MLF104'] });
        expect(findings).toHaveLength(1);
        expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe('custom_metrics');
        expect(findings[0]!.cell).toEqual({ index: 0, line: 2, column: source.split('\n')[1]!.indexOf('custom_metrics') + 1 });
        const fixed = await fixAll('nb.ipynb', text, { select: ['MLF104'] });
        expect(fixed).toBe(text.replace('custom_metrics', 'extra_metrics'));
      }
    }
  });

  it('masks IPython magics, shell escapes and help out of the parse', async () => {
    const text = notebook([
      { cell_type: 'code', source: lines('%matplotlib inline\n%pip install -q scikit-learn\n!ls -la\nimport mlflow as mf\nfiles = !ls\nmf.evaluate?\n?mf.evaluate\n') },
      { cell_type: 'code', source: lines(`%%time\n${EVALUATE}`) },
      { cell_type: 'code', source: lines('%%bash\nfor f in *.csv; do\n  echo "$f" custom_metrics=\ndone\n') },
      { cell_type: 'code', source: lines('if True:\n    !echo hi\n    %time x = 1\ndoc = """\n!not a magic: custom_metrics=\n"""\n') },
      { cell_type: 'code', source: lines('%%writefile train.py\nimport mlflow\nmlflow.evaluate(m, d, custom_metrics=[x])\n') },
    ]);
    const { findings } = await analyze('nb.ipynb', text, { select: ['MLF104', 'MLF001'] });
    // No parse error anywhere; the `%%time` body is still Python; other cell magics and strings are not.
    expect(findings.map((f) => [f.code, f.cell])).toEqual([['MLF104', { index: 1, line: 2, column: EVALUATE.indexOf('custom_metrics') + 1 }]]);
  });

  it('reports %pip / !pip install pins with fixes inside the magic line', async () => {
    const text = notebook([
      { cell_type: 'code', source: lines('%pip install mlflow==2.9.2 "pandas<3"\n!pip install -U "mlflow-skinny<3"\nimport mlflow\n') },
      { cell_type: 'code', source: lines('%%bash\npip install mlflow[xethub]>=2.9\n') },
      { cell_type: 'code', source: lines('%pip install mlflow>=2.8.1 fastai==2.7.0\n') },
    ]);
    const { findings } = await analyze('nb.ipynb', text);
    expect(findings.map((f) => [f.code, f.cell, text.slice(f.start, f.end)])).toEqual([
      ['MLF901', { index: 0, line: 1, column: 20 }, '==2.9.2'],
      // `mlflow-skinny` beside `mlflow` in one notebook follows it.
      ['MLF902', { index: 0, line: 2, column: 31 }, '<3'],
      ['MLF905', { index: 1, line: 2, column: 20 }, 'xethub'],
    ]);
    expect(await fixAll('nb.ipynb', text)).toBe(text.replace('mlflow==2.9.2', 'mlflow==3.4.0').replace('skinny<3', 'skinny==3.4.0'));
  });

  it('turns an edit that adds lines into new source items with the file\'s indentation, or \\n escapes', async () => {
    const rule: RuleDefinition = defineRule({
      code: 'MLF999', name: 'test-insert', severity: 'error', fix: 'safe', item: 'test', since: '', triggers: ['validate'],
      docs: { summary: '', whatItDoes: '', why: '', example: '', useInstead: '', fixSafety: '', references: [] },
      checks: [{
        kind: 'custom', nodeTypes: ['call'],
        visit(node, ctx) {
          if (node.childForFieldName('function')?.text !== 'validate') return;
          const stmt = node.parent!;
          if (ctx.file.text.startsWith('\nmlflow.validate', stmt.endIndex)) return;
          ctx.report({ node, message: 'x', help: 'insert', fix: { applicability: 'safe', edits: [{ start: stmt.endIndex, end: stmt.endIndex, text: '\nmlflow.validate_evaluation_results(t, r)  # é' }] } });
        },
      }],
    });
    const source = 'import mlflow\nr = validate(x)\nprint(r)';
    const listForm = notebook([{ cell_type: 'code', source: lines(source) }], 2);
    const fixedList = await fixAllOnce(listForm, rule);
    expect(JSON.parse(fixedList).cells[0].source).toEqual(['import mlflow\n', 'r = validate(x)\n', 'mlflow.validate_evaluation_results(t, r)  # é\n', 'print(r)']);
    expect(fixedList).toBe(listForm.replace('"r = validate(x)\\n",', '"r = validate(x)\\n",\n        "mlflow.validate_evaluation_results(t, r)  # é\\n",'));

    // A string-form source in a file that escapes non-ASCII: `\n` and `\u00e9` escapes.
    const stringForm = notebook([{ cell_type: 'code', source: `# r\u00e9sum\u00e9\n${source}` }], 1).replace(/\u00e9/g, '\\u00e9');
    const fixedString = await fixAllOnce(stringForm, rule);
    expect(fixedString).toBe(stringForm.replace('r = validate(x)\\n', 'r = validate(x)\\nmlflow.validate_evaluation_results(t, r)  # \\u00e9\\n'));
    expect(JSON.parse(fixedString).cells[0].source).toBe('# r\u00e9sum\u00e9\nimport mlflow\nr = validate(x)\nmlflow.validate_evaluation_results(t, r)  # \u00e9\nprint(r)');
  });

  it('escapes non-ASCII replacement text when the file writes \\u escapes', async () => {
    const rule: RuleDefinition = defineRule({
      code: 'MLF998', name: 'test-rename', severity: 'error', fix: 'safe', item: 'test', since: '', triggers: ['old'],
      docs: { summary: '', whatItDoes: '', why: '', example: '', useInstead: '', fixSafety: '', references: [] },
      checks: [{ kind: 'custom', nodeTypes: ['identifier'], visit(node, ctx) { if (node.text === 'old') ctx.report({ node, message: 'x', help: 'rename', fix: { applicability: 'safe', edits: [{ start: node.startIndex, end: node.endIndex, text: 'n\u00e9w' }] } }); } }],
    });
    const text = notebook([{ cell_type: 'code', source: lines('import mlflow\nold = "\u00e9t\u00e9"\n') }]).replace(/\u00e9/g, '\\u00e9');
    const fixed = await fixAllOnce(text, rule);
    expect(fixed).toBe(text.replace('"old = ', '"n\\u00e9w = '));
  });

  it('leaves outputs, execution counts and metadata alone', async () => {
    const outputs = [{ output_type: 'execute_result', execution_count: 2, data: { 'text/plain': ['custom_metrics=[rmse]'] }, metadata: {} }];
    const text = notebook([{ cell_type: 'code', source: lines('import mlflow as mf\n') }, { cell_type: 'code', source: lines(EVALUATE), outputs }], '\t');
    const fixed = await fixAll('nb.ipynb', text, { select: ['MLF104'] });
    const before = JSON.parse(text);
    const after = JSON.parse(fixed);
    expect(after.cells[1].outputs).toEqual(before.cells[1].outputs);
    expect(after.metadata).toEqual(before.metadata);
    expect(fixed).toBe(text.replace('custom_metrics=[rmse])\\n', 'extra_metrics=[rmse])\\n'));
  });

  it('reports a malformed notebook as a problem and goes on', async () => {
    for (const [text, reason] of [
      ['{"cells": [', /^not a valid notebook: invalid JSON \(unexpected end of input at line 1 column 12\)$/],
      ['{"metadata": {}, "nbformat": 4}', /^not a valid notebook: no `cells` list$/],
      ['{"cells": [{"cell_type": "code", "source": 3}]}', /^not a valid notebook: cell 0: `source` is not a string or a list of strings$/],
      ['[1, 2]', /^not a valid notebook: the top level is not a JSON object$/],
    ] as const) {
      const { findings, problems } = await analyze('broken.ipynb', text);
      expect(findings).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.kind).toBe('parse');
      expect(problems[0]!.path).toBe('broken.ipynb');
      expect(problems[0]!.message).toMatch(reason);
    }
  });

  it('skips notebooks of other languages', async () => {
    const text = notebook([{ cell_type: 'code', source: ['library(mlflow)\n', 'mlflow_log_param("custom_metrics", 1)'] }], 1, { kernelspec: { language: 'R', name: 'ir' } });
    expect(await analyze('r.ipynb', text)).toMatchObject({ findings: [], problems: [] });
  });

  it('places a parse error in its cell', async () => {
    const text = notebook([{ cell_type: 'code', source: lines('import mlflow\n') }, { cell_type: 'code', source: lines('def f(:\n    mlflow.evaluate(m, d, custom_metrics=[x])\n') }]);
    const { findings } = await analyze('nb.ipynb', text);
    const parseErrors = findings.filter((f: Finding) => f.code === 'MLF001');
    expect(parseErrors.map((f) => [f.cell?.index, f.cell?.line])).toEqual([[1, 1]]);
    expect(parseErrors[0]!.message).toMatch(/in cell 2, line 1\)/); // people count cells from 1
  });
});

async function fixAllOnce(text: string, rule: RuleDefinition): Promise<string> {
  return fixAll('nb.ipynb', text, { rules: [rule] });
}
