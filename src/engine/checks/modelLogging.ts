import type { SyntaxNode } from '../../parser/types.js';
import type { MlflowApi } from '../../semantic/apiIndex.js';
import { returnsModelInfo } from '../../semantic/mlflowTypes.js';
import type { Scope } from '../../semantic/scope.js';
import type { CheckContext } from '../context.js';
import { boundArgument, sourceParams, targetParams, type BoundArgument } from './binding.js';
import { exactString, literalPieces } from './stringValue.js';
import { keywordArgument } from '../syntax.js';

/**
 * What several model rules share: which calls log a model, under which name, in which scope, and
 * whether a run is open around them. Facts come from the API index (signatures of both versions).
 */

export const SPARK_LOG_MODEL = 'mlflow.spark.log_model';
export const START_RUN = 'mlflow.tracking.fluent.start_run';

const namedModelCache = new WeakMap<MlflowApi, Map<string, boolean>>();

/**
 * Does the (canonical) function log a model whose name MLflow 3 takes as `name=`? Every flavor's
 * `log_model` and `mlflow.shap.log_explainer`: the source signature has `artifact_path` and the
 * target one `name`. Not `mlflow.spark.log_model` (no `name` at 3.4), nor removed flavors.
 */
export function logsNamedModel(api: MlflowApi, canonical: string): boolean {
  let cache = namedModelCache.get(api);
  if (!cache) namedModelCache.set(api, (cache = new Map()));
  let result = cache.get(canonical);
  if (result === undefined) cache.set(canonical, (result = computeLogsNamedModel(api, canonical)));
  return result;
}

function computeLogsNamedModel(api: MlflowApi, canonical: string): boolean {
  if (!returnsModelInfo(canonical)) return false;
  if (!sourceParams(api, canonical)?.some((p) => p.name === 'artifact_path')) return false;
  const target = targetParams(api, canonical);
  return !!target?.some((p) => p.name === 'name');
}

/** The argument naming the logged model: `artifact_path` (keyword or position of the source signature), else `name=`. */
export function modelNameArgument(call: SyntaxNode, canonical: string, api: MlflowApi): BoundArgument | undefined {
  return boundArgument(call, sourceParams(api, canonical), 'artifact_path') ?? boundArgument(call, undefined, 'name');
}

/** The code a scope runs itself: its body without nested functions, classes and lambdas. */
export function scopeBody(scope: Scope): SyntaxNode {
  return scope.kind === 'function' ? scope.node.childForFieldName('body') ?? scope.node : scope.node;
}

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);
const callsCache = new WeakMap<Scope, SyntaxNode[]>();

/** Calls made directly by a scope's own code, in source order (comprehensions included). */
export function callsInScope(scope: Scope): SyntaxNode[] {
  let calls = callsCache.get(scope);
  if (calls) return calls;
  calls = [];
  const stack = [scopeBody(scope)];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'call') calls.push(n);
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const child = n.namedChildren[i]!;
      if (!NESTED_SCOPES.has(child.type)) stack.push(child);
    }
  }
  calls.sort((a, b) => a.startIndex - b.startIndex);
  callsCache.set(scope, calls);
  return calls;
}

/** A model logged in a scope: the call, its literal name (when known), and whether it is a Spark model. */
export interface LoggedModel {
  call: SyntaxNode;
  name?: string;
  spark: boolean;
  /** The identifier the model name is passed in, when it is not a known string. */
  nameVariable?: SyntaxNode;
}

const loggedCache = new WeakMap<Scope, LoggedModel[]>();

/** The `log_model` calls of the context's scope (`ctx.scope`). */
export function loggedModels(ctx: CheckContext): LoggedModel[] {
  let models = loggedCache.get(ctx.scope);
  if (models) return models;
  models = [];
  for (const call of callsInScope(ctx.scope)) {
    const callee = ctx.calleeName(call);
    if (!callee) continue;
    const spark = callee === SPARK_LOG_MODEL;
    if (!spark && !logsNamedModel(ctx.api, callee)) continue;
    const arg = modelNameArgument(call, callee, ctx.api);
    const name = arg ? exactString(arg.value, ctx) : undefined;
    // A name held in a variable (`artifact_path=path`): the same variable read later names the model.
    const nameVariable = arg && name === undefined && arg.value.type === 'identifier' ? arg.value : undefined;
    models.push({ call, name, nameVariable, spark });
  }
  loggedCache.set(ctx.scope, models);
  return models;
}

/**
 * Is `path` (run-relative, e.g. `model` or `model/MLmodel`) under a model that this scope logs
 * with a non-Spark flavor (and no Spark model of that name)? Spark models still live in the run.
 */
