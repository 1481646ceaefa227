import { describe, expect, it } from 'vitest';
import { planPartialParse } from '../../src/engine/pruning/select.js';
import { topLevelStatements } from '../../src/engine/pruning/topLevel.js';

/** The names of the top-level definitions left unparsed. */
function skipped(text: string, keep: RegExp[] = []): string[] {
  const plan = planPartialParse(text, keep);
  if (!plan) return [];
  return topLevelStatements(text)!
    .filter((s) => s.isDefinition && !plan.ranges.some((r) => r.startIndex <= s.start && s.start < r.endIndex))
    .map((s) => /(?:def|class)\s+(\w+)/.exec(text.slice(s.start, s.end))![1]!);
}

/** A module whose first two statements are plain, so that definitions after them may be skipped. */
const HEAD = '"""Doc."""\nimport mlflow\nimport numpy as np\n\n';

describe('which definitions are left unparsed', () => {
  it('skips definitions that name nothing from MLflow, keeps those that do', () => {
    const text = `${HEAD}def unrelated(x):\n    return np.mean(x)\n\ndef train():\n    mlflow.log_metric("m", 1)\n\nclass Cache:\n    pass\n`;
    expect(skipped(text)).toEqual(['unrelated', 'Cache']);
  });

  it('follows names grown from MLflow: module assignments, local returns, base classes, string annotations', () => {
    const text = `${HEAD}client = mlflow.MlflowClient()\n\ndef runs():\n    return client.search_runs([])\n\ndef use_runs():\n    return runs()\n\n`
      + 'from mlflow.models import MetricThreshold\n\ndef threshold(t: "MetricThreshold"):\n    return t.higher_is_better\n\n'
      + 'class Base(mlflow.pyfunc.PythonModel):\n    pass\n\nclass Child(Base):\n    pass\n\ndef unrelated():\n    return 1\n';
    expect(skipped(text)).toEqual(['unrelated']);
  });

  it('matches names grown from MLflow as whole words only', () => {
    const text = `${HEAD}client = mlflow.MlflowClient()\n\ndef prefixed():\n    return my_client.runs\n\ndef suffixed():\n    return client_id\n\n`
      + 'def uses():\n    return client.search_runs([])\n\ndef unicode_prefixed():\n    return éclient\n\ndef at_line_start():\n    x = (\nclient)\n';
    expect(skipped(text)).toEqual(['prefixed', 'suffixed', 'unicode_prefixed']);
  });

  it('keeps every definition kept code can reach by name, transitively, and what binds a name through `global`', () => {
    const text = `${HEAD}def train():\n    mlflow.log_artifacts(model_dir())\n\ndef model_dir():\n    return base() + "/model"\n\ndef base():\n    return "out"\n\n`
      + 'def setup():\n    global CLIENT_NAME\n    CLIENT_NAME = "x"\n\ndef report():\n    mlflow.set_tag("c", CLIENT_NAME)\n\ndef unrelated():\n    return base\n';
    expect(skipped(text)).toEqual(['unrelated']);
  });

  it('keeps definitions that shadow a builtin, carry a suppression, or match a rule\'s pattern', () => {
    const text = `${HEAD}def open(path):\n    return path\n\ndef quiet():\n    x = 1  # noqa: MLF401\n\ndef helper():\n    import pytz\n\ndef other():\n    return 2\n`;
    expect(skipped(text)).toEqual(['helper', 'other']);
    expect(skipped(text, [/pytz/])).toEqual(['other']);
  });

  it('skips imports and plain assignments whose names kept code does not read', () => {
    const text = `${HEAD}import os, json as j\nfrom typing import (\n    Any,  # comment\n    Dict,\n)\nimport re\n\nLIMIT = 10\nNAMES: list = ["a", "b"]\nUSED = {"k": 1}\n\n`
      + 'def train(params: Dict):\n    mlflow.log_params(USED)\n';
    const plan = planPartialParse(text, [])!;
    const parsed = plan.ranges.map((r) => text.slice(r.startIndex, r.endIndex)).join('');
    expect(parsed).not.toContain('import os');
    expect(parsed).not.toContain('LIMIT');
    expect(parsed).not.toContain('NAMES');
    // Read by kept code: `Dict` (so its import), `USED`; `import re` ends the run of imports.
    for (const kept of ['from typing import (', 'import re', 'USED = ', 'def train']) expect(parsed).toContain(kept);
  });

  it('keeps statements whose bindings it cannot be sure of, that mention MLflow, or that shadow a builtin', () => {
    const kept = ['A = B = 1', 'C = dict(x=1)', 'D = (e := 2)', 'F = 1; G = 2', 'H += 1', 'I, J = 1, 2', 'print("x")', 'if X:\n    K = 1',
      'L = mlflow.get_tracking_uri()', 'open = None', 'M = 1  # noqa: MLF401', 'import a.b as c, d;'];
    for (const statement of kept) {
      const text = `${HEAD}${statement}\nimport re\n\ndef train():\n    mlflow.log_metric("m", 1)\n`;
      const plan = planPartialParse(text, []);
      const parsed = plan ? plan.ranges.map((r) => text.slice(r.startIndex, r.endIndex)).join('') : text;
      expect(parsed, statement).toContain(statement);
    }
  });

  it('never skips the first two statements (a fix may insert an import before them)', () => {
    expect(skipped('def first():\n    pass\n\ndef second():\n    pass\n\ndef third():\n    pass\nimport mlflow\n')).toEqual(['third']);
  });

  it('parses files with a star import, or text the splitter is unsure of, whole', () => {
    expect(planPartialParse(`${HEAD}from mlflow.models import *\n\ndef unrelated():\n    pass\n`, [])).toBeUndefined();
    expect(planPartialParse(`${HEAD}x = "unterminated\ndef unrelated():\n    pass\n`, [])).toBeUndefined();
    expect(planPartialParse(`${HEAD}def train():\n    mlflow.log_metric("m", 1)\n`, [])).toBeUndefined();
  });

  it('gives tree-sitter ranges that start at column 0 of the right row, covering everything but the skipped definitions', () => {
    const text = `${HEAD}def a():\r\n    pass\r\n\r\ndef train():\r\n    mlflow.log_metric("m", 1)\r\ntrain()\r\n`;
    const plan = planPartialParse(text, [])!;
    expect(plan.ranges.map((r) => text.slice(r.startIndex, r.endIndex))).toEqual([HEAD, 'def train():\r\n    mlflow.log_metric("m", 1)\r\ntrain()\r\n']);
    expect(plan.ranges.map((r) => r.startPosition)).toEqual([{ row: 0, column: 0 }, { row: 7, column: 0 }]);
    expect(plan.ranges[1]!.endPosition).toEqual({ row: 10, column: 0 });
  });
});
