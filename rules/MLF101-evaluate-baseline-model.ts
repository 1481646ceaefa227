import { defineRule } from '../src/engine/rule.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

export default defineRule({
  code: 'MLF101',
  name: 'evaluate-baseline-model',
  severity: 'error',
  fix: 'manual',
  item: '#1',
  since: '3.0.0',
  triggers: ['baseline_model'],
  docs: {
    summary: '`mlflow.evaluate(baseline_model=...)` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `baseline_model` argument of `mlflow.evaluate` / `mlflow.models.evaluate` (every import path and alias).',
    why: 'MLflow 3.0 removed the argument (deprecated since 2.18, PR #15362): the call raises `TypeError`. Model comparison is now two evaluations and `mlflow.validate_evaluation_results`.',
    example: 'result = mlflow.evaluate(candidate, data, targets="y", model_type="classifier",\n                         validation_thresholds=thresholds, baseline_model=baseline)',
    useInstead: 'candidate_result = mlflow.models.evaluate(candidate, data, targets="y", model_type="classifier")\nwith mlflow.start_run(nested=True):\n    baseline_result = mlflow.models.evaluate(baseline, data, targets="y", model_type="classifier")\nmlflow.validate_evaluation_results(thresholds, candidate_result, baseline_result)',
    fixSafety: 'No automatic fix: the baseline needs its own `evaluate` call (which now logs its metrics, so it belongs in a separate or nested run), and `baseline_config` becomes that call\'s `model_config`.',
    references: [DOCS.breakingChanges, DOCS.evaluate, DOCS.pr(15362)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: EVALUATE_PATHS,
      keyword: 'baseline_model',
      inDictSplat: true,
      message: '`baseline_model` was removed from `{callee}` in MLflow 3.0',
      help: 'Evaluate the baseline in its own `mlflow.models.evaluate` call and compare with `mlflow.validate_evaluation_results(thresholds, candidate_result, baseline_result)`',
    },
  ],
});
