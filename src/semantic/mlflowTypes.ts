/**
 * What MLflow calls return and what typed attributes hold: a tiny "typeshed" for the receivers
 * rules care about (clients, runs, run infos, model infos, evaluation results, traces). Keys are
 * any public spelling; the model canonicalizes them once. `X[]` means "a collection of X".
 */
export const CLASS = {
  MlflowClient: 'mlflow.tracking.MlflowClient',
  Run: 'mlflow.entities.Run',
  ActiveRun: 'mlflow.ActiveRun',
  RunInfo: 'mlflow.entities.RunInfo',
  RunData: 'mlflow.entities.RunData',
  ModelInfo: 'mlflow.models.model.ModelInfo',
  ModelVersion: 'mlflow.entities.model_registry.ModelVersion',
  EvaluationResult: 'mlflow.models.EvaluationResult',
  MetricThreshold: 'mlflow.models.MetricThreshold',
  Trace: 'mlflow.entities.Trace',
  TraceInfo: 'mlflow.entities.TraceInfo',
  Span: 'mlflow.entities.Span',
  TraceData: 'mlflow.entities.trace_data.TraceData',
  Prompt: 'mlflow.entities.model_registry.prompt.Prompt',
  ColSpec: 'mlflow.types.ColSpec',
  Schema: 'mlflow.types.Schema',
  ModelSignature: 'mlflow.models.signature.ModelSignature',
  TensorSpec: 'mlflow.types.TensorSpec',
  Experiment: 'mlflow.entities.Experiment',
} as const;

/** Functions and methods → the type of their result. `log_model` of every flavor is handled by pattern. */
export const RETURNS: Record<string, string> = {
  'mlflow.models.infer_signature': CLASS.ModelSignature,
  'mlflow.models.signature.infer_signature': CLASS.ModelSignature,
  'mlflow.start_run': CLASS.ActiveRun,
  'mlflow.active_run': CLASS.ActiveRun,
  'mlflow.last_active_run': CLASS.Run,
  'mlflow.get_run': CLASS.Run,
  'mlflow.get_parent_run': CLASS.Run,
  // `mlflow.search_runs` returns a pandas DataFrame unless `output_format="list"`: not typed here.
  'mlflow.evaluate': CLASS.EvaluationResult,
  'mlflow.models.evaluate': CLASS.EvaluationResult,
  'mlflow.models.EvaluationResult.load': CLASS.EvaluationResult,
  'mlflow.models.get_model_info': CLASS.ModelInfo,
  'mlflow.models.Model.get_model_info': CLASS.ModelInfo,
  'mlflow.models.Model.log': CLASS.ModelInfo,
  'mlflow.register_model': CLASS.ModelVersion,
  'mlflow.get_trace': CLASS.Trace,
  'mlflow.get_last_active_trace': CLASS.Trace,
  // `mlflow.search_traces` returns a pandas DataFrame unless `return_type="list"`: not typed here.
  [`${CLASS.Trace}.search_spans`]: `${CLASS.Span}[]`,
  'mlflow.start_span': CLASS.Span,
  'mlflow.get_current_active_span': CLASS.Span,
  'mlflow.get_experiment': CLASS.Experiment,
  'mlflow.get_experiment_by_name': CLASS.Experiment,
  'mlflow.tracking.MlflowClient.get_run': CLASS.Run,
  'mlflow.tracking.MlflowClient.create_run': CLASS.Run,
  'mlflow.tracking.MlflowClient.search_runs': `${CLASS.Run}[]`,
  'mlflow.tracking.MlflowClient.get_parent_run': CLASS.Run,
  'mlflow.tracking.MlflowClient.get_model_version': CLASS.ModelVersion,
  'mlflow.tracking.MlflowClient.create_model_version': CLASS.ModelVersion,
  'mlflow.tracking.MlflowClient.get_latest_versions': `${CLASS.ModelVersion}[]`,
  'mlflow.tracking.MlflowClient.search_model_versions': `${CLASS.ModelVersion}[]`,
  'mlflow.tracking.MlflowClient.get_trace': CLASS.Trace,
  'mlflow.tracking.MlflowClient.search_traces': `${CLASS.Trace}[]`,
  'mlflow.tracking.MlflowClient.start_trace': CLASS.Span,
  'mlflow.tracking.MlflowClient.start_span': CLASS.Span,
  'mlflow.tracking.MlflowClient.get_experiment': CLASS.Experiment,
  'mlflow.tracking.MlflowClient.get_experiment_by_name': CLASS.Experiment,
};

/** Attributes of typed objects → their type. */
export const ATTRIBUTES: Record<string, string> = {
  [`${CLASS.Run}.info`]: CLASS.RunInfo,
  [`${CLASS.Run}.data`]: CLASS.RunData,
  [`${CLASS.Trace}.info`]: CLASS.TraceInfo,
  [`${CLASS.Trace}.data`]: CLASS.TraceData,
  [`${CLASS.TraceData}.spans`]: `${CLASS.Span}[]`,
  // A signature's schemas and their column specs (`signature.inputs.inputs[0].optional`).
  [`${CLASS.ModelInfo}.signature`]: CLASS.ModelSignature,
  [`${CLASS.ModelSignature}.inputs`]: CLASS.Schema,
  [`${CLASS.ModelSignature}.outputs`]: CLASS.Schema,
  [`${CLASS.Schema}.inputs`]: `${CLASS.ColSpec}[]`,
};

/** Flavor functions whose result is a ModelInfo (`mlflow.<flavor>.log_model`, `mlflow.shap.log_explainer`). */
export function returnsModelInfo(canonical: string): boolean {
  return /^mlflow\.[a-z_0-9]+(\.[a-z_0-9]+)*\.log_model$/.test(canonical) || canonical === 'mlflow.shap.log_explainer';
}
