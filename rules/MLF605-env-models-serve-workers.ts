import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF605',
  name: 'env-models-serve-workers',
  severity: 'warning',
  fix: 'safe',
  item: '#48',
  since: '2.22.0',
  triggers: [],
  docs: {
    summary: '`MLFLOW_WORKERS` no longer sets the workers of `mlflow models serve` (MLflow 2.22); `MLFLOW_MODELS_WORKERS` does.',
    whatItDoes: 'Reports `MLFLOW_WORKERS` in a script, Dockerfile, Makefile, Procfile or YAML file that runs `mlflow models serve`. Files that do not run it stay silent: `MLFLOW_WORKERS` still configures `mlflow server`.',
    why: 'Since 2.22 (PR #15267) `mlflow models serve -w/--workers` defaults to `MLFLOW_MODELS_WORKERS`; the old variable is silently ignored there and the server runs with one worker.',
    example: 'MLFLOW_WORKERS=4 mlflow models serve -m models:/churn/1',
    useInstead: 'MLFLOW_MODELS_WORKERS=4 mlflow models serve -m models:/churn/1',
    fixSafety: 'Safe in files that only run `mlflow models serve`. When the file also runs `mlflow server` (which still reads `MLFLOW_WORKERS`), there is no fix.',
    references: [DOCS.pr(15267)],
  },
  checks: [],
});
