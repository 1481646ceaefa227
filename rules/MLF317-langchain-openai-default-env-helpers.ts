import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

const SYMBOLS = ['langchain', 'openai'].flatMap((flavor) =>
  ['get_default_pip_requirements', 'get_default_conda_env'].map((fn) => ({ from: `mlflow.${flavor}.${fn}`, to: `mlflow.${flavor}.model.${fn}` })),
);

export default defineRule({
  code: 'MLF317',
  name: 'langchain-openai-default-env-helpers',
  severity: 'error',
  fix: 'safe',
  item: '#22',
  since: '3.0.0',
  triggers: ['get_default_pip_requirements', 'get_default_conda_env'],
  docs: {
    summary: '`mlflow.langchain` / `mlflow.openai` no longer export `get_default_pip_requirements` / `get_default_conda_env` in MLflow 3.0.',
    whatItDoes: 'Checks for `get_default_pip_requirements` and `get_default_conda_env` of `mlflow.langchain` and `mlflow.openai`: imports, attribute chains and mock targets.',
    why: 'MLflow 3.0 (PR #15597) moved the flavors\' code into `mlflow.langchain.model` / `mlflow.openai.model` and stopped re-exporting these helpers from the package: the import raises `ImportError`, the attribute `AttributeError`.',
    example: 'from mlflow.langchain import get_default_pip_requirements\nreqs = mlflow.openai.get_default_conda_env()',
    useInstead: 'from mlflow.langchain.model import get_default_pip_requirements\nreqs = mlflow.openai.model.get_default_conda_env()',
    fixSafety: 'Safe: the same functions, at their new path. A `from` import is rewritten when every name it imports moves; attribute chains when spelled from `import mlflow`. The other flavors still export these helpers and are not touched.',
    references: [DOCS.pr(15597)],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: SYMBOLS,
      message: '`{from}` is no longer exported in MLflow 3.0',
      help: 'Use `{to}`',
    },
  ],
});
