import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

/** What `mlflow.keras` re-exported from `mlflow.tensorflow` in 2.9. */
const FUNCTIONS = ['log_model', 'save_model', 'load_model', 'autolog'];

export default defineRule({
  code: 'MLF314',
  name: 'keras-flavor-keras3',
  severity: 'warning',
  fix: 'unsafe',
  item: '#19',
  since: '2.11.0',
  triggers: ['keras'],
  docs: {
    summary: '`mlflow.keras` is its own Keras 3 flavor since MLflow 2.11; in 2.9 it was `mlflow.tensorflow`.',
    whatItDoes: 'Checks for uses of `mlflow.keras.log_model`, `save_model`, `load_model` and `autolog`: imports, attribute chains and mock targets.',
    why: 'In 2.9 `mlflow.keras` re-exported `mlflow.tensorflow`. Since 2.11 (PR #10830) it picks an implementation by the installed Keras: with Keras 3 it is a different flavor (`mlflow.keras.save.log_model(model, artifact_path, save_exported_model, ...)`) without `custom_objects`, `code_paths`, `saved_model_kwargs` or `keras_model_kwargs`, saving in another format.',
    example: 'import mlflow.keras\nmlflow.keras.log_model(model, "model", custom_objects={"loss": loss})',
    useInstead: 'import mlflow.tensorflow\nmlflow.tensorflow.log_model(model, "model", custom_objects={"loss": loss})',
    fixSafety: 'Unsafe: `mlflow.tensorflow.*` is exactly what the code called in 2.9, but a project that has moved to Keras 3 may want the new `mlflow.keras` flavor instead. Chains are rewritten when spelled from `import mlflow`; `from mlflow.keras import ...` when every imported name moves. Keras itself (`import keras`) is not touched.',
    references: [DOCS.pr(10830)],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: FUNCTIONS.map((f) => ({ from: `mlflow.keras.${f}`, to: `mlflow.tensorflow.${f}` })),
      message: '`{from}` was `{to}` in MLflow 2.9; since 2.11 it is the Keras 3 flavor when Keras 3 is installed',
      help: 'Use `{to}` (what the code called in 2.9), or move to the Keras 3 flavor deliberately',
      applicability: 'unsafe',
    },
  ],
});
