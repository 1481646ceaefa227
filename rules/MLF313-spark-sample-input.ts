import { defineRule } from '../src/engine/rule.js';
import { DOCS, SPARK_LOG_SAVE } from './shared.js';

export default defineRule({
  code: 'MLF313',
  name: 'spark-sample-input',
  severity: 'error',
  fix: 'safe*',
  item: '#14',
  since: '3.0.0',
  // A positional value spells neither the keyword nor `sample_input`; the flavor's module name it does.
  triggers: ['sample_input', 'spark', 'johnsnowlabs'],
  docs: {
    summary: '`sample_input` of `mlflow.spark` / `mlflow.johnsnowlabs` `log_model` / `save_model` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `sample_input` argument of `mlflow.spark.log_model`, `mlflow.spark.save_model`, `mlflow.johnsnowlabs.log_model` and `mlflow.johnsnowlabs.save_model`: keyword, `**{...}` key, or its position in the 2.9 signature (6th of `log_model`, 7th of `save_model`).',
    why: 'The argument only served to add the MLeap flavor, which was removed in 3.0 (with PR #15259): the keyword raises `TypeError`, and a positional value now binds to the next parameter (`registered_model_name` / `signature`). Not listed in the breaking-changes page.',
    example: 'mlflow.spark.log_model(pipeline_model, "model", sample_input=train_df)',
    useInstead: 'mlflow.spark.log_model(pipeline_model, "model")',
    fixSafety: 'Safe when passed by keyword: the argument is deleted (the model is logged without the MLeap flavor, which 3.x cannot load anyway). A positional value or a `**{...}` key is reported without a fix (MLF308 turns the shifted positions into keywords first). `sample_input` as a variable name elsewhere (`infer_signature(sample_input, ...)`) is not touched.',
    references: [DOCS.pr(15259)],
  },
  checks: [
    {
      kind: 'argument',
      callees: SPARK_LOG_SAVE,
      parameter: 'sample_input',
      remove: true,
      inDictSplat: true,
      message: '`sample_input` was removed from `{callee}` in MLflow 3.0 (it added the removed MLeap flavor)',
      help: 'Remove the argument',
      positionalMessage: 'Argument {position} of `{callee}` is `sample_input`, removed in MLflow 3.0: later positions shift',
      positionalHelp: 'Remove it and pass the following arguments by keyword',
    },
  ],
});