export function isLoggedModelPath(path: string | undefined, ctx: CheckContext): boolean {
  const models = modelsAt(path, ctx);
  return models.length > 0 && models.every((m) => !m.spark);
}

/**
 * Is this expression the variable a non-Spark `log_model` call of the scope took its name from,
 * holding the same value (`log_model(m, artifact_path=path)` ... `get_artifact_uri(path)`)?
 */
export function isLoggedModelVariable(node: SyntaxNode, ctx: CheckContext): boolean {
  if (node.type !== 'identifier') return false;
  const here = ctx.model.candidatesOf(node, ctx.scope);
  if (here.length === 0) return false;
  return loggedModels(ctx).some((m) => {
    if (m.spark || !m.nameVariable || m.nameVariable.text !== node.text) return false;
    const there = ctx.model.candidatesOf(m.nameVariable, ctx.scope);
    return there.length === here.length && there.every((b, i) => b === here[i]);
  });
}

/**
 * The calls of a module-level function, when every use of its name in the module is a call made
 * by module-level code and bound to it; undefined when a use is anything else (a call from another
 * function, the function passed as a value): its callers are then unknown.
 */
export function moduleLevelCallsOf(fn: Scope, ctx: CheckContext): SyntaxNode[] | undefined {
  const module = fn.parent;
  const name = fn.node.childForFieldName('name');
  if (fn.kind !== 'function' || module?.kind !== 'module' || !name) return undefined;
  const moduleCalls = new Set(callsInScope(module).map((c) => c.startIndex));
  const calls: SyntaxNode[] = [];
  for (const id of identifiersNamed(module.node, name.text)) {
    if (id.startIndex === name.startIndex) continue;
    const call = id.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== id.startIndex) return undefined;
    if (!moduleCalls.has(call.startIndex)) return undefined; // called from another function
    const r = ctx.model.resolveIdentifier(id, module);
    if (r.kind !== 'binding' || r.binding.node.startIndex !== fn.node.startIndex) return undefined;
    calls.push(call);
  }
  return calls;
}

function identifiersNamed(root: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      if (n.text === name && !isMemberOrKeywordName(n)) out.push(n);
      continue;
    }
    stack.push(...n.namedChildren);
  }
  return out;
}

/** `obj.name` and `f(name=...)` spell the name without referring to the function. */
function isMemberOrKeywordName(id: SyntaxNode): boolean {
  const parent = id.parent;
  if (parent?.type === 'attribute') return parent.childForFieldName('attribute')?.startIndex === id.startIndex;
  if (parent?.type === 'keyword_argument') return parent.childForFieldName('name')?.startIndex === id.startIndex;
  return false;
}

/** Fluent and client calls that upload files into a run's artifacts (`artifact_path` names where). */
const ARTIFACT_UPLOADS = new Set(['mlflow.tracking.fluent.log_artifact', 'mlflow.tracking.fluent.log_artifacts',
  'mlflow.tracking.client.MlflowClient.log_artifact', 'mlflow.tracking.client.MlflowClient.log_artifacts']);

/**
 * Is `path` under artifacts this scope uploads itself (`mlflow.log_artifacts(local_dir,
 * artifact_path="model")` of a model saved with `save_model`)? Those stay in the run in MLflow 3.
 */
export function isUploadedArtifactPath(path: string | undefined, ctx: CheckContext): boolean {
  const head = headOf(path);
  if (!head) return false;
  return callsInScope(ctx.scope).some((call) => {
    const callee = ctx.calleeName(call);
    if (!callee || !ARTIFACT_UPLOADS.has(callee)) return false;
    const arg = boundArgument(call, sourceParams(ctx.api, callee), 'artifact_path');
    return !!arg && headOf(exactString(arg.value, ctx)) === head;
  });
}

/** Is `path` under a model this scope logs with `mlflow.spark.log_model`? */
export function isSparkModelPath(path: string | undefined, ctx: CheckContext): boolean {
  return modelsAt(path, ctx).some((m) => m.spark);
}

/** The first segment of a run-relative path: `model` of `/model/MLmodel`. */
function headOf(path: string | undefined): string | undefined {
  return path?.replace(/^\/+/, '').split('/')[0];
}

function modelsAt(path: string | undefined, ctx: CheckContext): LoggedModel[] {
  const head = headOf(path);
  return head ? loggedModels(ctx).filter((m) => m.name === head) : [];
}

