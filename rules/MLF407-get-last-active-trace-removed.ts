import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule, type MovedSymbolCheck } from '../src/engine/rule.js';
import { visitDelegated } from '../src/engine/checks/delegate.js';
import type { Edit } from '../src/engine/types.js';
import type { Scope } from '../src/semantic/scope.js';
import { DOCS } from './shared.js';

const REMOVED = ['mlflow.get_last_active_trace', 'mlflow.tracing.fluent.get_last_active_trace'];
const message = '`mlflow.get_last_active_trace()` was removed in MLflow 3.0';
const help = 'Use `mlflow.get_trace(mlflow.get_last_active_trace_id())`';

export default defineRule({
  code: 'MLF407',
  name: 'get-last-active-trace-removed',
  severity: 'error',
  fix: 'safe',
  item: 'T4',
  since: '3.0.0',
  triggers: ['get_last_active_trace'],
  // Its fix is withheld when any scope of the file binds one of the names it would import.
  parseDefinitionsMatching: /get_trace|get_last_active_trace_id/,
  docs: {
    summary: '`mlflow.get_last_active_trace()` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for uses of `mlflow.get_last_active_trace` (also imported by name from `mlflow` or `mlflow.tracing.fluent`, and as a `mock.patch` target).',
    why: 'MLflow 3.0 keeps only the id of the last active trace: `mlflow.get_last_active_trace_id()`. The old function is gone, so the call raises `AttributeError` (the import, `ImportError`).',
    example: 'trace = mlflow.get_last_active_trace()',
    useInstead: 'trace = mlflow.get_trace(mlflow.get_last_active_trace_id())',
    fixSafety: 'Safe: both forms return the last trace of this process, or None when there is none. Arguments (`thread_local=`) move to `get_last_active_trace_id`. An imported name is rewritten with its import only when every use of it is a call; a bare reference (`callback = mlflow.get_last_active_trace`) has no fix.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['attribute', 'import_from_statement'], visit },
    // `mock.patch("mlflow.get_last_active_trace")`: patching a missing attribute fails too.
    { kind: 'custom', nodeTypes: ['string'], onlyReferences: true, visit: (node, ctx) => visitDelegated(PATCH_TARGETS, node, ctx, {}) },
  ],
});

const PATCH_TARGETS: MovedSymbolCheck = {
  kind: 'moved-symbol',
  symbols: REMOVED.map((from) => ({ from })),
  message,
  help: 'Patch `mlflow.get_last_active_trace_id` (and `mlflow.get_trace`) instead',
};

function visit(node: SyntaxNode, ctx: CheckContext): void {
  if (node.type === 'import_from_statement') importedName(node, ctx);
  else moduleAttribute(node, ctx);
}

/** `mlflow.get_last_active_trace(...)` through a module alias: the call is rewritten in place. */
function moduleAttribute(node: SyntaxNode, ctx: CheckContext): void {
  const path = ctx.importedPath(node);
  if (!path || !REMOVED.includes(path)) return;
  const object = node.childForFieldName('object')!;
  const module = object.text; // `mlflow`, an alias such as `mf`, or `mlflow.tracing.fluent`
  const call = node.parent?.type === 'call' && node.parent.childForFieldName('function')?.startIndex === node.startIndex ? node.parent : undefined;
  const edits = call && /^[\w.]+$/.test(module) ? callRewrite(call, `${module}.get_trace`, `${module}.get_last_active_trace_id`) : undefined;
  ctx.report({ node, message, help, fix: edits ? { applicability: 'safe', edits } : undefined });
}

/**
 * `from mlflow import get_last_active_trace`: the import fails. Reported once, at the import; the
 * fix imports the two replacements and rewrites every call of the name.
 */
function importedName(statement: SyntaxNode, ctx: CheckContext): void {
  const module = statement.childForFieldName('module_name')?.text.replace(/\s+/g, '');
  if (!module) return;
  for (const item of statement.childrenForFieldName('name')) {
    const name = item.type === 'aliased_import' ? item.childForFieldName('name')! : item;
    if (!REMOVED.includes(`${module}.${name.text}`)) continue;
    const binding = ctx.model.lookup(item.type === 'aliased_import' ? item.childForFieldName('alias')!.text : name.text, ctx.scope, statement.endIndex);
    if (binding.kind === 'binding' && binding.binding.guarded) continue; // a try/except ImportError shim
    const edits = item.type === 'aliased_import' ? undefined : importFix(statement, item, ctx);
    ctx.report({ node: name, message, help, fix: edits ? { applicability: 'safe', edits } : undefined });
  }
}

function importFix(statement: SyntaxNode, item: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  if (statement.parent?.type !== 'module') return undefined;
  const scopes = allScopes(ctx.model.moduleScope);
  // The name must mean the import everywhere, and the new names must be free (or MLflow's already).
  if (scopes.some((s) => (s.bindings.get(item.text)?.length ?? 0) !== (s === ctx.model.moduleScope ? 1 : 0))) return undefined;
  for (const taken of ['get_trace', 'get_last_active_trace_id']) {
    if (scopes.some((s) => s.bindings.get(taken)?.some((b) => b.kind !== 'import' || !b.importPath?.startsWith('mlflow')))) return undefined;
  }
  const edits: Edit[] = [{ start: item.startIndex, end: item.endIndex, text: 'get_last_active_trace_id, get_trace' }];
  for (const use of readsOf(item.text, statement)) {
    const call = use.parent?.type === 'call' && use.parent.childForFieldName('function')?.startIndex === use.startIndex ? use.parent : undefined;
    if (!call) return undefined; // a bare reference has no rewrite
    edits.push(...callRewrite(call, 'get_trace', 'get_last_active_trace_id'));
  }
  return edits;
}

function allScopes(root: Scope): Scope[] {
  const out: Scope[] = [];
  const stack = [root];
  while (stack.length) {
    const s = stack.pop()!;
    out.push(s);
    stack.push(...s.children);
  }
  return out;
}

/** Every identifier spelling the name in the module, except the import itself, attribute and keyword names. */
function readsOf(name: string, statement: SyntaxNode): SyntaxNode[] {
  const reads: SyntaxNode[] = [];
  const stack = [...statement.parent!.namedChildren];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.startIndex === statement.startIndex && n.type === statement.type) continue;
    if (n.type === 'identifier' && n.text === name) {
      const p = n.parent;
      const isAttributeName = p?.type === 'attribute' && p.childForFieldName('attribute')?.startIndex === n.startIndex;
      const isKeywordName = p?.type === 'keyword_argument' && p.childForFieldName('name')?.startIndex === n.startIndex;
      if (!isAttributeName && !isKeywordName) reads.push(n);
    }
    stack.push(...n.namedChildren);
  }
  return reads;
}

/** `f(args)` → `get_trace(get_last_active_trace_id(args))`: the callee and the argument list are replaced. */
function callRewrite(call: SyntaxNode, getTrace: string, getId: string): Edit[] {
  const fn = call.childForFieldName('function')!;
  const args = call.childForFieldName('arguments')!;
  return [
    { start: fn.startIndex, end: args.startIndex, text: `${getTrace}(${getId}` },
    { start: args.endIndex, end: args.endIndex, text: ')' },
  ];
}
