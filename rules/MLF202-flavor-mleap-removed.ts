import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF202',
  name: 'flavor-mleap-removed',
  severity: 'error',
  fix: 'manual',
  item: '#13',
  since: '3.0.0',
  triggers: ['mleap'],
  docs: {
    summary: 'The `mlflow.mleap` flavor was removed in MLflow 3.0.',
    whatItDoes: 'Checks for every use of `mlflow.mleap` (`log_model`, `save_model`, `add_to_model`, `MLeapSerializationException`): imports, attribute chains, mock targets and `importlib.import_module("mlflow.mleap")`. Compatibility shims (`try: import mlflow.mleap` / `except ImportError:`) and uses of what they imported stay silent.',
    why: 'Deprecated in 2.6 and removed in 3.0 (PR #15259): the import fails.',
    example: 'from mlflow import mleap\nmleap.log_model(spark_model=model, sample_input=df, artifact_path="model")',
    useInstead: 'Log Spark models with `mlflow.spark.log_model`, or export to ONNX with `mlflow.onnx`.',
    fixSafety: 'No automatic fix: the serialization format changes. The `mleap` PyPI package itself is not reported.',
    references: [DOCS.breakingChanges, DOCS.pr(15259)],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.mleap'],
      message: '`{name}`: the `mlflow.mleap` flavor was removed in MLflow 3.0',
      help: 'Use `mlflow.spark.log_model` or `mlflow.onnx` instead',
    },
  ],
});
