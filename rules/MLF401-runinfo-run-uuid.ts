import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments, positionalArguments, removeArgumentEdit, splatKeys } from '../src/engine/syntax.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { calleeIn, keywordArguments } from '../src/engine/checks/callSite.js';
import { assignedValue, unwrap } from '../src/engine/checks/valueFlow.js';
import { fileImportsMlflow } from '../src/engine/checks/mlflowFile.js';
import { DOCS } from './shared.js';

const RUN_INFO_PATHS = ['mlflow.entities.RunInfo', 'mlflow.entities.run_info.RunInfo'];

export default defineRule({
  code: 'MLF401',
  name: 'runinfo-run-uuid',
  severity: 'error',
  fix: 'safe*',
  item: '#36',
  since: '3.0.0',
  triggers: ['run_uuid'],
  // `.info.run_uuid` on an unannotated parameter is reported in any MLflow file.
  parseDefinitionsMatching: /run_uuid/,
  docs: {
    summary: '`RunInfo.run_uuid` and `RunInfo(run_uuid=...)` were removed in MLflow 3.0; use `run_id`.',
    whatItDoes: 'Checks for `.run_uuid` reads on `RunInfo` objects (`run.info` of runs from `mlflow.start_run()`, `mlflow.active_run()`, `mlflow.get_run()`, `MlflowClient().get_run()` and the like, `with mlflow.start_run() as run`, parameters annotated `Run` or `RunInfo`), for `.info.run_uuid` chains on untyped receivers in files that import MLflow, and for the `run_uuid` argument of the `RunInfo` constructor.',
    why: 'Deprecated for years and removed in 3.0 (PR #15342): the attribute read raises `AttributeError` and the constructor raises `TypeError`. `run_id` has always held the same value.',
    example: 'with mlflow.start_run() as run:\n    print(run.info.run_uuid)',
    useInstead: 'with mlflow.start_run() as run:\n    print(run.info.run_id)',
    fixSafety: 'Safe on `<run>.info.run_uuid` chains whose run is an MLflow `Run`/`ActiveRun`, and on a `RunInfo` built by the constructor: in 2.9 `run_uuid` returned `run_id`. Unsafe when the `RunInfo` type comes only from an annotation (a protobuf `RunInfo` still has `run_uuid`). In a file that imports MLflow, an `.info.run_uuid` chain on an object of unknown type (a `run` parameter, a loop over results) is reported with an unsafe fix: it is almost always an MLflow run, but a protobuf message would keep `run_uuid`. REST JSON (`resp["run"]["info"]["run_uuid"]`), pandas columns and other attributes named `run_uuid` are never touched. `RunInfo(run_uuid=a, run_id=b)`: the duplicate is dropped (2.9 used `run_id`); safe when both are the same expression.',
    references: [DOCS.breakingChanges, DOCS.pr(15342)],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['attribute'], visit: runUuidRead },
    { kind: 'custom', nodeTypes: ['call'], visit: runInfoConstructor },
  ],
});

/**
 * `<run>.info.run_uuid` and `<run_info>.run_uuid` on receivers typed `RunInfo`; and, in a file that
 * imports MLflow, an `.info.run_uuid` chain on a receiver of unknown type (a `run` parameter, a loop
 * over a client's results): that spelling is MLflow's Run, so it is reported with a fix to review.
 */
function runUuidRead(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute');
  const object = node.childForFieldName('object');
  if (attr?.text !== 'run_uuid' || !object) return;
  if (!ctx.isInstanceOf(object, CLASS.RunInfo)) {
    if (!untypedInfoChain(object, ctx)) return;
    ctx.report({
      node: attr,
      message: '`.info.run_uuid`: `RunInfo.run_uuid` was removed in MLflow 3.0 (if this is an MLflow run)',
      help: 'Use `run_id`',
      fix: { applicability: 'unsafe', edits: [{ start: attr.startIndex, end: attr.endIndex, text: 'run_id' }] },
    });
    return;
  }
  ctx.report({
    node: attr,
    message: '`RunInfo.run_uuid` was removed in MLflow 3.0',
    help: 'Use `run_id`',
    fix: { applicability: builtRunInfo(object, ctx) ? 'safe' : 'unsafe', edits: [{ start: attr.startIndex, end: attr.endIndex, text: 'run_id' }] },
  });
}

