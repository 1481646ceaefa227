import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF603',
  name: 'env-allow-file-uri-model-source',
  severity: 'info',
  fix: 'manual',
  item: '#46',
  since: '2.10.0',
  triggers: ['MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE'],
  docs: {
    summary: '`MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE` does nothing since MLflow 2.10.',
    whatItDoes: 'Reports the variable in environment files, scripts, Dockerfiles, YAML and Python environment access.',
    why: 'Since 2.10 (PR #10651) the tracking server rejects local file sources for model versions whatever the variable says; setups that relied on it fail at `create_model_version`.',
    example: 'MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE=true',
    useInstead: '# register versions from runs:/ or models:/ URIs, or from the artifact store',
    fixSafety: 'No automatic fix: the registration flow has to change.',
    references: [{ title: 'mlflow/mlflow#10651', url: 'https://github.com/mlflow/mlflow/pull/10651' }],
  },
  checks: [environmentNameCheck('MLF603')],
});
