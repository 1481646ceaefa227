import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF610',
  name: 'scoring-server-fastapi',
  severity: 'warning',
  fix: 'manual',
  item: '#53',
  since: '2.21.0',
  triggers: ['scoring_server'],
  docs: {
    summary: 'The model scoring server became a FastAPI app under uvicorn in MLflow 2.21; its WSGI module and gunicorn settings are gone.',
    whatItDoes: 'Reports `gunicorn` / `waitress-serve` commands serving `mlflow.pyfunc.scoring_server.wsgi`, `GUNICORN_CMD_ARGS` in files that run `mlflow models serve`, and Python imports of `mlflow.pyfunc.scoring_server.wsgi`.',
    why: 'Since 2.21 (PR #14307) `mlflow models serve` and model containers run `mlflow.pyfunc.scoring_server.app:app` under uvicorn; the `wsgi` module no longer exists and gunicorn options have no effect.',
    example: 'gunicorn -w 4 mlflow.pyfunc.scoring_server.wsgi:app',
    useInstead: 'mlflow models serve -m models:/churn/1 -w 4',
    fixSafety: 'No automatic fix: worker and timeout settings have to be carried over by hand.',
    references: [{ title: 'mlflow/mlflow#14307', url: 'https://github.com/mlflow/mlflow/pull/14307' }],
  },
  checks: [
    {
      kind: 'removed-module',
      modules: ['mlflow.pyfunc.scoring_server.wsgi'],
      message: '`{name}`: the WSGI scoring app was removed in MLflow 2.21',
      help: 'Use the FastAPI app `mlflow.pyfunc.scoring_server.app:app` (or `mlflow models serve`)',
    },
  ],
});
