import { describe, expect, it } from 'vitest';
import { analyze, EVALUATE } from './helpers.js';

/**
 * A name rebound in a scope is not the import any more; the import is still what the outer scope
 * (and code before the rebinding) sees. `EV` below is a read of `evaluate` to resolve.
 */
const IMPORT = 'from mlflow.models import evaluate\n';

async function insideAndOutside(body: string): Promise<{ inside: string | null; outside: string | null }> {
  const s = await analyze(`${IMPORT}${body}\nevaluate  # outside\n`);
  const reads = [...s.source.matchAll(/evaluate(?=\s*#\s*(inside|outside))/g)];
  const inside = reads.find((m) => m[1] === 'inside');
  const count = (index: number) => [...s.source.slice(0, index).matchAll(/(?<![\w.])evaluate(?!\w)/g)].length;
  return {
    inside: inside ? s.name('evaluate', count(inside.index!)) : null,
    outside: s.name('evaluate', count(reads.find((m) => m[1] === 'outside')!.index!)),
  };
}

describe('shadowing', () => {
  it('test_parameter_shadows_import', async () => {
    const r = await insideAndOutside('def f(evaluate):\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_keyword_only_and_star_parameters_shadow', async () => {
    expect((await insideAndOutside('def f(*, evaluate=None):\n    evaluate  # inside')).inside).toBeNull();
    expect((await insideAndOutside('def f(*evaluate):\n    evaluate  # inside')).inside).toBeNull();
    expect((await insideAndOutside('def f(**evaluate):\n    evaluate  # inside')).inside).toBeNull();
  });

  it('test_assignment_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    evaluate = other\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_local_read_before_assignment_is_not_the_import', async () => {
    // Python raises UnboundLocalError: the name is local to the whole function.
    const r = await insideAndOutside('def f():\n    evaluate  # inside\n    evaluate = other');
    expect(r.inside).toBeNull();
  });

  it('test_def_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    def evaluate():\n        pass\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_class_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    class evaluate:\n        pass\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_loop_target_shadows_import', async () => {
    const r = await insideAndOutside('def f(xs):\n    for evaluate in xs:\n        evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_unpacked_loop_target_shadows_import', async () => {
    const r = await insideAndOutside('def f(xs):\n    for i, (name, evaluate) in xs:\n        evaluate  # inside');
    expect(r.inside).toBeNull();
  });

  it('test_with_target_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    with make() as evaluate:\n        evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_except_target_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    try:\n        pass\n    except Exception as evaluate:\n        evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_comprehension_variable_shadows_import', async () => {
    const r = await insideAndOutside('[evaluate  # inside\n for evaluate in xs]');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_comprehension_first_iterable_is_evaluated_outside', async () => {
    const s = await analyze(`${IMPORT}[x for evaluate in evaluate(m)]\n`);
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
  });

  it('test_lambda_parameter_shadows_import', async () => {
    const r = await insideAndOutside('f = lambda evaluate: evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_walrus_binds_in_the_enclosing_function', async () => {
    const r = await insideAndOutside('def f(xs):\n    [y for y in xs if (evaluate := y)]\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_import_shadows_import', async () => {
    const r = await insideAndOutside('def f():\n    from myproject import evaluate\n    evaluate  # inside');
    expect(r).toEqual({ inside: null, outside: EVALUATE });
  });

  it('test_module_rebinding_after_use', async () => {
    const s = await analyze(`${IMPORT}evaluate\nevaluate = project_evaluate\nevaluate\n`);
    expect(s.name('evaluate', 1)).toBe(EVALUATE);
    expect(s.name('evaluate', 3)).toBeNull();
  });

  it('test_function_sees_the_final_module_binding', async () => {
    const s = await analyze(`${IMPORT}def f():\n    return evaluate\nevaluate = project_evaluate\n`);
    expect(s.name('evaluate', 1)).toBeNull();
  });

  it('test_class_body_names_are_invisible_to_methods', async () => {
    const s = await analyze(`${IMPORT}class C:\n    evaluate = staticmethod(other)\n    evaluate\n    def m(self):\n        return evaluate\n`);
    expect(s.name('evaluate', 2)).toBeNull();
    expect(s.name('evaluate', 3)).toBe(EVALUATE);
  });

  it('test_class_bases_are_evaluated_outside', async () => {
    const s = await analyze('import mlflow\nclass mlflow(mlflow.pyfunc.PythonModel):\n    pass\n');
    expect(s.name('mlflow.pyfunc.PythonModel')).toBe('mlflow.pyfunc.model.PythonModel');
  });

  it('test_parameter_defaults_are_evaluated_outside', async () => {
    const s = await analyze(`${IMPORT}def f(evaluate=evaluate, x: "evaluate" = None):\n    return evaluate\n`);
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
    expect(s.name('evaluate', 4)).toBeNull();
  });

  it('test_decorator_is_evaluated_outside', async () => {
    const s = await analyze('import mlflow\n@mlflow.trace\ndef mlflow():\n    pass\n');
    expect(s.path('mlflow.trace')).toBe('mlflow.trace');
  });

  it('test_global_declaration_binds_in_the_module', async () => {
    const s = await analyze('def setup():\n    global ev\n    from mlflow.models import evaluate as ev\ndef use():\n    return ev\n');
    expect(s.name('ev', 2)).toBe(EVALUATE);
  });

  it('test_global_assignment_rebinds_the_module_name', async () => {
    const s = await analyze(`${IMPORT}def reset():\n    global evaluate\n    evaluate = None\n    evaluate = project_evaluate\ndef use():\n    return evaluate\n`);
    expect(s.name('evaluate', 4)).toBeNull();
  });

  it('test_nonlocal_assignment_rebinds_the_enclosing_name', async () => {
    const s = await analyze(`${IMPORT}def outer():\n    ev = evaluate\n    def inner():\n        nonlocal ev\n        ev = project_evaluate\n    inner()\n    return ev\n`);
    expect(s.name('ev', 3)).toBeNull();
  });

  it('test_nonlocal_read_sees_the_enclosing_binding', async () => {
    const s = await analyze(`${IMPORT}def outer():\n    ev = evaluate\n    def inner():\n        nonlocal ev\n        return ev\n`);
    expect(s.name('ev', 2)).toBe(EVALUATE);
  });

  it('test_del_unbinds', async () => {
    const s = await analyze(`${IMPORT}evaluate\ndel evaluate\nevaluate\n`);
    expect(s.name('evaluate', 1)).toBe(EVALUATE);
    expect(s.name('evaluate', 3)).toBeNull();
  });

  it('test_staticmethod_first_parameter_is_not_self', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclass C:\n    @staticmethod\n    def make(client):\n        client.tracker = MlflowClient()\n    def use(self):\n        return self.tracker\n');
    expect(s.type('self.tracker')).toBeNull();
  });
});
