import { defineRule } from '../src/engine/rule.js';
import { DOCS, METRIC_THRESHOLD_PATHS } from './shared.js';

export default defineRule({
  code: 'MLF106',
  name: 'metric-threshold-higher-is-better',
  severity: 'error',
  fix: 'safe',
  item: '#6',
  since: '3.0.0',
  triggers: ['higher_is_better'],
  docs: {
    summary: '`MetricThreshold(higher_is_better=...)` and `.higher_is_better` were removed in MLflow 3.0; use `greater_is_better`.',
    whatItDoes: 'Checks for the `higher_is_better` argument of `MetricThreshold` (every import path and alias, keyword or `**{...}` key) and for `.higher_is_better` reads on `MetricThreshold` objects.',
    why: 'Deprecated since 2.3 and removed in 3.0 (PR #15343): the constructor raises `TypeError` and the property raises `AttributeError`.',
    example: 'from mlflow.models import MetricThreshold\nthreshold = MetricThreshold(threshold=0.8, higher_is_better=True)\nif threshold.higher_is_better: ...',
    useInstead: 'from mlflow.models import MetricThreshold\nthreshold = MetricThreshold(threshold=0.8, greater_is_better=True)\nif threshold.greater_is_better: ...',
    fixSafety: 'Safe: the two names meant the same thing (giving both already raised). Only `MetricThreshold` is touched: Optuna, Ray Tune and project classes with a `higher_is_better` of their own are not.',
    references: [DOCS.breakingChanges, DOCS.pr(15343)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: METRIC_THRESHOLD_PATHS,
      keyword: 'higher_is_better',
      renameTo: 'greater_is_better',
      inDictSplat: true,
      noFixWith: ['greater_is_better'],
      message: '`higher_is_better` was removed from `MetricThreshold` in MLflow 3.0',
      help: 'Rename to `greater_is_better`',
    },
    {
      kind: 'attribute',
      receiverTypes: ['mlflow.models.MetricThreshold'],
      attribute: 'higher_is_better',
      renameTo: 'greater_is_better',
      message: '`MetricThreshold.higher_is_better` was removed in MLflow 3.0',
      help: 'Use `greater_is_better`',
    },
  ],
});
