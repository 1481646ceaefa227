import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF604',
  name: 'env-openai-retries-enabled',
  severity: 'info',
  fix: 'safe',
  item: '#47',
  since: '2.11.0',
  triggers: ['MLFLOW_OPENAI_RETRIES_ENABLED'],
  docs: {
    summary: '`MLFLOW_OPENAI_RETRIES_ENABLED` does nothing since MLflow 2.11.',
    whatItDoes: 'Reports the variable in environment files, scripts, Makefiles, Dockerfiles, YAML and Python environment access.',
    why: 'MLflow 2.11 (PR #11035) removed the variable; retries of OpenAI calls are the OpenAI client\'s business now.',
    example: 'MLFLOW_OPENAI_RETRIES_ENABLED=false',
    useInstead: '# (nothing)',
    fixSafety: 'Safe: removing a setting nothing reads. The fix deletes a line that only sets this variable (`.env`, `export`, a single-variable `ENV`, a YAML entry with siblings); elsewhere, and in Python, the finding has no fix.',
    references: [{ title: 'mlflow/mlflow#11035', url: 'https://github.com/mlflow/mlflow/pull/11035' }],
  },
  checks: [environmentNameCheck('MLF604')],
});