/**
 * `x.info` in a file that imports MLflow, where `x` is a name nothing types: an unannotated
 * parameter or a loop variable (`def show(run)`, `for r in client.search_runs(...)`). Names bound to
 * anything else (an instance of the file's own class, a call the model cannot type) stay silent.
 */
function untypedInfoChain(object: SyntaxNode, ctx: CheckContext): boolean {
  const n = unwrap(object);
  if (n.type !== 'attribute' || n.childForFieldName('attribute')?.text !== 'info') return false;
  const receiver = unwrap(n.childForFieldName('object')!);
  if (receiver.type !== 'identifier' || !fileImportsMlflow(ctx) || ctx.typeOf(receiver) !== null) return false;
  const candidates = ctx.model.candidatesOf(receiver, ctx.scope);
  return candidates.length > 0 && candidates.every((b) => (b.kind === 'parameter' && !b.annotation) || (b.kind === 'loop' && !!b.iteratedValue));
}

/**
 * Is this `RunInfo` certainly MLflow's entity: `.info` of a Run/ActiveRun, a `RunInfo(...)` call, or
 * a name assigned from one? An annotation alone may describe a protobuf `RunInfo` (which keeps `run_uuid`).
 */
function builtRunInfo(node: SyntaxNode, ctx: CheckContext, scope = ctx.scope, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 8) return false;
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'info') {
    const run = n.childForFieldName('object')!;
    const type = ctx.model.typeOf(run, scope);
    return ctx.model.isInstanceOf(type, CLASS.Run) || ctx.model.isInstanceOf(type, CLASS.ActiveRun);
  }
  if (n.type === 'call') return !!calleeIn(n, RUN_INFO_PATHS, ctx);
  const value = assignedValue(n, scope, ctx.model);
  return !!value && builtRunInfo(value.node, ctx, value.scope, depth + 1);
}

/** `RunInfo(run_uuid=...)`: renamed `run_id` (2.9 copied `run_uuid` into `run_id` when `run_id` was absent). */
function runInfoConstructor(call: SyntaxNode, ctx: CheckContext): void {
  if (!calleeIn(call, RUN_INFO_PATHS, ctx)) return;
  const keywords = keywordArguments(call);
  const runId = keywords.get('run_id');
  const runUuid = keywords.get('run_uuid');
  const message = '`RunInfo(run_uuid=...)` was removed in MLflow 3.0';
  if (runUuid) {
    const name = runUuid.childForFieldName('name')!;
    if (!runId) {
      ctx.report({ node: name, message, help: 'Rename to `run_id`', fix: { applicability: 'safe', edits: [{ start: name.startIndex, end: name.endIndex, text: 'run_id' }] } });
    } else {
      // Both given: 2.9 kept `run_id`, so `run_uuid` only matters for the side effects of its expression.
      const same = runUuid.childForFieldName('value')?.text === runId.childForFieldName('value')?.text;
      ctx.report({ node: name, message, help: 'Remove the duplicate `run_uuid` (MLflow 2.9 used `run_id`)', fix: { applicability: same ? 'safe' : 'unsafe', edits: [removeArgumentEdit(runUuid)] } });
    }
  }
  for (const key of splatKeys(call)) {
    if (key.name !== 'run_uuid') continue;
    const blocked = !!runId || splatKeys(call).some((k) => k.name === 'run_id');
    ctx.report({ node: key.node, message, help: 'Rename to `run_id`', fix: blocked ? undefined : { applicability: 'safe', edits: [{ start: key.contentStart, end: key.contentEnd, text: 'run_id' }] } });
  }
  // A ninth positional argument was `run_id` in 2.9 and binds to `run_name` now.
  const positional = positionalArguments(call);
  if (positional.length >= 9 && positional.length === callArguments(call).filter((a) => a.type !== 'keyword_argument').length) {
    ctx.report({
      node: positional[8]!,
      message: 'The 9th positional argument of `RunInfo` was `run_id` in MLflow 2.9; without `run_uuid` it now binds to `run_name`',
      help: 'Pass the run id as the first argument and the remaining ones by keyword',
    });
  }
}
