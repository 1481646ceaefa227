import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF611',
  name: 'basic-auth-secret-key',
  severity: 'warning',
  fix: 'manual',
  item: '#54',
  since: '2.21.0',
  triggers: [],
  docs: {
    summary: '`mlflow server --app-name basic-auth` needs `MLFLOW_FLASK_SERVER_SECRET_KEY` since MLflow 2.21.',
    whatItDoes: 'Reports `--app-name basic-auth` on an `mlflow server` command (scripts, Dockerfiles, compose, Kubernetes, CI, Makefiles, Procfiles) when no file of the project mentions `MLFLOW_FLASK_SERVER_SECRET_KEY` (the command\'s own file, or a `.env`, compose or Kubernetes file beside it).',
    why: 'Since 2.21 (PR #14022) the auth app uses CSRF protection (Flask-WTF) and refuses to start without a secret key; replicas must share it.',
    example: 'mlflow server --app-name basic-auth --host 0.0.0.0',
    useInstead: 'MLFLOW_FLASK_SERVER_SECRET_KEY="$(cat /run/secrets/mlflow_key)" mlflow server --app-name basic-auth --host 0.0.0.0',
    fixSafety: 'No automatic fix: the key is a secret; also install `mlflow[auth]`.',
    references: [{ title: 'mlflow/mlflow#14022', url: 'https://github.com/mlflow/mlflow/pull/14022' }],
  },
  checks: [],
});
