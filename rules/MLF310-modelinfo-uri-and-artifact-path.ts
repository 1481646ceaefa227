import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { artifactReaderArguments, callOfArgument, getArtifactUriCall, isRunArtifactRoot, isSparkModelInfo } from '../src/engine/checks/modelLocation.js';
import { exactString, stringParts } from '../src/engine/checks/stringValue.js';
import { positionalArguments } from '../src/engine/syntax.js';
import { DOCS } from './shared.js';

/** String methods that take a URI apart, whatever their argument. */
const SPLITTING_METHODS = new Set(['split', 'rsplit', 'partition', 'rpartition']);
/**
 * Methods that test or strip a prefix or a suffix: parsing when the part is a run URI's
 * (`startswith("runs:/")`, `replace("runs:/", "")`) or a path's (`endswith("/model")`), not when it
 * is MLflow 3's own (`startswith("models:/")`) or unknown.
 */
const PREFIX_METHODS = new Set(['startswith', 'replace', 'removeprefix', 'lstrip']);
const SUFFIX_METHODS = new Set(['endswith', 'removesuffix', 'rstrip']);
const RUNS_ARTIFACT_REPOSITORY = 'mlflow.store.artifact.runs_artifact_repo.RunsArtifactRepository';
const URI_PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit']);
const PATH_JOINS = new Set(['os.path.join', 'posixpath.join']);

