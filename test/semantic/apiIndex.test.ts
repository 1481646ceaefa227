import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMlflowApi, readIndex } from '../../src/semantic/apiIndex.js';

const INDEX = join(import.meta.dirname, '..', '..', 'data', 'mlflow-api.jsonl');

describe('the MLflow API index', () => {
  it('reads every module of every version from its line, as a full parse of the line gives it', () => {
    const text = readFileSync(INDEX, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as { versions: string[] };
    const tables = readIndex(text);
    expect([...tables.keys()]).toEqual(header.versions);
    const lines = text.split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as [string, string, unknown]);
    expect(lines.length).toBeGreaterThan(1000);
    for (const [version, module, data] of lines) {
      expect(tables.get(version)!.has(module)).toBe(true);
      expect(tables.get(version)!.get(module)).toEqual(data);
    }
    expect(tables.get('3.4.0')!.has('mlflow.no_such_module')).toBe(false);
    expect(tables.get('3.4.0')!.get('mlflow.no_such_module')).toBeUndefined();
  });

  it('resolves through modules parsed on demand: re-exports, signatures, members', () => {
    const api = loadMlflowApi();
    expect(api.source.resolve('mlflow.MlflowClient')).toEqual({ kind: 'class', canonical: 'mlflow.tracking.client.MlflowClient' });
    expect(api.source.params('mlflow.models.evaluation.base.evaluate')?.map((p) => p.name)).toContain('baseline_model');
    expect(api.target.params('mlflow.models.evaluation.base.evaluate')?.map((p) => p.name)).not.toContain('baseline_model');
    expect(api.canonical('mlflow.evaluate')).toBe('mlflow.models.evaluation.base.evaluate');
  });

  it('reads a signature once per name (checks ask again at every call)', () => {
    const api = loadMlflowApi();
    const first = api.source.params('mlflow.sklearn.log_model');
    expect(first?.map((p) => p.name)).toContain('artifact_path');
    expect(api.source.params('mlflow.sklearn.log_model')).toBe(first);
    expect(api.source.params('mlflow.no_such_function')).toBeUndefined();
  });
});
