import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments, keywordArgument, keywordValue, positionalArguments, stringContent } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import type { SemanticModel } from '../src/semantic/model.js';
import { DOCS, EVALUATE_PATHS } from './shared.js';

/** Model types for which the 2.x default evaluator computed SHAP explanations (and logged the explainer). */
const EXPLAINED_MODEL_TYPES = new Set(['classifier', 'regressor']);
const LOG_EXPLAINER = '"log_explainer": True';

/**
 * 2.9.2's default evaluator always logged the SHAP explainer (artifact `explainer`); 3.x logs it
 * only with `evaluator_config={"log_explainer": True}`. Reported on evaluate calls that would have
 * logged it; the fix (opt back in) is offered only when the file uses the explainer artifact.
 */
function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !evaluateCallees(ctx).has(callee)) return;
  const opaque = hasOpaqueSplat(call);
  if (!defaultEvaluatorRuns(call)) return;

  const modelType = argument(call, 'model_type');
  if (!modelType && !opaque) return; // no model type: the default evaluator did not run
  const modelTypeText = modelType && stringContent(modelType)?.text;
  if (modelTypeText !== undefined && !EXPLAINED_MODEL_TYPES.has(modelTypeText)) return;

  const model = positionalArguments(call)[0] ?? argument(call, 'model');
  if ((!model && !opaque) || model?.type === 'none') return; // static predictions: nothing to explain

  const config = argument(call, 'evaluator_config');
  if (config?.type === 'dictionary') {
    if (isFalse(dictValue(config, 'log_model_explainability'))) return; // explainability was off
    if (dictValue(config, 'log_explainer')) return; // already decided explicitly
  }

  const fn = call.childForFieldName('function')!;
  const edits = usesExplainerArtifact(ctx) && !keywordArgument(call, 'evaluators') ? optInEdits(call, config) : undefined;
  ctx.report({
    node: fn,
    message: `\`${fn.text}\` no longer logs the SHAP explainer (artifact \`explainer\`) by default since MLflow 3.0`,
    help: 'Add `"log_explainer": True` to `evaluator_config` if the explainer artifact is needed',
    fix: edits ? { applicability: 'unsafe', edits } : undefined,
  });
}

const callees = new WeakMap<object, Set<string>>();
function evaluateCallees(ctx: CheckContext): Set<string> {
  let set = callees.get(ctx.api);
  if (!set) callees.set(ctx.api, (set = new Set(EVALUATE_PATHS.map((p) => ctx.canonical(p)))));
  return set;
}

/** A keyword argument's value, or the value of that key in a `**{...}` / `**dict(...)` literal. */
function argument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const kw = keywordArgument(call, name);
  if (kw) return keywordValue(kw) ?? undefined;
  for (const arg of callArguments(call)) {
    if (arg.type !== 'dictionary_splat') continue;
    const value = arg.namedChildren[0];
    if (value?.type === 'dictionary') {
      const v = dictValue(value, name);
      if (v) return v;
    } else if (value?.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
      const inner = keywordArgument(value, name);
      if (inner) return keywordValue(inner) ?? undefined;
    }
  }
  return undefined;
}

/** `*args` or `**kwargs` whose content is unknown: any argument may hide in it. */
function hasOpaqueSplat(call: SyntaxNode): boolean {
  return callArguments(call).some((a) => {
    if (a.type === 'list_splat') return true;
    if (a.type !== 'dictionary_splat') return false;
    const v = a.namedChildren[0];
    return !(v?.type === 'dictionary' || (v?.type === 'call' && v.childForFieldName('function')?.text === 'dict'));
  });
}

/** `evaluators` absent, or a literal that names `"default"`, or not a literal at all. */
function defaultEvaluatorRuns(call: SyntaxNode): boolean {
  const value = argument(call, 'evaluators');
  if (!value) return true;
  const literal = stringContent(value);
  if (literal) return literal.text === 'default';
  if (value.type === 'list' || value.type === 'tuple') {
    const items = value.namedChildren.map((c) => stringContent(c)?.text);
    if (items.every((t) => t !== undefined)) return items.includes('default');
  }
  return true;
}