export default defineRule({
  code: 'MLF310',
  name: 'modelinfo-uri-and-artifact-path',
  severity: 'warning',
  fix: 'manual',
  item: '#33',
  since: '3.0.0',
  triggers: ['model_uri', 'artifact_path'],
  docs: {
    summary: '`ModelInfo.model_uri` is `models:/<model_id>` and `ModelInfo.artifact_path` a full URI in MLflow 3.0; code that takes them apart as run paths breaks.',
    whatItDoes: 'Checks `ModelInfo` objects (from any flavor\'s `log_model`, `mlflow.models.get_model_info`, ...) for `model_uri` being parsed (`.split("/")`, slicing, `urlparse`, `RunsArtifactRepository`, or tested and stripped against a part of a run URI: `.startswith("runs:/")`, `.replace("runs:/", "")`, `.endswith("/model")`; not against the `models:/` of MLflow 3) and for `artifact_path` used as a run-relative path (joined with `/` in an f-string or by `+`, `os.path.join`, `mlflow.get_artifact_uri(...)`, the artifact download/list APIs, or compared with a string).',
    why: 'In MLflow 2, `model_uri` was `runs:/<run_id>/<artifact_path>` and `artifact_path` the run-relative name (`"model"`). MLflow 3 logs models as LoggedModels: `model_uri` is `models:/<model_id>` and `artifact_path` is the model\'s full artifact location (`.../models/<model_id>/artifacts`). Splitting the URI yields no run id, and `f"runs:/{info.run_id}/{info.artifact_path}"` is no model URI at all. Not in the breaking-changes page.',
    example: 'info = mlflow.sklearn.log_model(model, "model")\nrun_id = info.model_uri.split("/")[1]\nuri = f"runs:/{info.run_id}/{info.artifact_path}"',
    useInstead: 'info = mlflow.sklearn.log_model(model, name="model")\nrun_id = info.run_id\nuri = info.model_uri',
    fixSafety: 'No automatic fix: use `model_info.model_uri` as an opaque URI and `model_info.run_id` / `model_info.model_id` for the ids. A `ModelInfo` of `mlflow.spark.log_model` (still run-based) is not reported.',
    references: [DOCS.migrationGuide],
  },
  checks: [{ kind: 'custom', nodeTypes: ['attribute'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute')?.text;
  const object = node.childForFieldName('object');
  if ((attr !== 'model_uri' && attr !== 'artifact_path') || !object) return;
  if (!ctx.isInstanceOf(object, CLASS.ModelInfo) || isSparkModelInfo(object, ctx)) return;
  if (attr === 'model_uri' && parsesUri(node, ctx)) {
    ctx.report({
      node,
      message: '`ModelInfo.model_uri` is `models:/<model_id>` in MLflow 3, not `runs:/<run_id>/<path>`: parsing it for run ids or paths breaks',
      help: 'Use the URI as is; read ids from `model_info.run_id` / `model_info.model_id`',
    });
  } else if (attr === 'artifact_path' && usedAsRunPath(node, ctx)) {
    ctx.report({
      node,
      message: '`ModelInfo.artifact_path` is the model\'s full artifact URI in MLflow 3, not a path inside the run',
      help: 'Use `model_info.model_uri` to load, register or download the model',
    });
  }
}

/** `info.model_uri.split("/")`, `info.model_uri[6:]`, `urlparse(info.model_uri)`, `RunsArtifactRepository.parse_runs_uri(info.model_uri)`. */
function parsesUri(node: SyntaxNode, ctx: CheckContext): boolean {
  const parent = node.parent;
  if (parent?.type === 'attribute' && parent.parent?.type === 'call') {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    if (SPLITTING_METHODS.has(method)) return true;
    if (PREFIX_METHODS.has(method) || SUFFIX_METHODS.has(method)) return takesRunPart(parent.parent, SUFFIX_METHODS.has(method), ctx);
  }
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.startIndex === node.startIndex) return true;
  const call = callOfArgument(node);
  if (!call) return false;
  const fn = call.childForFieldName('function')!;
  const callee = ctx.calleeName(call) ?? '';
  return URI_PARSERS.has(ctx.importedPath(fn) ?? '') || callee === RUNS_ARTIFACT_REPOSITORY || callee.startsWith(`${RUNS_ARTIFACT_REPOSITORY}.`);
}

/** The first argument is (a tuple of) text naming a run URI's part: `"runs:/"`, or for a suffix a path (`"/model"`). */
function takesRunPart(call: SyntaxNode, suffix: boolean, ctx: CheckContext): boolean {
  const first = positionalArguments(call)[0];
  if (!first) return false;
  const options = first.type === 'tuple' ? first.namedChildren : [first];
  return options.some((option) => {
    const text = exactString(option, ctx);
    return text !== undefined && (text.includes('runs:') || (suffix && text.includes('/')));
  });
}

/** `f"runs:/{id}/{info.artifact_path}"`, `root + "/" + info.artifact_path`, `mlflow.get_artifact_uri(info.artifact_path)`, `info.artifact_path == "model"`. */
function usedAsRunPath(node: SyntaxNode, ctx: CheckContext): boolean {
  const parent = node.parent;
  if (parent?.type === 'interpolation') return joinedAsPath(parent);
  if (parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '+') return concatenatedAsPath(node, parent, ctx);
  if (parent?.type === 'comparison_operator') return parent.namedChildren.some((c) => c.type === 'string');
  const call = callOfArgument(node);
  if (!call) return false;
  if (PATH_JOINS.has(ctx.importedPath(call.childForFieldName('function')!) ?? '')) return true;
  const uriCall = getArtifactUriCall(call, ctx);
  if (uriCall?.path?.value.startIndex === node.startIndex) return true;
  const reader = artifactReaderArguments(call, ctx);
  return reader?.path?.value.startIndex === node.startIndex;
}

/** `f"runs:/{id}/{info.artifact_path}"`: a `/` next to the value (a message such as `f"saved to {x}"` is not a path). */
function joinedAsPath(interpolation: SyntaxNode): boolean {
  const string = interpolation.parent;
  if (string?.type !== 'string') return false;
  const text = string.text;
  const before = text.slice(0, interpolation.startIndex - string.startIndex);
  const after = text.slice(interpolation.endIndex - string.startIndex);
  return before.endsWith('/') || after.startsWith('/');
}

/** `root + "/" + info.artifact_path`, `run.info.artifact_uri + info.artifact_path`. */
function concatenatedAsPath(node: SyntaxNode, plus: SyntaxNode, ctx: CheckContext): boolean {
  const isLeft = plus.childForFieldName('left')?.startIndex === node.startIndex;
  const other = plus.childForFieldName(isLeft ? 'right' : 'left');
  if (!other) return false;
  if (isRunArtifactRoot(other, ctx)) return true;
  const parts = stringParts(other, ctx);
  const adjacent = parts?.[isLeft ? 0 : parts.length - 1];
  return !!adjacent && 'text' in adjacent && (isLeft ? adjacent.text.startsWith('/') : adjacent.text.endsWith('/'));
}
