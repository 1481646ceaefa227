import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/manifests/facts.js';
import { analyze, codes, fixAll, slice } from '../manifests/helpers.js';

/** A Databricks notebook as its "Export > Source file" writes it. */
const NOTEBOOK = [
  '# Databricks notebook source',
  '# MAGIC %pip install --quiet databricks-sdk==0.23.0 mlflow==2.9.0 shap==0.46.0',
  '# MAGIC dbutils.library.restartPython()',
  '',
  '# COMMAND ----------',
  '',
  'import mlflow',
  'mlflow.set_experiment("/Shared/churn")',
  '',
].join('\n');

describe('Databricks notebooks exported as Python source', () => {
  it('reads the pins of `# MAGIC %pip install` lines, in the file\'s own positions', async () => {
    const analysis = await analyze('train.py', NOTEBOOK, { select: ['MLF901'] });
    expect(codes(NOTEBOOK, analysis.findings)).toEqual(['2:MLF901']);
    expect(slice(NOTEBOOK, analysis.findings[0]!)).toBe('==2.9.0');
    expect(factsOf(analysis)?.mlflowPins.map((p) => p.constraint)).toEqual(['==2.9.0']);
    expect(await fixAll('train.py', NOTEBOOK, { select: ['MLF901'] })).toBe(NOTEBOOK.replace('mlflow==2.9.0', 'mlflow==3.4.0'));
  });

  it('keeps CRLF line ends and reads `!pip` too', async () => {
    const text = NOTEBOOK.replace('%pip install --quiet', '!pip install').replace(/\n/g, '\r\n');
    const fixed = await fixAll('train.py', text, { select: ['MLF901'] });
    expect(fixed).toBe(text.replace('mlflow==2.9.0', 'mlflow==3.4.0'));
  });

  it('reads nothing from comments of other files, markdown cells or plain comments', async () => {
    const withoutHeader = NOTEBOOK.replace('# Databricks notebook source\n', '');
    const markdown = NOTEBOOK.replace('# MAGIC %pip install', '# MAGIC %md pip install');
    const plainComment = NOTEBOOK.replace('# MAGIC %pip install', '# pip install');
    for (const text of [withoutHeader, markdown, plainComment]) {
      const analysis = await analyze('train.py', text, { select: ['MLF901'] });
      expect(analysis.findings, text).toEqual([]);
      expect(factsOf(analysis)?.mlflowPins ?? [], text).toEqual([]);
    }
  });
});
