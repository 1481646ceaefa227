import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { invalidNamePiece, logsNamedModel, modelNameArgument } from '../src/engine/checks/modelLogging.js';
import { exactString } from '../src/engine/checks/stringValue.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF302',
  name: 'log-model-name-charset',
  severity: 'error',
  fix: 'manual',
  item: '#25',
  since: '3.0.0',
  triggers: ['log_model', 'log_explainer'],
  docs: {
    summary: 'MLflow 3.0 rejects model names containing `/ : . % " \'` (such as `artifact_path="models/rf"`).',
    whatItDoes: 'Checks the name given to every flavor\'s `log_model` and to `mlflow.shap.log_explainer` (`artifact_path`, by keyword or position, or `name=`) when its literal text, a constant it is assigned from, or the literal parts of an f-string or path join contain `/`, `:`, `.`, `%`, `"` or `\'`.',
    why: 'MLflow 3 creates a LoggedModel named after the argument, and the tracking store validates that name (`utils/validation.py`): the call raises `MlflowException` at log time, even when the value is passed as `artifact_path`. 2.x stored the model under that run-relative path. Not in the breaking-changes page.',
    example: 'mlflow.sklearn.log_model(model, artifact_path="models/random_forest")\nmlflow.pytorch.log_model(net, "model.pth")',
    useInstead: 'mlflow.sklearn.log_model(model, name="random_forest")\nmlflow.pytorch.log_model(net, name="model_pth")',
    fixSafety: 'No automatic fix: the name is part of how other code finds the model (URIs, registry sources, downloads), so the new name is the project\'s choice. `mlflow.spark.log_model` still stores run artifacts under a path and is not checked.',
    references: [DOCS.migrationGuide],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !logsNamedModel(ctx.api, callee)) return;
  const arg = modelNameArgument(call, callee, ctx.api);
  const piece = arg && invalidNamePiece(arg.value, ctx);
  if (!arg || piece === undefined) return;
  const shown = exactString(arg.value, ctx) ?? arg.value.text;
  ctx.report({
    node: arg.value,
    message: `MLflow 3 rejects model names containing \`/ : . % " '\`: \`${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}\``,
    help: 'Choose a name without `/`, `:`, `.`, `%`, `"` or `\'` (and update the code that finds the model by it)',
  });
}
