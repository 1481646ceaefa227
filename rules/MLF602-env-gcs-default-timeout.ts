import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF602',
  name: 'env-gcs-default-timeout',
  severity: 'warning',
  fix: 'unsafe',
  item: '#45',
  since: '3.0.0',
  triggers: ['MLFLOW_GCS_DEFAULT_TIMEOUT'],
  docs: {
    summary: '`MLFLOW_GCS_DEFAULT_TIMEOUT` was removed in MLflow 3.0; `MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT` replaces it.',
    whatItDoes: 'Reports `MLFLOW_GCS_DEFAULT_TIMEOUT` in `.env` files, shell scripts, Makefiles, Dockerfiles, YAML (CI, compose, Kubernetes) and Python environment access (`os.environ["..."]`, `os.getenv("...")`, `os.environ.get("...")`, `monkeypatch.setenv`, `patch.dict(os.environ, {...})`).',
    why: 'MLflow 3.0 (PR #15365) stopped reading the variable, so the GCS timeout silently falls back to the default. 2.9.2 already preferred `MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT`, with the same meaning for GCS (`-1`: no timeout).',
    example: 'export MLFLOW_GCS_DEFAULT_TIMEOUT=120',
    useInstead: 'export MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT=120',
    fixSafety: 'Unsafe: the new variable applies to every artifact store, not only GCS.',
    references: [DOCS.breakingChanges, DOCS.pr(15365)],
  },
  checks: [environmentNameCheck('MLF602', { applicability: 'unsafe' })],
});
