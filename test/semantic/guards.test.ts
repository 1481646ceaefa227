import { describe, expect, it } from 'vitest';
import { isInAttributeErrorTry, isInImportErrorTry } from '../../src/semantic/builder.js';
import { analyze } from './helpers.js';

/** Which `try` statements make a use a compatibility shim (silent) and which are error handling. */
describe('guards', () => {
  it('test_import_in_import_error_try_is_guarded', async () => {
    const s = await analyze('try:\n    import mlflow.fastai\nexcept (ImportError, ModuleNotFoundError):\n    pass\nmlflow\n');
    expect(isInImportErrorTry(s.at('mlflow').node)).toBe(true);
    expect(isInImportErrorTry(s.at('mlflow', 1).node)).toBe(false);
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
    const s = await analyze('import mlflow\ntry:\n    import mlflow.fastai\nexcept ImportError:\n    pass\ndef f():\n    return mlflow.fastai\n');
    const candidates = s.model.candidatesOf(s.at('mlflow', 2).node, s.scopeOf('mlflow', 2));
    expect(candidates.map((b) => [b.loadedModule, b.guarded])).toEqual([['mlflow', false], ['mlflow.fastai', true]]);
  });
});
