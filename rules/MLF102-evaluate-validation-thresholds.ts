import { defineRule } from '../src/engine/rule.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

export default defineRule({
  code: 'MLF102',
  name: 'evaluate-validation-thresholds',
  severity: 'error',
  fix: 'unsafe',
  item: '#2',
  since: '3.0.0',
  triggers: ['validation_thresholds'],
  docs: {
    summary: '`mlflow.evaluate(validation_thresholds=...)` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `validation_thresholds` argument of `mlflow.evaluate` / `mlflow.models.evaluate` (every import path and alias).',
    why: 'MLflow 3.0 removed the argument (deprecated since 2.18, PR #15362): the call raises `TypeError`. Validation is now a separate call, `mlflow.validate_evaluation_results(validation_thresholds, candidate_result, baseline_result=None)`, which raises `ModelValidationFailedException` as evaluate did.',
    example: 'result = mlflow.evaluate(model, data, targets="y", model_type="classifier", validation_thresholds=thresholds)',
    useInstead: 'result = mlflow.evaluate(model, data, targets="y", model_type="classifier")\nmlflow.validate_evaluation_results(thresholds, result)',
    fixSafety: 'Unsafe: the exception is now raised after the evaluation has been logged, not inside `evaluate`. The fix applies only when the result is assigned to a name and no `baseline_model` is passed (that case is MLF101, manual). Note: the migration guide\'s example `validate_evaluation_results(result_1, result_2)` omits the required first argument; the fix follows the real 3.4 signature.',
    references: [DOCS.breakingChanges, DOCS.evaluate, DOCS.pr(15362)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: EVALUATE_PATHS,
      keyword: 'validation_thresholds',
      inDictSplat: true,
      message: '`validation_thresholds` was removed from `{callee}` in MLflow 3.0',
      help: 'Call `mlflow.validate_evaluation_results(thresholds, result)` after the evaluation',
    },
  ],
});
