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

export const EVALUATION_RESULT_PATHS = [
  'mlflow.models.EvaluationResult',
  'mlflow.models.evaluation.EvaluationResult',
  'mlflow.models.evaluation.base.EvaluationResult',
];

/** The base class of evaluator plugins (canonical); subclasses of it are found through the API's class bases. */
export const MODEL_EVALUATOR = 'mlflow.models.evaluation.base.ModelEvaluator';

export const PROMPT_TEMPLATE_PATHS = [
  'mlflow.metrics.genai.prompt_template.PromptTemplate',
  'mlflow.metrics.genai.prompts.v1.PromptTemplate',
];

/** `mlflow.pyfunc.log_model` / `save_model`: `code_path` and the positions that shifted after it. */
export const PYFUNC_LOG_SAVE = ['mlflow.pyfunc.log_model', 'mlflow.pyfunc.save_model'];

/** The Spark-based flavors' `log_model` / `save_model` (they took `sample_input` for MLeap). */
export const SPARK_LOG_SAVE = ['mlflow.spark.log_model', 'mlflow.spark.save_model', 'mlflow.johnsnowlabs.log_model', 'mlflow.johnsnowlabs.save_model'];

export const DOCS = {
  breakingChanges: { title: 'Breaking Changes in MLflow 3', url: 'https://mlflow.org/docs/latest/genai/mlflow-3/breaking-changes/' },
  migrationGuide: { title: 'MLflow 3 Migration Guide', url: 'https://mlflow.org/docs/latest/ml/mlflow-3/' },
  evaluate: { title: 'mlflow.models.evaluate', url: 'https://mlflow.org/docs/latest/api_reference/python_api/mlflow.models.html#mlflow.models.evaluate' },
  mlflow3Faq: { title: 'MLflow 3 FAQ', url: 'https://mlflow.org/docs/latest/genai/mlflow-3/faqs/' },
  pr: (n: number) => ({ title: `mlflow/mlflow#${n}`, url: `https://github.com/mlflow/mlflow/pull/${n}` }),
};
