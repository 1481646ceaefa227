import { environmentNameCheck } from '../src/configfiles/pythonEnv.js';
import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF204',
  name: 'recipes-removed',
  severity: 'error',
  fix: 'manual',
  item: '#16',
  since: '3.0.0',
  triggers: ['recipes', 'MLFLOW_RECIPE_', 'MLFLOW_RECIPES_'],
  docs: {
    summary: 'MLflow Recipes (`mlflow.recipes`) was removed in MLflow 3.0.',
    whatItDoes: 'Checks Python code for every use of `mlflow.recipes`: `from mlflow.recipes import Recipe`, `mlflow.recipes.recipe.Recipe` / `BaseRecipe`, `from mlflow import recipes`, attribute chains and mock targets, and the run-tag constants `mlflow.utils.mlflow_tags.MLFLOW_RECIPE_TEMPLATE_NAME` / `_STEP_NAME` / `_PROFILE_NAME`. It also reports the `MLFLOW_RECIPES_*` variables set or read through `os.environ` / `os.getenv`. (The `mlflow recipes` CLI, the variables in scripts and environment files, and recipe files are separate checks.)',
    why: 'Deprecated in 2.21 and removed in 3.0 (PR #15250): the import fails and the CLI is gone.',
    example: 'from mlflow.recipes import Recipe\nrecipe = Recipe(profile="local")\nrecipe.run("train")',
    useInstead: 'Write the steps as plain code with `mlflow` tracking and registry calls (or MLflow Projects), or keep this project on `mlflow<3`.',
    fixSafety: 'No automatic fix: recipes have no replacement API.',
    references: [DOCS.breakingChanges, DOCS.pr(15250)],
  },
  checks: [
    environmentNameCheck('MLF204'),
    {
      kind: 'removed-module',
      modules: ['mlflow.recipes'],
      message: '`{name}`: MLflow Recipes was removed in MLflow 3.0',
      help: 'Replace the recipe with plain tracking and registry code, or pin `mlflow<3`',
    },
    {
      // The run-tag constants went with recipes; the tags themselves stay on old runs.
      kind: 'moved-symbol',
      symbols: ['TEMPLATE_NAME', 'STEP_NAME', 'PROFILE_NAME'].map((name) => ({ from: `mlflow.utils.mlflow_tags.MLFLOW_RECIPE_${name}` })),
      message: '`{from}` was removed with MLflow Recipes in MLflow 3.0',
      help: 'Write the tag name (`mlflow.pipeline.*`) as a string where old recipe runs are still read',
    },
  ],
});
