import { defineRule } from '../src/engine/rule.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { DOCS, EVALUATION_RESULT_PATHS } from './shared.js';

const HELP = 'Evaluate the baseline model in its own `mlflow.models.evaluate` call and read that result\'s `.metrics`';

export default defineRule({
  code: 'MLF105',
  name: 'evaluation-result-baseline-metrics',
  severity: 'error',
  fix: 'manual',
  item: '#5',
  since: '2.18.0',
  triggers: ['baseline_model_metrics'],
  docs: {
    summary: '`EvaluationResult.baseline_model_metrics` and the `baseline_model_metrics` constructor argument were removed in MLflow 2.18.',
    whatItDoes: 'Checks for `.baseline_model_metrics` on evaluation results (values of `mlflow.evaluate` / `mlflow.models.evaluate`, `EvaluationResult(...)`, `EvaluationResult.load(...)`, annotated parameters), for the `baseline_model_metrics` argument of `EvaluationResult(...)` (keyword, `**{...}` key, or third positional argument) and for mock targets naming the property.',
    why: 'Baseline evaluation moved out of `evaluate` (PR #13312): the property is gone (`AttributeError`), the keyword raises `TypeError`, and a third positional argument now silently becomes `run_id`.',
    example: 'result = mlflow.evaluate(candidate, data, targets="y", model_type="classifier", baseline_model=baseline)\nprint(result.baseline_model_metrics["accuracy_score"])',
    useInstead: 'result = mlflow.models.evaluate(candidate, data, targets="y", model_type="classifier")\nbaseline_result = mlflow.models.evaluate(baseline, data, targets="y", model_type="classifier")\nprint(baseline_result.metrics["accuracy_score"])',
    fixSafety: 'No automatic fix: the baseline needs its own evaluation. Only receivers known to be MLflow evaluation results are reported; `baseline_model_metrics` keys of dicts or attributes of other objects are not.',
    references: [DOCS.breakingChanges, DOCS.pr(13312)],
  },
  checks: [
    {
      kind: 'attribute',
      receiverTypes: [CLASS.EvaluationResult],
      attribute: 'baseline_model_metrics',
      message: '`EvaluationResult.baseline_model_metrics` was removed in MLflow 2.18',
      help: HELP,
    },
    {
      kind: 'argument',
      callees: EVALUATION_RESULT_PATHS,
      parameter: 'baseline_model_metrics',
      inDictSplat: true,
      message: '`baseline_model_metrics` was removed from `{callee}` in MLflow 2.18',
      help: 'Drop the argument; keep the baseline\'s metrics in a separate `EvaluationResult`',
      positionalMessage: 'Argument {position} of `{callee}` was `baseline_model_metrics`; since MLflow 2.18 that position is `run_id`',
    },
    {
      // `patch.object(EvaluationResult, "baseline_model_metrics")`, `EvaluationResult.baseline_model_metrics`.
      kind: 'moved-symbol',
      symbols: EVALUATION_RESULT_PATHS.map((p) => ({ from: `${p}.baseline_model_metrics` })),
      message: '`EvaluationResult.baseline_model_metrics` was removed in MLflow 2.18',
      help: HELP,
    },
  ],
});
