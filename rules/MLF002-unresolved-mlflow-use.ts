import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments } from '../src/engine/syntax.js';
import { literalValue, opaqueDictSplat } from '../src/engine/checks/callSite.js';
import { literalText } from '../src/engine/checks/stringLiteral.js';
import { isMlflowPath } from '../src/semantic/model.js';

export default defineRule({
  code: 'MLF002',
  name: 'unresolved-mlflow-use',
  severity: 'info',
  fix: 'manual',
  item: 'tool',
  // Always in range: the diagnostic is about what could not be checked, whatever the versions.
  since: '3.0.0',
  triggers: ['getattr', 'import_module', '__import__', '**'],
  docs: {
    summary: 'An MLflow API is reached in a way the analyzer cannot resolve, so it was not checked.',
    whatItDoes: 'Reports `getattr(mlflow, name)` / `getattr(mlflow.sklearn, name)` (or on an `MlflowClient`) with a computed name, `importlib.import_module("mlflow." + name)` and `__import__(f"mlflow.{name}")` with a computed module, and `**kwargs` forwarded into an MLflow API that lost a parameter between the source and target versions.',
    why: 'Silence must mean "nothing to change". These uses name the MLflow API only at run time, so no rule can tell whether they hit a removed flavor, a renamed function or a removed keyword.',
    example: 'flavor = getattr(mlflow, flavor_name)\nflavor.log_model(model, **log_kwargs)',
    useInstead: 'Check by hand that the APIs reached here exist in the target version with the arguments passed, e.g. `mlflow.sklearn.log_model(model, name="model")`.',
    fixSafety: 'No automatic fix: this is a note about what was not checked.',
    references: [],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  dynamicAttribute(call, ctx);
  dynamicImport(call, ctx);
  forwardedKwargs(call, ctx);
}

/** Python's own builtins, unless the file rebinds the name. */
function isBuiltin(fn: SyntaxNode, name: string, ctx: CheckContext): boolean {
  return fn.type === 'identifier' && fn.text === name && ctx.model.lookup(name, ctx.scope, fn.startIndex).kind === 'unresolved';
}

/** `getattr(mlflow, name)`: the attribute is chosen at run time. */
function dynamicAttribute(call: SyntaxNode, ctx: CheckContext): void {
  const fn = call.childForFieldName('function')!;
  if (!isBuiltin(fn, 'getattr', ctx)) return;
  const [object, name] = callArguments(call);
  if (!object || !name || name.type === 'keyword_argument' || literalValue(name) !== undefined) return;
  const path = ctx.importedPath(object);
  const what = path && isMlflowPath(path) ? `\`${path}\`` : ctx.typeOf(object) ? `an \`${shortName(ctx.typeOf(object)!)}\`` : undefined;
  if (!what) return;
  ctx.report({
    node: call,
    message: `An attribute of ${what} is chosen at run time (\`${name.text}\`); it was not checked against MLflow 3`,
    help: 'Check by hand that every attribute this can reach still exists in the target version',
  });
}

/** `importlib.import_module("mlflow." + name)`, `__import__(f"mlflow.{name}")`: the module is computed. */
function dynamicImport(call: SyntaxNode, ctx: CheckContext): void {
  const fn = call.childForFieldName('function')!;
  const isImportModule = ctx.importedPath(fn) === 'importlib.import_module';
  if (!isImportModule && !isBuiltin(fn, '__import__', ctx)) return;
  const [module] = callArguments(call);
  if (!module || module.type === 'keyword_argument' || literalValue(module) !== undefined) return;
  if (!computedMlflowModule(module)) return;
  ctx.report({
    node: call,
    message: `An MLflow module is imported by a computed name (\`${module.text}\`); it was not checked against MLflow 3`,
    help: 'Check by hand that every module this can import still exists in the target version (several flavors were removed)',
  });
}

/** `"mlflow." + x`, `f"mlflow.{x}"`, `"mlflow.{}".format(x)`, `"mlflow.%s" % x`. */
function computedMlflowModule(node: SyntaxNode): boolean {
  const startsWithMlflow = (n: SyntaxNode | null | undefined): boolean => {
    const literal = n ? literalText(n) : undefined;
    return !!literal && /^mlflow(\.|$)/.test(literal.segments[0]!.text);
  };
  switch (node.type) {
    case 'string':
      return startsWithMlflow(node); // an f-string (plain literals are not computed)
    case 'binary_operator':
      return startsWithMlflow(node.childForFieldName('left'));
    case 'call': {
      const fn = node.childForFieldName('function');
      return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && startsWithMlflow(fn.childForFieldName('object'));
    }
    default:
      return false;
  }
}

/**
 * `mlflow.x.api(**kwargs)` where `api` had a parameter in the source version that the target lacks:
 * the forwarded keys may include it, and no rule can see them.
 */
function forwardedKwargs(call: SyntaxNode, ctx: CheckContext): void {
  const splat = opaqueDictSplat(call);
  if (!splat) return;
  const callee = ctx.calleeName(call);
  if (!callee) return;
  const before = ctx.api.source.params(callee);
  const after = ctx.api.target.params(callee);
  if (!before || !after) return; // new, or gone entirely (reported by the removal rules)
  const kept = new Set(after.map((p) => p.name));
  const lost = before.filter((p) => p.kind !== 'var_keyword' && p.kind !== 'var_positional' && !kept.has(p.name)).map((p) => p.name);
  if (!lost.length) return;
  ctx.report({
    node: splat,
    message: `\`${splat.text}\` is forwarded to \`${call.childForFieldName('function')!.text}\`, which no longer accepts ${lost.map((n) => `\`${n}\``).join(', ')} in MLflow 3; the forwarded keys were not checked`,
    help: 'Check by hand which keys reach this call, or pass the arguments explicitly',
  });
}

function shortName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}
