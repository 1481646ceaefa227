import { defineRule } from '../src/engine/rule.js';
import { invalidNamePiece, logsNamedModel } from '../src/engine/checks/modelLogging.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF301',
  name: 'log-model-artifact-path',
  severity: 'warning',
  fix: 'safe',
  item: '#24',
  since: '3.0.0',
  // The argument may be positional, so the keyword need not appear; the callee's name always does.
  triggers: ['log_model', 'log_explainer'],
  docs: {
    summary: '`artifact_path` of `log_model` is deprecated in MLflow 3.0; the model is named with `name=`.',
    whatItDoes: 'Checks for the `artifact_path` argument of every flavor\'s `log_model` (`mlflow.sklearn`, `mlflow.pyfunc`, `mlflow.openai`, `mlflow.transformers`, ...) and of `mlflow.shap.log_explainer`, passed by keyword, as a `**{...}` key, or by position (the first argument of `mlflow.pyfunc.log_model`, the third of `mlflow.openai.log_model`, the second elsewhere, as in the MLflow 2.9 signatures).',
    why: 'MLflow 3 logs models as LoggedModels named by `name`; `artifact_path` still works but logs "`artifact_path` is deprecated. Please use `name` instead." (`Model.log` assigns `name = name or artifact_path`).',
    example: 'mlflow.sklearn.log_model(model, "model")\nmlflow.pyfunc.log_model(artifact_path="model", python_model=wrapper)',
    useInstead: 'mlflow.sklearn.log_model(model, name="model")\nmlflow.pyfunc.log_model(name="model", python_model=wrapper)',
    fixSafety: 'Safe: on MLflow 3 the two arguments mean the same thing. A positional value becomes `name=...`; positional arguments after it become keywords too (by their 2.9 names, which are unchanged at those positions). `mlflow.spark.log_model` is never touched (it has no `name` at 3.4), nor the other APIs that still take `artifact_path` with its old meaning (`mlflow.log_artifact(s)`, `MlflowClient.log_artifact(s)`, `mlflow.get_artifact_uri`, `mlflow.artifacts.*`, `mlflow.pytorch.log_state_dict`, `mlflow.shap.log_explanation`, `mlflow.models.Model(...)`, `Model.log`). A name MLflow 3 rejects (`"models/rf"`) is left to MLF302.',
    references: [DOCS.migrationGuide, DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'argument',
      calleeFilter: (callee, api) => logsNamedModel(api, callee),
      parameter: 'artifact_path',
      renameTo: 'name',
      inDictSplat: true,
      noFixWith: ['name'],
      fixPositional: true,
      skipValue: (value, ctx) => invalidNamePiece(value, ctx) !== undefined,
      message: '`artifact_path` of `{callee}` is deprecated in MLflow 3.0',
      help: 'Rename to `name`',
      positionalMessage: 'The model name (`artifact_path`, argument {position}) of `{callee}` is deprecated in MLflow 3.0; pass it as `name=`',
      positionalHelp: 'Pass it as `name=`',
    },
  ],
});
