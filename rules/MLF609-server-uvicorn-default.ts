import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF609',
  name: 'server-uvicorn-default',
  severity: 'info',
  fix: 'manual',
  item: '#52',
  since: '3.3.0',
  triggers: [],
  docs: {
    summary: '`mlflow server` runs under uvicorn by default since MLflow 3.3; gunicorn settings no longer apply.',
    whatItDoes: 'Reports `GUNICORN_CMD_ARGS` in a script, Dockerfile, Makefile, Procfile or YAML file that runs `mlflow server` without `--gunicorn-opts` / `--waitress-opts`.',
    why: 'MLflow 3.3 (PR #17038) made uvicorn the default server; gunicorn is used only with `--gunicorn-opts`, so `GUNICORN_CMD_ARGS` (workers, timeouts, logging) silently stops applying.',
    example: 'GUNICORN_CMD_ARGS="--timeout 120" mlflow server --host 0.0.0.0',
    useInstead: 'mlflow server --host 0.0.0.0 --gunicorn-opts "--timeout 120"',
    fixSafety: 'No automatic fix: keeping gunicorn or moving to uvicorn options is a deployment choice.',
    references: [{ title: 'mlflow/mlflow#17038', url: 'https://github.com/mlflow/mlflow/pull/17038' }],
  },
  checks: [],
});
