import { defineRule } from '../src/engine/rule.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

export default defineRule({
  code: 'MLF104',
  name: 'evaluate-custom-metrics',
  severity: 'error',
  fix: 'safe',
  item: '#4',
  since: '3.0.0',
  triggers: ['custom_metrics'],
  docs: {
    summary: '`mlflow.evaluate(custom_metrics=...)` was renamed `extra_metrics` and the old name removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `custom_metrics` argument (keyword, or key of a `**{...}` dict literal) of `mlflow.evaluate` / `mlflow.models.evaluate`.',
    why: 'Deprecated with a FutureWarning in 2.x and removed in 3.0 (PR #15361): the call raises `TypeError`. `extra_metrics` takes the same list of `EvaluationMetric` objects.',
    example: 'mlflow.evaluate(model, data, targets="y", model_type="regressor", custom_metrics=[rmse_metric])',
    useInstead: 'mlflow.evaluate(model, data, targets="y", model_type="regressor", extra_metrics=[rmse_metric])',
    fixSafety: 'Safe: MLflow 2.9 assigned `custom_metrics` to `extra_metrics` unchanged. When `extra_metrics` is also given, there is no fix (that call already failed in 2.9).',
    references: [DOCS.breakingChanges, DOCS.evaluate, DOCS.pr(15361)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: EVALUATE_PATHS,
      keyword: 'custom_metrics',
      renameTo: 'extra_metrics',
      inDictSplat: true,
      noFixWith: ['extra_metrics'],
      message: '`custom_metrics` was removed from `{callee}` in MLflow 3.0',
      help: 'Rename to `extra_metrics`',
    },
  ],
});
