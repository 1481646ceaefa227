import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF615',
  name: 'openai-secret-scope',
  severity: 'info',
  fix: 'manual',
  item: '#64',
  since: '',
  triggers: ['MLFLOW_OPENAI_SECRET_SCOPE'],
  docs: {
    summary: '`MLFLOW_OPENAI_SECRET_SCOPE` is deprecated (still read in MLflow 3.4).',
    whatItDoes: 'Reports the variable in environment files, scripts, Dockerfiles, YAML and Python environment access.',
    why: 'The `mlflow.openai` module documents it as deprecated in favour of Databricks secrets-based environment variables; it may go in a later release.',
    example: 'os.environ["MLFLOW_OPENAI_SECRET_SCOPE"] = "openai"',
    useInstead: '# set the OpenAI variables from Databricks secrets (e.g. OPENAI_API_KEY={{secrets/openai/key}})',
    fixSafety: 'No automatic fix.',
    references: [],
  },
  checks: [environmentNameCheck('MLF615')],
});
