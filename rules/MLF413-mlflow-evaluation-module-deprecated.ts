import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF413',
  name: 'mlflow-evaluation-module-deprecated',
  severity: 'info',
  fix: 'manual',
  item: 'T10',
  since: '3.0.0',
  triggers: ['evaluation'],
  docs: {
    summary: 'The `mlflow.evaluation` module (`Assessment`, `Evaluation`, `log_evaluations`, ...) is deprecated since MLflow 3.0.',
    whatItDoes: 'Checks for imports of and attribute paths into `mlflow.evaluation` (not `mlflow.evaluate` or `mlflow.models.evaluation`).',
    why: 'MLflow 3 records assessments on traces: `mlflow.entities.Assessment` (`Feedback`, `Expectation`), `mlflow.log_feedback` / `mlflow.log_expectation`, and evaluation through `mlflow.genai.evaluate`. The old module still imports but warns.',
    example: 'from mlflow.evaluation import Assessment, Evaluation, log_evaluations',
    useInstead: 'from mlflow.entities import Feedback\nmlflow.log_feedback(trace_id=trace_id, name="quality", value=True)',
    fixSafety: 'No automatic fix: the replacement records assessments on traces instead of run evaluation tables.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.evaluation'],
      message: '`{name}`: `mlflow.evaluation` is deprecated since MLflow 3.0',
      help: 'Use `mlflow.entities.Assessment` (`Feedback`, `Expectation`), `mlflow.log_feedback` / `mlflow.log_expectation` and `mlflow.genai.evaluate`',
    },
  ],
});
