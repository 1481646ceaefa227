import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF905',
  name: 'extras-xethub-removed',
  severity: 'error',
  fix: 'unsafe',
  item: '#59',
  since: '3.3.0',
  triggers: [],
  docs: {
    summary: 'The `xethub` extra of `mlflow` was removed in MLflow 3.3.',
    whatItDoes: 'Reports `mlflow[xethub]` in requirement files, `pyproject.toml`, Poetry / Pipfile extras, conda `pip:` lists, `pip install` lines and notebooks.',
    why: 'MLflow 3.3 (PR #17123) dropped the extra; pip warns and installs `mlflow` without the XetHub artifact plugin, so `xet://` artifact locations stop working.',
    example: 'mlflow[xethub]==2.9.2',
    useInstead: 'mlflow==3.4.0\nmlflow-xethub',
    fixSafety: 'Unsafe: the fix removes the extra; whether the project still needs the plugin (then add `mlflow-xethub` itself) is for a human to decide.',
    references: [DOCS.pr(17123)],
  },
  checks: [],
});
