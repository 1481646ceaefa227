import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { isLoggedModelPath, isLoggedModelVariable, isUploadedArtifactPath, loadedModelUri } from '../src/engine/checks/modelLogging.js';
import {
  artifactReaderArguments, artifactRootPath, callOfArgument, getArtifactUriCall, pathHead, registeredSource, runsUriPath,
} from '../src/engine/checks/modelLocation.js';
import { exactString, resolveValue, stringParts } from '../src/engine/checks/stringValue.js';
import { DOCS } from './shared.js';

const HELP = 'Use the `ModelInfo` that `log_model` returns: `model_info.model_uri` (`models:/<model_id>`) to load or register the model, `mlflow.artifacts.download_artifacts(model_info.model_uri)` for its files';

export default defineRule({
  code: 'MLF309',
  name: 'model-artifacts-location',
  severity: 'warning',
  fix: 'manual',
  item: '#32',
  since: '3.0.0',
  triggers: ['get_artifact_uri', 'artifact_uri', 'download_artifacts', 'list_artifacts'],
  docs: {
    summary: 'MLflow 3.0 no longer stores logged models under the run\'s artifacts; code that looks for them there finds nothing.',
    whatItDoes: 'Checks for code that expects a model logged in the same function (or module) under the run\'s artifacts: `mlflow.get_artifact_uri("<name>")`, `mlflow.artifacts.download_artifacts(run_id=..., artifact_path="<name>")`, `mlflow.artifacts.list_artifacts(...)`, `MlflowClient().download_artifacts/list_artifacts(run_id, "<name>")`, `runs:/<run_id>/<name>` URIs passed to those, and paths built from the run\'s artifact root (`f"{run.info.artifact_uri}/<name>"`, `os.path.join(mlflow.get_artifact_uri(), "<name>")`), where `<name>` is the name given to a `log_model` call of the same scope. Such a run-artifact path or `mlflow.get_artifact_uri("...")` passed to a model loader or to a registration (`create_model_version(source=...)`) is reported whatever the name, unless the same scope uploads files under that name itself (`mlflow.log_artifacts(local_dir, artifact_path="<name>")`), which stay in the run.',
    why: 'MLflow 2 saved a logged model into the run\'s artifacts at `artifact_path`. MLflow 3 creates a LoggedModel and saves it under `<experiment artifact root>/models/<model_id>/artifacts`; the run\'s artifact directory has no `<name>` folder, so these paths point at nothing.',
    example: 'with mlflow.start_run() as run:\n    mlflow.sklearn.log_model(model, "model")\n    model_dir = mlflow.get_artifact_uri("model")\n    client.create_model_version("churn", source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id)',
    useInstead: 'with mlflow.start_run() as run:\n    model_info = mlflow.sklearn.log_model(model, name="model")\n    model_dir = mlflow.artifacts.download_artifacts(model_info.model_uri)\n    mlflow.register_model(model_info.model_uri, "churn")',
    fixSafety: 'No automatic fix: the replacement needs the `ModelInfo` of the `log_model` call. `mlflow.spark.log_model` still stores the model in the run, so paths to a Spark model are not reported; nor are artifact paths that no `log_model` of the scope names.',
    references: [DOCS.migrationGuide, DOCS.mlflow3Faq],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call', 'string', 'binary_operator'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  if (node.type === 'call') visitCall(node, ctx);
  if (isOutermostStringExpression(node)) visitBuiltPath(node, ctx);
}

/** `mlflow.get_artifact_uri("model")` and the artifact readers given a logged model's name. */
function visitCall(call: SyntaxNode, ctx: CheckContext): void {
  const uri = getArtifactUriCall(call, ctx);
  if (uri?.path && (isLoggedModelPath(exactString(uri.path.value, ctx), ctx) || isLoggedModelVariable(uri.path.value, ctx))) {
    ctx.report({ node: call, message: `\`${call.text}\` points into the run's artifacts, where MLflow 3 no longer stores the logged model`, help: HELP });
    return;
  }
  const reader = artifactReaderArguments(call, ctx);
  if (reader) {
    const uriParts = reader.uri && stringParts(reader.uri.value, ctx);
    const path = [reader.path && exactString(reader.path.value, ctx), uriParts && runsUriPath(uriParts)].find((p) => isLoggedModelPath(p, ctx));
    if (path !== undefined) {
      ctx.report({ node: call.childForFieldName('function')!, message: `This reads the logged model \`${pathHead(path)}\` from the run's artifacts, where MLflow 3 no longer stores it`, help: HELP });
    }
    return;
  }
  // A run-artifact location handed to a model loader or to a registration, through a name or directly.
  const target = loadedModelUri(call, ctx)?.arg ?? registeredSource(call, ctx);
  if (!target) return;
  // Where the location is built from a logged model's name, it is reported there already.
  const { node: value, ctx: at } = resolveValue(target.value, ctx);
  const fromUriCall = getArtifactUriCall(value, at);
  const reportedAtUriCall = (path: SyntaxNode) => isLoggedModelPath(exactString(path, at), at) || isLoggedModelVariable(path, at);
  // Files this scope uploads itself (`mlflow.log_artifacts(dir, artifact_path="model")`) stay in the run.
  if (fromUriCall?.path && !reportedAtUriCall(fromUriCall.path.value) && !isUploadedArtifactPath(exactString(fromUriCall.path.value, at), at)) {
    ctx.report({ node: target.value, message: 'This model URI points into the run\'s artifacts (`mlflow.get_artifact_uri`), where MLflow 3 no longer stores logged models', help: HELP });
    return;
  }
  const viaName = value.startIndex !== target.value.startIndex;
  const parts = viaName ? stringParts(value, at) : undefined;
  const path = parts && artifactRootPath(parts, at);
  if (path !== undefined && !isLoggedModelPath(path, at) && !isUploadedArtifactPath(path, at)) {
    ctx.report({ node: target.value, message: 'This model URI is a path under the run\'s artifacts, where MLflow 3 no longer stores logged models', help: HELP });
  }
}

/** `f"{run.info.artifact_uri}/model"`, `mlflow.get_artifact_uri() + "/model"`, `os.path.join(root, "model")`. */
function visitBuiltPath(node: SyntaxNode, ctx: CheckContext): void {
  const parts = stringParts(node, ctx);
  const path = parts && artifactRootPath(parts, ctx);
  if (path === undefined) return;
  const call = callOfArgument(node);
  const consumer = call && (loadedModelUri(call, ctx)?.arg ?? registeredSource(call, ctx));
  const handedOver = consumer?.value.startIndex === node.startIndex;
  const logged = isLoggedModelPath(path, ctx);
  if (!handedOver && !logged) return;
  if (!logged && isUploadedArtifactPath(path, ctx)) return;
  const message = logged
    ? `This path points to the logged model \`${pathHead(path)}\` under the run's artifacts, where MLflow 3 no longer stores it`
    : 'This model location is a path under the run\'s artifacts, where MLflow 3 no longer stores logged models';
  ctx.report({ node, message, help: HELP });
}

/** Only the whole of `a + b + c` (or a string inside it, or a join) is read as one value. */
function isOutermostStringExpression(node: SyntaxNode): boolean {
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text !== '+') return false;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  if (parent?.type === 'concatenated_string') return false;
  return !(parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '+');
}
