import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF612',
  name: 'auth-password-min-length',
  severity: 'warning',
  fix: 'manual',
  item: '#55',
  since: '2.22.0',
  triggers: [],
  docs: {
    summary: 'Passwords of MLflow\'s basic auth need at least 12 characters since MLflow 2.22.',
    whatItDoes: 'Reports an `admin_password` shorter than 12 characters in the `[mlflow]` section of a basic-auth configuration file (`basic_auth.ini`, or any `.ini` with that section).',
    why: 'Since 2.22 (PR #15287; its title says 8, the code enforces 12) user creation rejects shorter passwords, so the server fails to create the admin user from the 2.9.2 default `password`.',
    example: '[mlflow]\nadmin_username = admin\nadmin_password = password',
    useInstead: '[mlflow]\nadmin_username = admin\nadmin_password = <a secret of 12 characters or more>',
    fixSafety: 'No automatic fix: the password is a secret.',
    references: [{ title: 'mlflow/mlflow#15287', url: 'https://github.com/mlflow/mlflow/pull/15287' }],
  },
  checks: [],
});
