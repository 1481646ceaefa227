import { describe, expect, it } from 'vitest';
import { analyzeSource } from './helpers/analyze.js';

const codes = async (text: string) => (await analyzeSource(text)).map((f) => `${f.line}:${f.code}`);

describe('inline suppressions', () => {
  it('noqa with the code silences the finding on its line', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])  # noqa: MLF104\n';
    expect(await codes(text)).toEqual([]);
  });

  it('noqa with another code does not silence it, and is not reported as unused', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])  # noqa: E501\n';
    expect(await codes(text)).toEqual(['2:MLF104']);
  });

  it('several comma-separated codes; a prefix matches', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x], baseline_model=b)  # noqa: MLF104, MLF1\n';
    expect(await codes(text)).toEqual([]);
  });

  it('the tool-specific form works like noqa', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])  # mlflow-migrate: ignore[MLF104]\n';
    expect(await codes(text)).toEqual([]);
  });

  it('a suppression on the first line of a multi-line statement covers the whole statement', async () => {
    const text = 'import mlflow\nresult = mlflow.models.evaluate(  # noqa: MLF104\n    m,\n    d,\n    custom_metrics=[x],\n)\n';
    expect(await codes(text)).toEqual([]);
  });

  it('a suppression on an unrelated line does not leak', async () => {
    const text = 'import mlflow  # noqa: MLF104\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n';
    expect(await codes(text)).toEqual(['1:MLF000', '2:MLF104']);
  });

  it('file-level ignore-file with a prefix', async () => {
    const text = '# mlflow-migrate: ignore-file[MLF2]\nimport mlflow.fastai\nimport mlflow\nmlflow.models.evaluate(m, d, custom_metrics=[x])\n';
    expect(await codes(text)).toEqual(['4:MLF104']);
  });

  it('a bare noqa silences everything on the line and is never reported unused', async () => {
    expect(await codes('import mlflow.fastai  # noqa\n')).toEqual([]);
    expect(await codes('import os  # noqa\nimport mlflow\n')).toEqual([]);
  });

  it('reports an unused suppression with a safe fix that removes it', async () => {
    const text = 'import mlflow\nmlflow.models.evaluate(m, d, extra_metrics=[x])  # noqa: MLF104\n';
    const [f] = await analyzeSource(text);
    expect(f).toMatchObject({ line: 2, code: 'MLF000' });
    expect(f!.fix?.applicability).toBe('safe');
    const edit = f!.fix!.edits[0]!;
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe('import mlflow\nmlflow.models.evaluate(m, d, extra_metrics=[x])\n');
  });

  it('removing one unused code keeps the others', async () => {
    const text = 'import mlflow.fastai  # noqa: E501, MLF201, MLF104\n';
    const findings = await analyzeSource(text);
    expect(findings.map((f) => f.code)).toEqual(['MLF000']);
    const edit = findings[0]!.fix!.edits[0]!;
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe('import mlflow.fastai  # noqa: E501, MLF201\n');
  });

  it('an own-line unused file suppression is removed with its line', async () => {
    const text = '# mlflow-migrate: ignore-file[MLF201]\nimport mlflow\n';
    const [f] = await analyzeSource(text);
    expect(f?.code).toBe('MLF000');
    const edit = f!.fix!.edits[0]!;
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe('import mlflow\n');
  });

  it('an unknown code is a warning, not a crash', async () => {
    const findings = await analyzeSource('import mlflow  # noqa: MLF999\n');
    expect(findings.map((f) => [f.code, f.message])).toEqual([['MLF000', 'Unknown rule code `MLF999` in suppression']]);
  });
});
