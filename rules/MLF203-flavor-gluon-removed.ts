import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF203',
  name: 'flavor-gluon-removed',
  severity: 'error',
  fix: 'manual',
  item: '#15',
  since: '2.20.0',
  triggers: ['gluon'],
  docs: {
    summary: 'The `mlflow.gluon` flavor was removed in MLflow 2.20.',
    whatItDoes: 'Checks for every use of `mlflow.gluon` (`log_model`, `save_model`, `load_model`, `autolog`, `get_default_pip_requirements`, `get_default_conda_env`): `import mlflow.gluon`, `from mlflow.gluon import ...`, `from mlflow import gluon`, attribute chains such as `mlflow.gluon.autolog()`, and mock targets such as `mock.patch("mlflow.gluon.log_model")`.',
    why: 'Deprecated in 2.5 and removed in 2.20 (PR #13990), before MLflow 3: the import fails, and models saved with the gluon flavor can no longer be loaded through its loader module.',
    example: 'import mlflow.gluon\nmlflow.gluon.autolog()\nmlflow.gluon.log_model(net, "model")',
    useInstead: 'Export the network (e.g. to ONNX and log it with `mlflow.onnx.log_model`), move to PyTorch and `mlflow.pytorch`, or wrap it in a custom `mlflow.pyfunc.PythonModel`.',
    fixSafety: 'No automatic fix: there is no drop-in replacement flavor. MXNet\'s own `mxnet.gluon` and the `gluonts` package are not reported.',
    references: [DOCS.pr(13990)],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.gluon'],
      message: '`{name}`: the `mlflow.gluon` flavor was removed in MLflow 2.20',
      help: 'Log the model with `mlflow.onnx` or `mlflow.pytorch`, or through a custom `mlflow.pyfunc.PythonModel`',
    },
  ],
});
