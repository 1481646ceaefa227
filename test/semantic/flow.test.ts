import { describe, expect, it } from 'vitest';
import { analyze, EVALUATE, METRIC_THRESHOLD, MLFLOW_CLIENT } from './helpers.js';

/** Branches, shims and guards: when the bindings that may reach a read disagree, stay silent. */
describe('flow', () => {
  it('test_try_except_import_error_bindings_are_guarded', async () => {
    const s = await analyze('try:\n    import mlflow.fastai\nexcept ImportError:\n    mlflow = None\nmlflow\n');
    const bindings = s.model.moduleScope.bindings.get('mlflow')!;
    expect(bindings.map((b) => [b.kind, b.guarded, b.isNoneValue])).toEqual([['import', true, false], ['assignment', true, true]]);
  });

  it('test_other_try_statements_are_not_guards', async () => {
    const s = await analyze('try:\n    import mlflow\nexcept ValueError:\n    pass\n');
    expect(s.model.moduleScope.bindings.get('mlflow')![0]!.guarded).toBe(false);
  });

  it('test_shim_none_fallback_resolves_to_the_import', async () => {
    const s = await analyze('try:\n    from mlflow.models import evaluate\nexcept ImportError:\n    evaluate = None\nevaluate\n');
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
  });

  it('test_shim_none_fallback_seen_from_a_function', async () => {
    const s = await analyze('try:\n    import mlflow\nexcept ImportError:\n    mlflow = None\ndef f():\n    return mlflow.evaluate\n');
    expect(s.name('mlflow.evaluate')).toBe(EVALUATE);
  });

  it('test_shim_with_a_project_fallback_is_unsure', async () => {
    const s = await analyze('try:\n    from mlflow.models import evaluate\nexcept ImportError:\n    from myproject import evaluate\nevaluate\n');
    expect(s.name('evaluate', 2)).toBeNull();
  });

  it('test_if_else_imports_that_agree', async () => {
    const s = await analyze('if NEW:\n    from mlflow.models import evaluate\nelse:\n    from mlflow import evaluate\nevaluate\n');
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
  });

  it('test_if_else_imports_that_disagree', async () => {
    const s = await analyze('if HAVE_MLFLOW:\n    from mlflow.models import evaluate\nelse:\n    def evaluate(*a):\n        pass\nevaluate\n');
    expect(s.name('evaluate', 2)).toBeNull();
  });

  it('test_if_without_else_keeps_the_earlier_binding', async () => {
    const s = await analyze('from mlflow.models import evaluate\nif DEBUG:\n    evaluate = fake_evaluate\nevaluate\n');
    expect(s.name('evaluate', 2)).toBeNull();
  });

  it('test_binding_in_the_other_branch_does_not_reach', async () => {
    const s = await analyze('from mlflow.models import evaluate\nif A:\n    evaluate = fake\nelse:\n    evaluate\n');
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
  });

  it('test_binding_in_the_same_branch_reaches', async () => {
    const s = await analyze('from mlflow.models import evaluate\nif A:\n    evaluate = fake\n    evaluate\n');
    expect(s.name('evaluate', 2)).toBeNull();
  });

  it('test_type_checking_import', async () => {
    const s = await analyze('from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mlflow import MlflowClient\ndef f(client: "MlflowClient"):\n    return client\n');
    expect(s.type('client', 1)).toBe(MLFLOW_CLIENT);
  });

  it('test_match_case_bindings_are_alternatives', async () => {
    const s = await analyze('match mode:\n    case "a":\n        from mlflow.models import MetricThreshold as T\n    case _:\n        from mlflow.models.evaluation import MetricThreshold as T\nT\n');
    expect(s.name('T', 2)).toBe(METRIC_THRESHOLD);
  });

  it('test_loop_rebinding_is_straight_line', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = None\nfor uri in uris:\n    client = MlflowClient(uri)\nclient\n');
    expect(s.type('client', 2)).toBe(MLFLOW_CLIENT);
  });

  it('test_none_default_then_conditional_assignment', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = None\nif remote:\n    client = MlflowClient()\nclient\n');
    expect(s.type('client', 2)).toBe(MLFLOW_CLIENT);
  });
});