/** `with mlflow.start_run(...)` (any alias) around the node, within its scope's own code. */
export function insideStartRun(node: SyntaxNode, ctx: CheckContext): boolean {
  const stop = scopeBody(ctx.scope);
  for (let n = node.parent; n && n !== stop && !(n.startIndex === stop.startIndex && n.type === stop.type); n = n.parent) {
    if (n.type === 'with_statement' && withStartsRun(n, ctx)) return true;
    if (NESTED_SCOPES.has(n.type)) return false;
  }
  return false;
}

function withStartsRun(statement: SyntaxNode, ctx: CheckContext): boolean {
  const clause = statement.namedChildren.find((c) => c.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    if (item.type !== 'with_item') continue;
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = value.namedChildren[0] ?? null;
    if (value?.type === 'call' && ctx.calleeName(value) === START_RUN) return true;
  }
  return false;
}

/**
 * Fluent calls that start a run when none is active (`_get_or_start_run()` in MLflow 2.9.2 and
 * 3.4.0 alike) and leave it open: after `mlflow.log_param(...)` a run is active, and a `log_model`
 * that follows logs into it in MLflow 3 as in MLflow 2. Given an explicit `run_id=` (MLflow 3's
 * loggers take one), they start nothing.
 */
const RUN_STARTING_CALLS = new Set(['log_param', 'log_params', 'log_metric', 'log_metrics', 'set_tag', 'set_tags', 'delete_tag',
  'log_artifact', 'log_artifacts', 'log_text', 'log_dict', 'log_figure', 'log_image', 'log_table', 'log_input', 'get_artifact_uri',
].map((name) => `mlflow.tracking.fluent.${name}`));

/**
 * A call before `index` in the scope that may leave a run open: `mlflow.start_run()` outside a
 * `with` (whose run ends with the block), or a fluent logger that starts one, outside a
 * `with mlflow.start_run():` block.
 */
export function startsRunBefore(index: number, ctx: CheckContext): boolean {
  let first = firstRunStart.get(ctx.scope);
  if (first === undefined) {
    first = callsInScope(ctx.scope).find((c) => leavesRunOpen(c, ctx))?.startIndex ?? Infinity;
    firstRunStart.set(ctx.scope, first);
  }
  return first < index;
}

function leavesRunOpen(call: SyntaxNode, ctx: CheckContext): boolean {
  const callee = ctx.calleeName(call);
  if (callee === START_RUN) return !isWithItem(call);
  return startsRunIfNone(call, ctx) && !insideStartRun(call, ctx);
}

/** A fluent call that starts a run when none is active, and leaves it open (`mlflow.log_param(...)`). */
export function startsRunIfNone(call: SyntaxNode, ctx: CheckContext): boolean {
  const callee = ctx.calleeName(call);
  return !!callee && RUN_STARTING_CALLS.has(callee) && !keywordArgument(call, 'run_id');
}

/** Where a scope's first call that may leave a run open begins (calls are in source order): one scan per scope, not per call. */
const firstRunStart = new WeakMap<Scope, number>();

function isWithItem(call: SyntaxNode): boolean {
  const parent = call.parent?.type === 'as_pattern' ? call.parent.parent : call.parent;
  return parent?.type === 'with_item';
}

/** Functions that load a logged model from a URI (their `model_uri` parameter). */
const EVALUATE = 'mlflow.models.evaluate';
const MODEL_LOADERS = /\.(load_model|load_pyfunc|spark_udf|load_explainer|get_model_info)$/;

/** The `model_uri` argument of a model-loading call (`mlflow.<flavor>.load_model`, `spark_udf`, ...). */
export function loadedModelUri(call: SyntaxNode, ctx: CheckContext): { callee: string; arg: BoundArgument } | undefined {
  const callee = ctx.calleeName(call);
  if (!callee) return undefined;
  // `mlflow.evaluate(model="runs:/...")` loads the model from that URI too.
  const parameter = MODEL_LOADERS.test(callee) ? 'model_uri' : callee === ctx.canonical(EVALUATE) ? 'model' : undefined;
  if (!parameter) return undefined;
  const arg = boundArgument(call, sourceParams(ctx.api, callee), parameter);
  return arg ? { callee, arg } : undefined;
}

/** Characters MLflow 3 rejects in a logged model's name (`utils/validation.py`, checked at log time). */
const FORBIDDEN_NAME_CHARS = /[/:.%"']/;

/** The literal piece of a model name that holds a character MLflow 3 rejects (`"models/rf"`, `f"{x}.pkl"`). */
export function invalidNamePiece(value: SyntaxNode, ctx: CheckContext): string | undefined {
  return literalPieces(value, ctx).find((piece) => FORBIDDEN_NAME_CHARS.test(piece));
}
