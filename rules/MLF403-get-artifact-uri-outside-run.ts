import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { calleeIn } from '../src/engine/checks/callSite.js';
import { moduleLevelCallsOf, startsRunIfNone } from '../src/engine/checks/modelLogging.js';
import { contextIn } from '../src/engine/checks/stringValue.js';
import { DOCS } from './shared.js';

const GET_ARTIFACT_URI = ['mlflow.get_artifact_uri', 'mlflow.tracking.fluent.get_artifact_uri'];
const START_RUN = ['mlflow.start_run', 'mlflow.tracking.fluent.start_run'];
const END_RUN = ['mlflow.end_run', 'mlflow.tracking.fluent.end_run'];
const ACTIVE_RUN = ['mlflow.active_run', 'mlflow.tracking.fluent.active_run'];
const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

export default defineRule({
  code: 'MLF403',
  name: 'get-artifact-uri-outside-run',
  severity: 'info',
  fix: 'manual',
  item: '#65',
  since: '3.0.0',
  triggers: ['get_artifact_uri'],
  docs: {
    summary: '`mlflow.get_artifact_uri()` without an active run warns in MLflow 3.0 (and still starts a run).',
    whatItDoes: 'Checks for `mlflow.get_artifact_uri(...)` calls that are not visibly inside a run: not in a `with mlflow.start_run():` block, not after a `mlflow.start_run()` call earlier in the same code path, nor after a fluent call that starts a run when none is active (`mlflow.log_param`, `log_metric`, `set_tag`, `log_artifact`, an earlier `get_artifact_uri`, ...; with no `mlflow.end_run()` or finished `with mlflow.start_run():` block in between), and not under an `if mlflow.active_run():` test.',
    why: 'Without an active run the call silently started one in 2.x; since 3.0 (PR #12902) it also warns. A run started this way stays open, and its artifacts may not land where the code expects. A helper whose calls in the module are all inside a run is not reported; one whose callers cannot be seen is, as information.',
    example: 'model_dir = mlflow.get_artifact_uri("model")\nmlflow.log_metric("loss", 0.1)',
    useInstead: 'with mlflow.start_run():\n    model_dir = mlflow.get_artifact_uri("model")\n    mlflow.log_metric("loss", 0.1)',
    fixSafety: 'No automatic fix: where the run should start is a design decision.',
    references: [DOCS.breakingChanges, DOCS.pr(12902)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  if (!calleeIn(call, GET_ARTIFACT_URI, ctx) || insideRun(call, ctx) || calledOnlyInsideRuns(ctx)) return;
  ctx.report({
    node: call.childForFieldName('function')!,
    message: '`mlflow.get_artifact_uri()` starts a run (and warns since MLflow 3.0) when no run is active',
    help: 'Call it inside `with mlflow.start_run():`, or pass the run\'s artifact URI explicitly',
  });
}

/**
 * A helper function whose calls in the module are all made inside a run: the call is too. Callers
 * that cannot be seen (other modules, the function passed around) leave it reported, as info.
 */
function calledOnlyInsideRuns(ctx: CheckContext): boolean {
  const calls = ctx.scope.kind === 'function' ? moduleLevelCallsOf(ctx.scope, ctx) : undefined;
  if (!calls?.length) return false;
  const moduleCtx = contextIn(ctx, ctx.scope.parent!);
  return calls.every((call) => insideRun(call, moduleCtx));
}

/** Evidence of an active run around the call, up to the enclosing function or module. */
function insideRun(call: SyntaxNode, ctx: CheckContext): boolean {
  let node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (NESTED_SCOPES.has(parent.type)) return false;
    if (parent.type === 'with_statement' && withStartsRun(parent, ctx)) return true;
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && isBefore(parent.childForFieldName('condition'), node) && containsCall(parent.childForFieldName('condition'), ACTIVE_RUN, ctx)) return true;
    if (parent.type === 'block' || parent.type === 'module') {
      // The nearest earlier statement of this block that starts or ends a run decides:
      // `run = mlflow.start_run()` opens one; `mlflow.end_run()` or a finished `with` block closes it.
      for (let prev = node.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
        if (prev.type === 'with_statement' && withStartsRun(prev, ctx)) return false;
        if (containsCall(prev, END_RUN, ctx)) return false;
        // `mlflow.log_param(...)` & co. start a run when none is active and leave it open.
        if (containsCall(prev, START_RUN, ctx) || containsCallWhere(prev, (c) => startsRunIfNone(c, ctx))) return true;
      }
    }
  }
  return false;
}

function withStartsRun(statement: SyntaxNode, ctx: CheckContext): boolean {
  const clause = statement.namedChildren.find((c) => c.type === 'with_clause');
  return !!clause && clause.namedChildren.some((item) => containsCall(item, START_RUN, ctx));
}

function isBefore(a: SyntaxNode | null, b: SyntaxNode): boolean {
  return !!a && a.endIndex <= b.startIndex;
}

/** A call to one of `names` within `node`, not inside a nested function or class. */
function containsCall(node: SyntaxNode | null, names: string[], ctx: CheckContext): boolean {
  return containsCallWhere(node, (call) => !!calleeIn(call, names, ctx));
}

/** A call within `node` that passes `test`, not inside a nested function or class. */
function containsCallWhere(node: SyntaxNode | null, test: (call: SyntaxNode) => boolean): boolean {
  if (!node) return false;
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (NESTED_SCOPES.has(n.type)) continue;
    if (n.type === 'call' && test(n)) return true;
    stack.push(...n.namedChildren);
  }
  return false;
}
