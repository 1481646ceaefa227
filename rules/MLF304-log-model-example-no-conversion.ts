import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

/** The flavors that took `example_no_conversion` (2.10–2.22). */
const CALLEES = ['pyfunc', 'langchain', 'openai', 'promptflow', 'sentence_transformers', 'transformers'].flatMap((flavor) => [
  `mlflow.${flavor}.log_model`,
  `mlflow.${flavor}.save_model`,
]);

export default defineRule({
  code: 'MLF304',
  name: 'log-model-example-no-conversion',
  severity: 'error',
  fix: 'safe',
  item: '#27',
  since: '3.0.0',
  triggers: ['example_no_conversion'],
  docs: {
    summary: '`example_no_conversion` of `log_model` / `save_model` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `example_no_conversion` keyword (or `**{...}` key) of `log_model` and `save_model` in `mlflow.pyfunc`, `mlflow.langchain`, `mlflow.openai`, `mlflow.promptflow`, `mlflow.sentence_transformers` and `mlflow.transformers`.',
    why: 'Added in 2.10 (PR #10741), a no-op since 2.16 (PR #12782: input examples are always stored as given) and removed in 3.0 (PR #15322). `mlflow.pyfunc` now raises `TypeError`; `mlflow.transformers` silently ignores it; `mlflow.openai` silently stores it in the model\'s config as an OpenAI request parameter.',
    example: 'mlflow.transformers.log_model(pipe, "model", input_example=example, example_no_conversion=True)',
    useInstead: 'mlflow.transformers.log_model(pipe, "model", input_example=example)',
    fixSafety: 'Safe: the argument has had no effect since 2.16, so deleting it keeps the behaviour. A `**{...}` key is reported without a fix.',
    references: [DOCS.breakingChanges, DOCS.pr(15322)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: CALLEES,
      keyword: 'example_no_conversion',
      remove: true,
      inDictSplat: true,
      message: '`example_no_conversion` was removed from `{callee}` in MLflow 3.0',
      help: 'Remove the argument',
    },
  ],
});
