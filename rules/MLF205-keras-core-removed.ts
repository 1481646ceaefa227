import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext, ReportDescriptor } from '../src/engine/context.js';
import { visitDelegated } from '../src/engine/checks/delegate.js';
import { importedItems, replaceModuleEdit } from '../src/engine/checks/importEdits.js';
import { isWithin, REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';
import { defineRule, type RemovedModuleCheck } from '../src/engine/rule.js';
import { keywordArgument, positionalArguments, removeArgumentEdit } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import { DOCS } from './shared.js';

const MODULE = 'mlflow.keras_core';
const CALLBACK = 'mlflow.keras_core.callback.MLflowCallback';

const REMOVED: RemovedModuleCheck = {
  kind: 'removed-module',
  modules: [MODULE],
  message: '`{name}`: `mlflow.keras_core` was removed in MLflow 2.11',
  help: 'Use `mlflow.keras.MlflowCallback` (Keras 3), which takes no `run` argument',
};

/**
 * Detection is the removed-module kind's; the fixes move the callback to `mlflow.keras`:
 * `import mlflow.keras_core` → `import mlflow.keras`, `from mlflow.keras_core[.callback] import
 * MLflowCallback` → `from mlflow.keras import MLflowCallback` (the 3.x alias of `MlflowCallback`),
 * `mlflow.keras_core.MLflowCallback(run, ...)` → `mlflow.keras.MlflowCallback(...)`. Calls of an
 * imported callback name get their own finding for the `run` argument.
 */
function withFix(d: ReportDescriptor, ctx: CheckContext): ReportDescriptor {
  const node = d.node!;
  const parent = node.parent;
  const spelled = node.text.replace(/\s+/g, '');
  let edits: Edit[] | undefined;
  let help = d.help;
  if ((parent?.type === 'import_statement' || parent?.type === 'aliased_import') && spelled === MODULE) {
    edits = [{ start: node.startIndex, end: node.endIndex, text: 'mlflow.keras' }];
    help = 'Import `mlflow.keras` instead';
  } else if (parent?.type === 'import_from_statement' && parent.childForFieldName('module_name')?.startIndex === node.startIndex) {
    const onlyCallback = importedItems(parent).every((item) => (item.type === 'aliased_import' ? item.childForFieldName('name')! : item).text === 'MLflowCallback');
    if (onlyCallback && (spelled === MODULE || spelled === `${MODULE}.callback`)) {
      edits = [replaceModuleEdit(parent, 'mlflow.keras')];
      help = 'Import `MLflowCallback` from `mlflow.keras` and drop `run` from its calls';
    }
  } else if (node.type === 'attribute' && ctx.canonical(ctx.importedPath(node) ?? '') === CALLBACK) {
    edits = chainEdits(node, ctx);
    if (edits) help = 'Use `mlflow.keras.MlflowCallback` without `run`';
  }
  return edits ? { ...d, help, fix: { applicability: 'unsafe', edits } } : d;
}

/** `mlflow.keras_core[.callback].MLflowCallback` spelled from `import mlflow [as m]`, with its call's `run`. */
function chainEdits(chain: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  let head = chain;
  while (head.type === 'attribute') head = head.childForFieldName('object')!;
  const r = head.type === 'identifier' ? ctx.model.resolveIdentifier(head, ctx.scope) : undefined;
  if (r?.kind !== 'binding' || r.binding.importPath !== 'mlflow') return undefined;
  const edits: Edit[] = [{ start: chain.startIndex, end: chain.endIndex, text: `${head.text}.keras.MlflowCallback` }];
  const call = chain.parent;
  if (call?.type === 'call' && call.childForFieldName('function')?.startIndex === chain.startIndex) {
    const run = runArgument(call);
    if (run) edits.push(removeArgumentEdit(run));
  }
  return edits;
}

/** A call of the callback through an imported name: the chain form is fixed with its chain finding. */
function visitCall(call: SyntaxNode, ctx: CheckContext): void {
  const fn = call.childForFieldName('function')!;
  const path = ctx.importedPath(fn);
  if (!path || ctx.canonical(path) !== CALLBACK) return;
  if (fn.type === 'attribute' && !reachedThroughModuleImport(fn, ctx)) return;
  const run = runArgument(call);
  if (!run) return;
  ctx.report({
    node: run,
    message: '`run` was removed: `mlflow.keras.MlflowCallback`, which replaces `mlflow.keras_core.MLflowCallback`, logs to the active run',
    help: 'Remove the `run` argument',
    fix: { applicability: 'unsafe', edits: [removeArgumentEdit(run)] },
  });
}

/** `kc.MLflowCallback` with `import mlflow.keras_core as kc`: the chain itself is not reported. */
function reachedThroughModuleImport(chain: SyntaxNode, ctx: CheckContext): boolean {
  let head = chain;
  while (head.type === 'attribute') head = head.childForFieldName('object')!;
  const r = head.type === 'identifier' ? ctx.model.resolveIdentifier(head, ctx.scope) : undefined;
  return r?.kind === 'binding' && !!r.binding.importPath && isWithin(r.binding.importPath, MODULE);
}

/** The argument bound to `run` (first parameter in 2.9.2): `run=` or the first positional one. */
function runArgument(call: SyntaxNode): SyntaxNode | undefined {
  return keywordArgument(call, 'run') ?? positionalArguments(call)[0];
}

export default defineRule({
  code: 'MLF205',
  name: 'keras-core-removed',
  severity: 'error',
  fix: 'unsafe',
  item: '#17',
  since: '2.11.0',
  triggers: ['keras_core'],
  docs: {
    summary: '`mlflow.keras_core` (`MLflowCallback`) was removed in MLflow 2.11; `mlflow.keras.MlflowCallback` replaces it and takes no `run`.',
    whatItDoes: 'Checks for every use of `mlflow.keras_core` (`MLflowCallback`, `mlflow.keras_core.callback`): imports, attribute chains, mock targets; and for the `run` argument of calls to a callback imported from it. The standalone `keras_core` package is not reported.',
    why: 'Keras Core became Keras 3 and MLflow 2.11 (PR #10830) folded the module into the Keras 3 flavor `mlflow.keras`. The import fails. The new callback has no `run` parameter: it logs to the active run (and a `run` passed positionally would bind to `log_every_epoch`).',
    example: 'from mlflow.keras_core import MLflowCallback\nwith mlflow.start_run() as run:\n    model.fit(x, y, callbacks=[MLflowCallback(run, log_every_n_steps=5)])',
    useInstead: 'from mlflow.keras import MLflowCallback\nwith mlflow.start_run() as run:\n    model.fit(x, y, callbacks=[MLflowCallback(log_every_n_steps=5)])',
    fixSafety: 'Unsafe: without `run` the callback logs to the active run, which differs when the code passed another run than the active one. Imports are rewritten to `mlflow.keras` keeping the `MLflowCallback` name (an alias of `MlflowCallback` in 3.x); chains become `mlflow.keras.MlflowCallback`. `from mlflow import keras_core` and mock targets are reported without a fix.',
    references: [DOCS.pr(10830)],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['call'], visit: visitCall },
    { kind: 'custom', nodeTypes: REFERENCE_NODE_TYPES, onlyReferences: true, visit: (node, ctx) => visitDelegated(REMOVED, node, ctx, { amend: (d) => withFix(d, ctx) }) },
  ],
});
