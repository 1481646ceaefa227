import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import type { Scope } from '../src/semantic/scope.js';
import { callsInScope, insideStartRun, logsNamedModel, moduleLevelCallsOf, scopeBody, START_RUN, startsRunBefore } from '../src/engine/checks/modelLogging.js';
import { contextIn } from '../src/engine/checks/stringValue.js';
import { DOCS } from './shared.js';

const RUN_READERS = ['mlflow.active_run', 'mlflow.last_active_run'];

export default defineRule({
  code: 'MLF311',
  name: 'log-model-no-implicit-run',
  severity: 'info',
  fix: 'manual',
  item: '#34',
  since: '3.0.0',
  // It only speaks when the code later reads the run: `active_run()`, `last_active_run()` or `.run_id`.
  triggers: ['active_run', 'run_id'],
  docs: {
    summary: 'In MLflow 3.0, `log_model` outside a run no longer starts one.',
    whatItDoes: 'Checks for a `log_model` call (any flavor but Spark, or `mlflow.shap.log_explainer`) made with no run open: at module level outside `with mlflow.start_run():`, or in a function outside such a block whose every call in the module is made with no run open. A `start_run()` outside `with`, or a fluent call that starts a run when none is active and leaves it open (`mlflow.log_param`, `log_metric(s)`, `set_tag(s)`, `log_artifact(s)`, `log_dict`, `get_artifact_uri`, ...), earlier in the same code counts as an open run. It speaks only when the same code later reads the run: `mlflow.active_run()`, `mlflow.last_active_run()`, or `.run_id` of a `ModelInfo`.',
    why: 'MLflow 2 called `_get_or_start_run()` in `Model.log`: the model went into a new run that stayed active. MLflow 3 logs a LoggedModel without a run: `mlflow.active_run()` is then None (`.info` raises `AttributeError`), `mlflow.last_active_run()` returns another run or None, and `model_info.run_id` is None.',
    example: 'info = mlflow.sklearn.log_model(model, "model")\nrun_id = mlflow.active_run().info.run_id',
    useInstead: 'with mlflow.start_run() as run:\n    info = mlflow.sklearn.log_model(model, name="model")\nrun_id = run.info.run_id',
    fixSafety: 'No automatic fix: where the run should start and end is a design decision. A function whose callers are not all visible in the module is not reported (a caller may open the run). `mlflow.spark.log_model` still starts a run and is not reported.',
    references: [DOCS.migrationGuide],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !logsNamedModel(ctx.api, callee)) return;
  if (!readsRunLater(call, ctx) || runMayBeOpen(call, ctx)) return;
  ctx.report({
    node: call.childForFieldName('function')!,
    message: '`log_model` outside a run no longer starts one in MLflow 3, but the run is read afterwards',
    help: 'Wrap the logging in `with mlflow.start_run():` and use that run (or `model_info.model_uri`)',
  });
}

/**
 * After the call, in the same scope, with no run started in between: `mlflow.active_run()`,
 * `mlflow.last_active_run()`, `<ModelInfo>.run_id`.
 */
function readsRunLater(call: SyntaxNode, ctx: CheckContext): boolean {
  const { reads, runStarts } = runUseIn(ctx);
  return reads.some((read) => read.startIndex > call.endIndex && !insideStartRun(read, ctx)
    && !runStarts.some((start) => start > call.endIndex && start < read.startIndex));
}

interface RunUse {
  /** Calls of the run readers and `.run_id` of a `ModelInfo`, in the scope (not in nested definitions). */
  reads: SyntaxNode[];
  /** Where the scope's `start_run()` calls begin. */
  runStarts: number[];
}

/** Found once per scope: a function with many `log_model` calls is not walked again for each. */
const runUseByScope = new WeakMap<Scope, RunUse>();

function runUseIn(ctx: CheckContext): RunUse {
  let use = runUseByScope.get(ctx.scope);
  if (use) return use;
  const readers = RUN_READERS.map((r) => ctx.canonical(r));
  const calls = callsInScope(ctx.scope);
  const reads = calls.filter((c) => readers.includes(ctx.calleeName(c) ?? ''));
  const stack = [scopeBody(ctx.scope)];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'run_id') {
      const object = n.childForFieldName('object');
      if (object && ctx.isInstanceOf(object, CLASS.ModelInfo)) reads.push(n);
    }
    stack.push(...n.namedChildren);
  }
  use = { reads, runStarts: calls.filter((c) => ctx.calleeName(c) === START_RUN).map((c) => c.startIndex) };
  runUseByScope.set(ctx.scope, use);
  return use;
}

/** A run may be open around the call: a `with start_run`, an earlier `start_run()`, or an unknown caller. */
function runMayBeOpen(call: SyntaxNode, ctx: CheckContext): boolean {
  if (insideStartRun(call, ctx) || startsRunBefore(call.startIndex, ctx)) return true;
  if (ctx.scope.kind === 'module') return false;
  return !allCallersRunless(ctx.scope, ctx);
}

/**
 * A module-level function whose every use in the module is a call made at module level, with no
 * run open there. Nested functions, methods, and functions used as values have unknown callers.
 */
function allCallersRunless(fn: Scope, ctx: CheckContext): boolean {
  // The same for every call in the function: it walks the module, so once per function.
  let known = runlessCallers.get(fn);
  if (known === undefined) runlessCallers.set(fn, (known = findAllCallersRunless(fn, ctx)));
  return known;
}

const runlessCallers = new WeakMap<Scope, boolean>();

function findAllCallersRunless(fn: Scope, ctx: CheckContext): boolean {
  const calls = moduleLevelCallsOf(fn, ctx);
  if (!calls?.length) return false;
  const moduleCtx = contextIn(ctx, fn.parent!);
  return calls.every((call) => !insideStartRun(call, moduleCtx) && !startsRunBefore(call.startIndex, moduleCtx));
}
