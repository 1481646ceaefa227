import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF201',
  name: 'flavor-fastai-removed',
  severity: 'error',
  fix: 'manual',
  item: '#12',
  since: '3.0.0',
  triggers: ['fastai'],
  docs: {
    summary: 'The `mlflow.fastai` flavor was removed in MLflow 3.0.',
    whatItDoes: 'Checks for every use of `mlflow.fastai`: `import mlflow.fastai`, `from mlflow.fastai import ...`, `from mlflow import fastai`, attribute chains such as `mlflow.fastai.autolog()`, mock targets such as `mock.patch("mlflow.fastai.log_model")`, and `importlib.import_module("mlflow.fastai")`. Compatibility shims (`try: import mlflow.fastai` / `except ImportError:`) and uses of what they imported stay silent; a use through a plain `import mlflow` is reported even when that import is guarded.',
    why: 'Deprecated in 2.21 and removed in 3.0 (PR #15255): the import fails. Models saved with the fastai flavor can no longer be loaded by `mlflow.pyfunc.load_model` either, because their loader module is gone.',
    example: 'import mlflow.fastai\nmlflow.fastai.log_model(learner, "model")',
    useInstead: 'Wrap the learner in a custom `mlflow.pyfunc.PythonModel` and log it with `mlflow.pyfunc.log_model`, or keep this project on `mlflow<3`.',
    fixSafety: 'No automatic fix: there is no drop-in replacement flavor. The `fastai` library itself (`import fastai`) is not reported.',
    references: [DOCS.breakingChanges, DOCS.pr(15255)],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.fastai'],
      message: '`{name}`: the `mlflow.fastai` flavor was removed in MLflow 3.0',
      help: 'Log the learner through a custom `mlflow.pyfunc.PythonModel`, or pin `mlflow<3`',
    },
  ],
});
