import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF614',
  name: 'client-server-version-skew',
  severity: 'warning',
  fix: 'manual',
  item: '#62',
  since: '3.0.0',
  triggers: [],
  docs: {
    summary: 'Two places in one repository install different MLflow major versions.',
    whatItDoes: 'A project-level check over every dependency file and install command: when one pins an MLflow major (e.g. a server Dockerfile on `mlflow==3.4.0`) and another a lower one (a client `requirements.txt` on `mlflow==2.9.2`), the lower pins are reported. Only constraints that fix one major count (`==2.9.2`, `~=2.9`, `>=2.8,<3`); open ranges such as `mlflow>=2.8` do not.',
    why: 'An MLflow 3 client against a 2.x tracking server fails on the new logged-model REST endpoints (`/api/2.0/mlflow/logged-models` returns 404), so `log_model` breaks; the migration guide asks to upgrade server and clients together.',
    example: '# docker/server.Dockerfile\nRUN pip install mlflow==3.4.0\n# requirements.txt\nmlflow==2.9.2',
    useInstead: '# requirements.txt\nmlflow==3.4.0',
    fixSafety: 'No automatic fix: which side moves, and when, is a deployment decision. Fixing the dependency pins (MLF901) usually removes the skew.',
    references: [DOCS.migrationGuide],
  },
  checks: [],
});
