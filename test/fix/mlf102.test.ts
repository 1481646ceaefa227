import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../helpers/analyze.js';
import { fixedText } from './helpers.js';

/** MLF102's unsafe fix: `validation_thresholds=` moves into a follow-up `validate_evaluation_results` call. */
const unsafe = { unsafe: true };

describe('MLF102 fix', () => {
  it('follows the 3.4 signature: thresholds first, then the candidate result', async () => {
    const out = await fixedText('import mlflow\nres = mlflow.models.evaluate(m, d, validation_thresholds=th)\n', unsafe);
    expect(out).toBe('import mlflow\nres = mlflow.models.evaluate(m, d)\nmlflow.validate_evaluation_results(th, res)\n');
  });

  it('is unsafe: not applied without --unsafe-fixes', async () => {
    const text = 'import mlflow\nres = mlflow.models.evaluate(m, d, validation_thresholds=th)\n';
    expect(await fixedText(text)).toBe(text);
    const [finding] = await analyzeSource(text);
    expect(finding!.fix?.applicability).toBe('unsafe');
  });

  it('uses the line ending of the file at that point (CRLF, mixed)', async () => {
    const crlf = 'import mlflow\r\nres = mlflow.models.evaluate(m, validation_thresholds=th)\r\nprint(res)\r\n';
    expect(await fixedText(crlf, unsafe)).toBe('import mlflow\r\nres = mlflow.models.evaluate(m)\r\nmlflow.validate_evaluation_results(th, res)\r\nprint(res)\r\n');
    const mixed = 'import mlflow\r\nres = mlflow.models.evaluate(m, validation_thresholds=th)\nprint(res)\r\n';
    expect(await fixedText(mixed, unsafe)).toBe('import mlflow\r\nres = mlflow.models.evaluate(m)\nmlflow.validate_evaluation_results(th, res)\nprint(res)\r\n');
  });

  it('keeps a missing final newline missing', async () => {
    const text = 'import mlflow\r\nres = mlflow.models.evaluate(m, validation_thresholds=th)';
    expect(await fixedText(text, unsafe)).toBe('import mlflow\r\nres = mlflow.models.evaluate(m)\r\nmlflow.validate_evaluation_results(th, res)');
  });

  it('keeps a trailing comment on the statement line and indents like the statement', async () => {
    const text = 'import mlflow\nif True:\n\tres = mlflow.models.evaluate(m, validation_thresholds=th)  # evaluate\n\tprint(res)\n';
    expect(await fixedText(text, unsafe)).toBe('import mlflow\nif True:\n\tres = mlflow.models.evaluate(m)  # evaluate\n\tmlflow.validate_evaluation_results(th, res)\n\tprint(res)\n');
  });

  it('adds `import mlflow` after the last import before the use', async () => {
    const text = 'from mlflow.models import evaluate\nres = evaluate(m, validation_thresholds=th)\nimport os\n';
    expect(await fixedText(text, unsafe)).toBe('from mlflow.models import evaluate\nimport mlflow\nres = evaluate(m)\nmlflow.validate_evaluation_results(th, res)\nimport os\n');
  });

  it('adds `import mlflow` at the top, after the docstring and below a coding cookie, when no import precedes', async () => {
    const text = '# -*- coding: utf-8 -*-\n"""Doc."""\n\ndef f():\n    from mlflow.models import evaluate\n    res = evaluate(m, validation_thresholds=th)\n';
    expect(await fixedText(text, unsafe)).toBe('# -*- coding: utf-8 -*-\n"""Doc."""\n\nimport mlflow\ndef f():\n    from mlflow.models import evaluate\n    res = evaluate(m)\n    mlflow.validate_evaluation_results(th, res)\n');
  });

  it('uses a fresh alias when `mlflow` is a local name of the function', async () => {
    const text = 'from mlflow.models import evaluate\n\ndef f():\n    res = evaluate(m, validation_thresholds=th)\n    mlflow = 1\n';
    expect(await fixedText(text, unsafe)).toBe('from mlflow.models import evaluate\nimport mlflow as mlflow_\n\ndef f():\n    res = evaluate(m)\n    mlflow_.validate_evaluation_results(th, res)\n    mlflow = 1\n');
  });

  it('reports without a fix when the call is not a plain `name = evaluate(...)` statement', async () => {
    for (const statement of [
      'return_value = [mlflow.models.evaluate(m, validation_thresholds=th)]',
      'a = b = mlflow.models.evaluate(m, validation_thresholds=th)',
      'res = mlflow.models.evaluate(m, validation_thresholds=th); print(res)',
      'res, other = mlflow.models.evaluate(m, validation_thresholds=th), 1',
      'res = mlflow.models.evaluate(m, validation_thresholds=th, baseline_model=b)',
      'res = mlflow.models.evaluate(m, **{"validation_thresholds": th})',
    ]) {
      const findings = await analyzeSource(`import mlflow\n${statement}\n`);
      const mlf102 = findings.filter((f) => f.code === 'MLF102');
      expect(mlf102, statement).toHaveLength(1);
      expect(mlf102[0]!.fix, statement).toBeUndefined();
    }
  });
});
