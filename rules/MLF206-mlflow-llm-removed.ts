import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF206',
  name: 'mlflow-llm-removed',
  severity: 'error',
  fix: 'manual',
  item: '#18',
  since: '2.10.0',
  triggers: ['llm'],
  docs: {
    summary: '`mlflow.llm` (`log_predictions`) and `mlflow.tracking.llm_utils` were removed in MLflow 2.10.',
    whatItDoes: 'Checks for every use of `mlflow.llm` and `mlflow.tracking.llm_utils`: imports, attribute chains such as `mlflow.llm.log_predictions(...)`, and mock targets.',
    why: 'The package was removed in 2.10 (PR #10734). `mlflow.llm` is still declared as a lazy attribute of the `mlflow` module in 3.4, so `import mlflow` succeeds and the `ModuleNotFoundError` only comes at the first use.',
    example: 'import mlflow\nmlflow.llm.log_predictions(inputs, outputs, prompts)',
    useInstead: 'import mlflow\nimport pandas as pd\nmlflow.log_table(pd.DataFrame({"inputs": inputs, "outputs": outputs, "prompts": prompts}), "llm_predictions.json")',
    fixSafety: 'No automatic fix: `mlflow.log_table` (or the evaluation APIs) store the data differently from the `llm_predictions.csv` artifact.',
    references: [DOCS.pr(10734)],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.llm', 'mlflow.tracking.llm_utils'],
      message: '`{name}` was removed in MLflow 2.10',
      help: 'Log the predictions with `mlflow.log_table`, or use the evaluation APIs',
    },
  ],
});
