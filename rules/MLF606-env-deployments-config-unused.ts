import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF606',
  name: 'env-deployments-config-unused',
  severity: 'error',
  fix: 'safe',
  item: '#49',
  since: '3.0.0',
  triggers: ['MLFLOW_DEPLOYMENTS_CONFIG'],
  docs: {
    summary: '`MLFLOW_DEPLOYMENTS_CONFIG` went with `mlflow deployments start-server` in MLflow 3.0; `mlflow gateway start` reads `MLFLOW_GATEWAY_CONFIG`.',
    whatItDoes: 'Reports `MLFLOW_DEPLOYMENTS_CONFIG` in environment files, scripts, Makefiles, Dockerfiles, YAML and Python environment access.',
    why: 'The variable was the default of `start-server --config-path`. MLflow 3.0 (PR #15327) removed that command; the variable is still defined but nothing reads it, so a gateway started from it finds no configuration.',
    example: 'export MLFLOW_DEPLOYMENTS_CONFIG=gateway.yaml\nmlflow deployments start-server --port 7000',
    useInstead: 'export MLFLOW_GATEWAY_CONFIG=gateway.yaml\nmlflow gateway start --port 7000',
    fixSafety: 'Safe together with MLF208 in a file that runs `mlflow deployments start-server` (both are rewritten). Elsewhere (an `.env` file, Python) the rename is unsafe: whatever starts the gateway must be migrated too.',
    references: [DOCS.breakingChanges, DOCS.pr(15327)],
  },
  checks: [environmentNameCheck('MLF606', { applicability: 'unsafe' })],
});