function dictValue(dict: SyntaxNode, key: string): SyntaxNode | undefined {
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const k = pair.childForFieldName('key');
    if (k && stringContent(k)?.text === key) return pair.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

function isFalse(node: SyntaxNode | undefined): boolean {
  return node?.type === 'false';
}

const explainerUse = new WeakMap<SemanticModel, boolean>();

/** Does the file load the explainer artifact (`mlflow.shap.load_explainer`, a `runs:/.../explainer` URI)? */
function usesExplainerArtifact(ctx: CheckContext): boolean {
  const cached = explainerUse.get(ctx.model);
  if (cached !== undefined) return cached;
  const root = ctx.model.moduleScope.node;
  const loads = root.descendantsOfType('call').some((c) => {
    const fn = c.childForFieldName('function');
    return !!fn && fn.text.endsWith('load_explainer') && ctx.model.mlflowName(fn, ctx.model.moduleScope) === ctx.canonical('mlflow.shap.load_explainer');
  });
  const uri = root.descendantsOfType('string').some((s) => /runs:\/.*\/explainer\b/.test(s.text));
  const result = loads || uri;
  explainerUse.set(ctx.model, result);
  return result;
}

/** Adds `"log_explainer": True` to a literal config, or `evaluator_config={...}` when there is none. */
function optInEdits(call: SyntaxNode, config: SyntaxNode | undefined): Edit[] | undefined {
  if (config) {
    if (config.type !== 'dictionary' || !keywordArgument(call, 'evaluator_config')) return undefined;
    const pairs = config.namedChildren.filter((c) => c.type !== 'comment');
    if (pairs.some((p) => p.type !== 'pair')) return undefined; // `**other` inside the literal
    return [appendItem(config, pairs, LOG_EXPLAINER)];
  }
  const args = callArguments(call);
  return args.length ? [appendItem(call.childForFieldName('arguments')!, args, `evaluator_config={${LOG_EXPLAINER}}`)] : undefined;
}

/**
 * Appends an item to a bracketed list (arguments, dict), keeping its layout: on the same line,
 * `a, b` → `a, b, item`; one item per line (closing bracket on its own line) → a new line with
 * the last item's indentation, and a trailing comma kept where there was one.
 */
function appendItem(list: SyntaxNode, items: SyntaxNode[], item: string): Edit {
  const last = items[items.length - 1];
  const close = list.children[list.children.length - 1]!;
  if (!last) return { start: close.startIndex, end: close.startIndex, text: item };
  const comma = list.children.find((c) => c.type === ',' && c.startIndex >= last.endIndex);
  const multiline = close.startPosition.row > last.endPosition.row;
  if (!multiline) return { start: last.endIndex, end: last.endIndex, text: `, ${item}` };
  const indent = ' '.repeat(last.startPosition.column);
  return comma
    ? { start: comma.endIndex, end: comma.endIndex, text: `\n${indent}${item},` }
    : { start: last.endIndex, end: last.endIndex, text: `,\n${indent}${item}` };
}

export default defineRule({
  code: 'MLF107',
  name: 'evaluate-explainer-default',
  severity: 'info',
  fix: 'unsafe',
  item: '#7',
  since: '3.0.0',
  triggers: ['evaluate'],
  // Its fix is offered only where the file reads the explainer back, anywhere in the file (`"runs:/.../explainer"`).
  parseDefinitionsMatching: /explainer/,
  docs: {
    summary: 'Since MLflow 3.0 the default evaluator no longer logs the SHAP explainer model unless `evaluator_config={"log_explainer": True}`.',
    whatItDoes: 'Checks for `mlflow.evaluate` / `mlflow.models.evaluate` calls that ran the default evaluator with a model on a `classifier` or `regressor` model type (or one the analyzer cannot see), where `evaluator_config` does not turn explainability off or decide `log_explainer` explicitly.',
    why: 'MLflow 2.9.2 always logged the SHAP explainer as a model under the artifact path `explainer` (PR #15827 made it opt-in). Code or tools that load `runs:/<run_id>/explainer` or call `mlflow.shap.load_explainer` find nothing after the upgrade. SHAP plots (`log_model_explainability`) are unchanged.',
    example: 'result = mlflow.evaluate(model, data, targets="y", model_type="classifier")\nexplainer = mlflow.shap.load_explainer(f"runs:/{run_id}/explainer")',
    useInstead: 'result = mlflow.models.evaluate(model, data, targets="y", model_type="classifier",\n                                evaluator_config={"log_explainer": True})',
    fixSafety: 'Unsafe, and offered only when the same file loads the explainer artifact (`mlflow.shap.load_explainer` or a `runs:/.../explainer` URI): it adds `"log_explainer": True` to a literal `evaluator_config`, or adds `evaluator_config={"log_explainer": True}`. Logging the explainer costs time and storage, so elsewhere it is the user\'s call. No fix when `evaluators=` is given (the config may be per evaluator).',
    references: [DOCS.breakingChanges, DOCS.evaluate, DOCS.pr(15827)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});
