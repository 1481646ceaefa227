import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF903',
  name: 'python-version-floor',
  severity: 'warning',
  fix: 'manual',
  item: '#57',
  since: '',
  triggers: [],
  docs: {
    summary: 'The project admits a Python version the target MLflow does not support.',
    whatItDoes: 'In files that require or install MLflow, checks the Python constraint: `requires-python`, Poetry\'s `python = "^3.9"`, Hatch environments\' `python`, `python_requires` in `setup.py` / `setup.cfg`, Pipfile `python_version`, conda `python=3.9`, `python_env.yaml` `python:`, `FROM python:3.9` in a Dockerfile that installs MLflow, and in CI workflows the Pythons of jobs that install it (`python-version` of `actions/setup-python`, a `python-version` matrix list, `image:` / `container:` `python:3.9`). It reports a constraint that admits a Python older than the target needs: 3.10 for MLflow 3.2 and later (3.9 was dropped in 3.2.0), 3.9 for 2.18–3.1.',
    why: 'pip will not install MLflow 3.4 on Python 3.9; it silently resolves an older MLflow instead, or fails.',
    example: '[project]\nrequires-python = ">=3.9"\ndependencies = ["mlflow>=2.9"]',
    useInstead: '[project]\nrequires-python = ">=3.10"\ndependencies = ["mlflow>=2.9"]',
    fixSafety: 'No automatic fix: raising the Python floor changes who can install the project and which interpreter CI and images use.',
    references: [DOCS.breakingChanges, DOCS.pr(16346)],
  },
  checks: [],
});
