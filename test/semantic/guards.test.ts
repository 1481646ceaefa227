import { describe, expect, it } from 'vitest';
import { isImportShim, isInAttributeErrorTry } from '../../src/semantic/builder.js';
import { analyze } from './helpers.js';

/** Which `try` statements make a use a compatibility shim (silent) and which are error handling. */
describe('guards', () => {
  const importStatement = (node: { parent: unknown }) => (node as { parent: { parent: never } }).parent.parent;

  it('test_import_with_a_fallback_binding_is_a_shim', async () => {
    const s = await analyze('try:\n    import mlflow.fastai\nexcept (ImportError, ModuleNotFoundError):\n    HAS_FASTAI = False\nmlflow\n');
    expect(isImportShim(importStatement(s.at('mlflow').node))).toBe(true);
    expect(isImportShim(s.at('mlflow', 1).node)).toBe(false);
  });

  it('test_handler_that_only_passes_logs_or_raises_is_not_a_shim', async () => {
    for (const handler of ['pass', 'raise RuntimeError("need mlflow<3")', 'logger.warning("no flavor")', 'return None']) {
      const s = await analyze(`def f():\n    try:\n        import mlflow.fastai\n    except ImportError:\n        ${handler}\n`);
      expect(isImportShim(importStatement(s.at('mlflow').node))).toBe(false);
    }
  });

  it('test_statement_in_the_handler_is_the_fallback', async () => {
    const s = await analyze('try:\n    import mlflow.keras_core\nexcept ImportError:\n    import mlflow.keras\n');
    expect(isImportShim(importStatement(s.at('mlflow', 1).node))).toBe(true);
  });

  it('test_attribute_use_needs_an_attribute_error_handler', async () => {
    const s = await analyze([
      'import mlflow',
      'try:',
      '    mlflow.fastai.autolog()',
      'except AttributeError:',
      '    pass',
      'try:',
      '    mlflow.mleap.log_model(m)',
      'except Exception:',
      '    pass',
      'try:',
      '    mlflow.fastai.save_model(m)',
      'except ImportError:',
      '    pass',
    ].join('\n'));
    expect(isInAttributeErrorTry(s.at('mlflow.fastai.autolog').node)).toBe(true);
    // A broad handler hides the failure: it is not a shim.
    expect(isInAttributeErrorTry(s.at('mlflow.mleap.log_model').node)).toBe(false);
    // `mlflow.fastai` raises AttributeError, which `except ImportError` does not catch.
    expect(isInAttributeErrorTry(s.at('mlflow.fastai.save_model').node)).toBe(false);
  });

  it('test_use_in_the_handler_is_not_guarded_by_it', async () => {
    const s = await analyze('import mlflow\ntry:\n    pass\nexcept AttributeError:\n    mlflow.fastai.autolog()\n');
    expect(isInAttributeErrorTry(s.at('mlflow.fastai.autolog').node)).toBe(false);
  });

  it('test_guarded_import_keeps_its_loaded_module', async () => {
    const s = await analyze('import mlflow\ntry:\n    import mlflow.fastai\nexcept ImportError:\n    HAS_FASTAI = False\ndef f():\n    return mlflow.fastai\n');
    const candidates = s.model.candidatesOf(s.at('mlflow', 2).node, s.scopeOf('mlflow', 2));
    expect(candidates.map((b) => [b.loadedModule, b.guarded])).toEqual([['mlflow', false], ['mlflow.fastai', true]]);
  });
});
