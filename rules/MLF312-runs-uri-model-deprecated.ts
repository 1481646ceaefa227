import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { isSparkModelPath, loadedModelUri } from '../src/engine/checks/modelLogging.js';
import { runsUriPath } from '../src/engine/checks/modelLocation.js';
import { resolveValue, stringParts } from '../src/engine/checks/stringValue.js';
import { DOCS } from './shared.js';

/** Spark models are still stored in the run: `runs:/` is their URI. */
const SPARK_LOADERS = ['mlflow.spark.load_model'];

export default defineRule({
  code: 'MLF312',
  name: 'runs-uri-model-deprecated',
  severity: 'warning',
  fix: 'manual',
  item: '#35',
  since: '3.0.0',
  triggers: ['runs:/'],
  docs: {
    summary: 'Loading a logged model through a `runs:/<run_id>/<name>` URI is deprecated in MLflow 3.0.',
    whatItDoes: 'Checks the model URI passed to model loaders (`mlflow.pyfunc.load_model`, every flavor\'s `load_model`, `mlflow.pyfunc.spark_udf`, `mlflow.models.get_model_info`, ..., and the `model` of `mlflow.evaluate` / `mlflow.models.evaluate`) for a `runs:/` URI: a literal, an f-string, a concatenation or `.format` starting with `runs:/`, directly or through a variable.',
    why: 'MLflow 3 stores logged models as LoggedModels addressed by `models:/<model_id>`. `runs:/` URIs still resolve (`RunsArtifactRepository` falls back to the run\'s logged model), but the migration guide and FAQ mark them as deprecated.',
    example: 'model = mlflow.pyfunc.load_model(f"runs:/{run.info.run_id}/model")',
    useInstead: 'model_info = mlflow.sklearn.log_model(model, name="model")\nmodel = mlflow.pyfunc.load_model(model_info.model_uri)',
    fixSafety: 'No automatic fix: the `models:/<model_id>` URI comes from the `ModelInfo` of the `log_model` call (or `mlflow.search_logged_models`). `mlflow.spark.load_model` and URIs naming a Spark model logged in the same scope are not reported (Spark models still live in the run); `mlflow.register_model("runs:/...")` keeps working and is not reported.',
    references: [DOCS.mlflow3Faq, DOCS.migrationGuide],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const loaded = loadedModelUri(call, ctx);
  if (!loaded || SPARK_LOADERS.some((s) => ctx.canonical(s) === loaded.callee)) return;
  const parts = stringParts(loaded.arg.value, ctx);
  const path = parts && runsUriPath(parts);
  if (path === undefined) return;
  const { ctx: at } = resolveValue(loaded.arg.value, ctx);
  if (isSparkModelPath(path, ctx) || isSparkModelPath(path, at)) return;
  ctx.report({
    node: loaded.arg.value,
    message: 'Loading a logged model through a `runs:/` URI is deprecated in MLflow 3',
    help: 'Use the `models:/<model_id>` URI of the logged model: `model_info.model_uri` from `log_model`',
  });
}
