import { defineRule } from '../src/engine/rule.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

export default defineRule({
  code: 'MLF103',
  name: 'evaluate-baseline-config',
  severity: 'error',
  fix: 'manual',
  item: '#3',
  since: '3.0.0',
  triggers: ['baseline_config'],
  docs: {
    summary: '`mlflow.evaluate(baseline_config=...)` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `baseline_config` argument of `mlflow.evaluate` / `mlflow.models.evaluate`.',
    why: 'It configured the baseline model of MLF101, which was removed with it (PR #15362); the call raises `TypeError`.',
    example: 'mlflow.evaluate(candidate, data, baseline_model=baseline, baseline_config={"temperature": 0})',
    useInstead: 'baseline_result = mlflow.models.evaluate(baseline, data, model_config={"temperature": 0})',
    fixSafety: 'No automatic fix: it moves to the separate baseline evaluation as `model_config=` (see MLF101).',
    references: [DOCS.breakingChanges, DOCS.pr(15362)],
  },
  checks: [
    {
      kind: 'keyword',
      callees: EVALUATE_PATHS,
      keyword: 'baseline_config',
      inDictSplat: true,
      message: '`baseline_config` was removed from `{callee}` in MLflow 3.0',
      help: 'Pass it as `model_config=` to the separate baseline `mlflow.models.evaluate` call',
    },
  ],
});
