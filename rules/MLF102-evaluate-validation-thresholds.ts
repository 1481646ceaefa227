import { fill, type CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments, keywordArgument, keywordName, keywordValue, removeArgumentEdit, splatKeys } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import { addImportEdit, insertLineAfter } from '../src/engine/statementEdits.js';
import type { SyntaxNode } from '../src/parser/types.js';
import type { Resolution } from '../src/semantic/model.js';
import type { Scope } from '../src/semantic/scope.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

const HELP = 'Call `mlflow.validate_evaluation_results(thresholds, result)` after the evaluation';

export default defineRule({
  code: 'MLF102',
  name: 'evaluate-validation-thresholds',
  severity: 'error',
  fix: 'unsafe',
  item: '#2',
  since: '3.0.0',
  triggers: ['validation_thresholds'],
  docs: {
    summary: '`mlflow.evaluate(validation_thresholds=...)` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `validation_thresholds` argument of `mlflow.evaluate` / `mlflow.models.evaluate` (every import path and alias).',
    why: 'MLflow 3.0 removed the argument (deprecated since 2.18, PR #15362): the call raises `TypeError`. Validation is now a separate call, `mlflow.validate_evaluation_results(validation_thresholds, candidate_result, baseline_result=None)`, which raises `ModelValidationFailedException` as evaluate did.',
    example: 'result = mlflow.evaluate(model, data, targets="y", model_type="classifier", validation_thresholds=thresholds)',
    useInstead: 'result = mlflow.evaluate(model, data, targets="y", model_type="classifier")\nmlflow.validate_evaluation_results(thresholds, result)',
    fixSafety: 'Unsafe: the exception is now raised after the evaluation has been logged, not inside `evaluate`. The fix applies only when the result is assigned to a name and no `baseline_model` is passed (that case is MLF101, manual). Note: the migration guide\'s example `validate_evaluation_results(result_1, result_2)` omits the required first argument; the fix follows the real 3.4 signature.',
    references: [DOCS.breakingChanges, DOCS.evaluate, DOCS.pr(15362)],
  },
  checks: [
    {
      kind: 'custom',
      nodeTypes: ['call'],
      visit(call, ctx) {
        const callee = ctx.calleeName(call);
        if (!callee || !evaluateCallees(ctx).has(callee)) return;
        const values = { callee: call.childForFieldName('function')!.text };
        const message = fill('`validation_thresholds` was removed from `{callee}` in MLflow 3.0', values);
        for (const arg of callArguments(call)) {
          const name = arg.type === 'keyword_argument' ? keywordName(arg) : null;
          if (name?.text !== 'validation_thresholds') continue;
          const edits = moveToValidateCall(call, arg, ctx);
          ctx.report({ node: name, message, help: HELP, fix: edits ? { applicability: 'unsafe', edits } : undefined });
        }
        // `**{"validation_thresholds": th}`: the value would have to be pulled out of the dict.
        for (const key of splatKeys(call)) {
          if (key.name === 'validation_thresholds') ctx.report({ node: key.node, message, help: HELP });
        }
      },
    },
  ],
});

const canonicalEvaluate = new WeakMap<object, Set<string>>();
function evaluateCallees(ctx: CheckContext): Set<string> {
  let set = canonicalEvaluate.get(ctx.api);
  if (!set) canonicalEvaluate.set(ctx.api, (set = new Set(EVALUATE_PATHS.map((p) => ctx.canonical(p)))));
  return set;
}

/**
 * The fix: `res = mlflow.evaluate(..., validation_thresholds=th)` becomes
 * `res = mlflow.evaluate(...)` followed by `mlflow.validate_evaluation_results(th, res)` (the 3.4
 * signature: thresholds, candidate result, optional baseline result). Only for a plain
 * `name = evaluate(...)` statement on its own line and without `baseline_model` (MLF101, manual).
 */
function moveToValidateCall(call: SyntaxNode, arg: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  if (keywordArgument(call, 'baseline_model') || splatKeys(call).some((k) => k.name === 'baseline_model')) return undefined;
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || !sameNode(assignment.childForFieldName('right'), call)) return undefined;
  const target = assignment.childForFieldName('left');
  const statement = assignment.parent;
  if (target?.type !== 'identifier' || statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  const thresholds = keywordValue(arg);
  // `res = evaluate(..., validation_thresholds=res)`: after the fix `res` would be the new result.
  if (!thresholds || mentions(thresholds, target.text)) return undefined;

  const mlflow = mlflowModuleName(ctx, statement);
  if (!mlflow) return undefined;
  const text = ctx.file.text;
  const validate = insertLineAfter(text, statement, `${mlflow.name}.validate_evaluation_results(${thresholds.text}, ${target.text})`);
  if (!validate) return undefined;
  return [removeArgumentEdit(arg), validate, ...(mlflow.importEdit ? [mlflow.importEdit] : [])];
}

function sameNode(a: SyntaxNode | null, b: SyntaxNode): boolean {
  return !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

function mentions(node: SyntaxNode, name: string): boolean {
  return (node.type === 'identifier' && node.text === name) || node.descendantsOfType('identifier').some((n) => n.text === name);
}

const isMlflowModule = (r: Resolution) => r.kind === 'binding' && r.binding.kind === 'import' && r.binding.importPath === 'mlflow';

/**
 * A name for the `mlflow` module at the statement: `mlflow` or an alias already imported
 * (`import mlflow as mf`), else `mlflow` with an added `import mlflow`, else (when `mlflow` means
 * something else there) a fresh alias with `import mlflow as mlflow_`.
 */
function mlflowModuleName(ctx: CheckContext, statement: SyntaxNode): { name: string; importEdit?: Edit } | undefined {
  const at = statement.startIndex;
  const here = ctx.model.lookup('mlflow', ctx.scope, at);
  if (isMlflowModule(here)) return { name: 'mlflow' };
  for (const scope of scopeChain(ctx.scope)) {
    for (const [name, bindings] of scope.bindings) {
      if (bindings.some((b) => b.kind === 'import' && b.importPath === 'mlflow') && isMlflowModule(ctx.model.lookup(name, ctx.scope, at))) return { name };
    }
  }
  // A compatibility shim (`try: import mlflow / except ImportError: mlflow = None`) is the user's design: leave it.
  if (here.kind === 'binding' && (here.binding.guarded || here.binding.isNoneValue)) return undefined;
  const shadowed = here.kind !== 'unresolved' || scopeChain(ctx.scope).some((s) => s.kind !== 'module' && s.bindings.has('mlflow'));
  const name = shadowed ? freshName(ctx.file.text, 'mlflow_') : 'mlflow';
  const module = rootOf(statement);
  const importEdit = addImportEdit(ctx.file.text, module, at, shadowed ? `import mlflow as ${name}` : 'import mlflow');
  return importEdit ? { name, importEdit } : undefined;
}

/** The scopes whose names are visible from `scope` (class bodies only from themselves, as in Python). */
function scopeChain(scope: Scope): Scope[] {
  const chain: Scope[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s === scope || s.kind !== 'class') chain.push(s);
  return chain;
}

function freshName(text: string, base: string): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}
