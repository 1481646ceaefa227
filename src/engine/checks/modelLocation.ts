import type { SyntaxNode } from '../../parser/types.js';
import { CLASS } from '../../semantic/mlflowTypes.js';
import type { CheckContext } from '../context.js';
import { boundArgument, sourceParams, type BoundArgument } from './binding.js';
import { SPARK_LOG_MODEL } from './modelLogging.js';
import { resolveValue, type StringPart } from './stringValue.js';

/**
 * Where code expects a logged model to live. MLflow 2 stored it under the run's artifacts
 * (`<run artifact root>/<artifact_path>`, `runs:/<run_id>/<artifact_path>`); MLflow 3 stores it
 * as a LoggedModel (`models:/<model_id>`) outside the run. These helpers read the paths and URIs
 * code builds, so the rules can tell a model path from any other artifact path.
 */

const PLACEHOLDER = '\u0000';

function flatten(parts: readonly StringPart[]): string {
  return parts.map((p) => ('text' in p ? p.text : PLACEHOLDER)).join('');
}

/** The run-relative path of a `runs:/<run_id>/<path>` URI (`model` of `f"runs:/{rid}/model"`); undefined if not one. */
export function runsUriPath(parts: readonly StringPart[]): string | undefined {
  const text = flatten(parts);
  if (!text.startsWith('runs:/')) return undefined;
  const rest = text.slice('runs:/'.length).replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(slash + 1);
}

/** The head segment of a run-relative path, when it is literal (`model` of `model/MLmodel`). */
export function pathHead(path: string | undefined): string | undefined {
  const head = path?.replace(/^\/+/, '').split('/')[0];
  return head && !head.includes(PLACEHOLDER) ? head : undefined;
}

const GET_ARTIFACT_URI = ['mlflow.tracking.fluent.get_artifact_uri', 'mlflow.tracking.artifact_utils.get_artifact_uri'];

/** `mlflow.get_artifact_uri(...)` (fluent, or `artifact_utils` with a run id): its `artifact_path` argument, if any. */
export function getArtifactUriCall(node: SyntaxNode, ctx: CheckContext): { path?: BoundArgument } | undefined {
  if (node.type !== 'call') return undefined;
  const callee = ctx.calleeName(node);
  if (!callee || !GET_ARTIFACT_URI.includes(callee)) return undefined;
  const path = boundArgument(node, sourceParams(ctx.api, callee), 'artifact_path');
  return { path: path?.value.type === 'none' ? undefined : path };
}

/** The root of a run's artifacts: `<run>.info.artifact_uri`, `mlflow.get_artifact_uri()`. */
export function isRunArtifactRoot(node: SyntaxNode, ctx: CheckContext): boolean {
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    return node.childForFieldName('attribute')?.text === 'artifact_uri' && !!object && ctx.isInstanceOf(object, CLASS.RunInfo);
  }
  const call = getArtifactUriCall(node, ctx);
  return !!call && !call.path;
}

/** The path a string builds under a run's artifact root (`model` of `f"{run.info.artifact_uri}/model"`). */
export function artifactRootPath(parts: readonly StringPart[], ctx: CheckContext): string | undefined {
  const first = parts[0];
  if (!first || 'text' in first || !first.expr || !isRunArtifactRoot(first.expr, ctx)) return undefined;
  const rest = flatten(parts.slice(1));
  return rest.startsWith('/') ? rest.slice(1) : undefined;
}

const REGISTRATION: Record<string, string> = {
  'mlflow.register_model': 'model_uri',
  'mlflow.tracking.MlflowClient.create_model_version': 'source',
};

/** The URI argument of a model registration (`mlflow.register_model(model_uri)`, `create_model_version(source=)`). */
export function registeredSource(call: SyntaxNode, ctx: CheckContext): BoundArgument | undefined {
  const callee = ctx.calleeName(call);
  if (!callee) return undefined;
  const parameter = Object.entries(REGISTRATION).find(([name]) => ctx.canonical(name) === callee)?.[1];
  return parameter ? boundArgument(call, sourceParams(ctx.api, callee), parameter) : undefined;
}

/** Artifact APIs that read a run's artifacts: their run-relative path and artifact URI arguments. */
const ARTIFACT_READERS: Record<string, { path: string; uri?: string }> = {
  'mlflow.artifacts.download_artifacts': { path: 'artifact_path', uri: 'artifact_uri' },
  'mlflow.artifacts.list_artifacts': { path: 'artifact_path', uri: 'artifact_uri' },
  'mlflow.tracking.MlflowClient.download_artifacts': { path: 'path' },
  'mlflow.tracking.MlflowClient.list_artifacts': { path: 'path' },
};

export function artifactReaderArguments(call: SyntaxNode, ctx: CheckContext): { path?: BoundArgument; uri?: BoundArgument } | undefined {
  const callee = ctx.calleeName(call);
  if (!callee) return undefined;
  const spec = Object.entries(ARTIFACT_READERS).find(([name]) => ctx.canonical(name) === callee)?.[1];
  if (!spec) return undefined;
  const params = sourceParams(ctx.api, callee);
  return { path: boundArgument(call, params, spec.path), uri: spec.uri ? boundArgument(call, params, spec.uri) : undefined };
}

/** Is the node the value of one of the call's arguments (`f(node)`, `f(x=node)`)? Returns the call. */
export function callOfArgument(node: SyntaxNode): SyntaxNode | undefined {
  let p = node.parent;
  if (p?.type === 'keyword_argument') p = p.parent;
  return p?.type === 'argument_list' && p.parent?.type === 'call' ? p.parent : undefined;
}

/** A `ModelInfo` from `mlflow.spark.log_model`: Spark models still live in the run, with `runs:/` URIs. */
export function isSparkModelInfo(node: SyntaxNode, ctx: CheckContext): boolean {
  const { node: value, ctx: at } = resolveValue(node, ctx);
  return value.type === 'call' && at.calleeName(value) === SPARK_LOG_MODEL;
}
