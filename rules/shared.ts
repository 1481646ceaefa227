/** Import paths shared by several rules (every 2.9.2 spelling; the engine canonicalizes them). */
export const EVALUATE_PATHS = [
  'mlflow.evaluate',
  'mlflow.models.evaluate',
  'mlflow.models.evaluation.evaluate',
  'mlflow.models.evaluation.base.evaluate',
];

export const METRIC_THRESHOLD_PATHS = [
  'mlflow.models.MetricThreshold',
  'mlflow.models.evaluation.MetricThreshold',
  'mlflow.models.evaluation.validation.MetricThreshold',
  'mlflow.models.evaluation.base.MetricThreshold',
];

export const DOCS = {
  breakingChanges: { title: 'Breaking Changes in MLflow 3', url: 'https://mlflow.org/docs/latest/genai/mlflow-3/breaking-changes/' },
  migrationGuide: { title: 'MLflow 3 Migration Guide', url: 'https://mlflow.org/docs/latest/ml/mlflow-3/' },
  evaluate: { title: 'mlflow.models.evaluate', url: 'https://mlflow.org/docs/latest/api_reference/python_api/mlflow.models.html#mlflow.models.evaluate' },
  pr: (n: number) => ({ title: `mlflow/mlflow#${n}`, url: `https://github.com/mlflow/mlflow/pull/${n}` }),
};
