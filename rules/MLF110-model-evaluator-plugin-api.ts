import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import type { Scope } from '../src/semantic/scope.js';
import { DOCS, MODEL_EVALUATOR } from './shared.js';

/** Parameters of `ModelEvaluator.evaluate` that MLflow no longer passes (2.18 / 3.0). */
const DROPPED_PARAMETERS: Record<string, { message: string; help: string }> = {
  custom_metrics: {
    message: 'MLflow 3.0 no longer passes `custom_metrics` to `ModelEvaluator.evaluate`',
    help: 'Read the metrics from `extra_metrics` and drop the parameter',
  },
  baseline_model: {
    message: 'MLflow 2.18 no longer passes `baseline_model` to `ModelEvaluator.evaluate`',
    help: 'Drop the parameter: baselines are evaluated by a separate `evaluate` call and compared with `mlflow.validate_evaluation_results`',
  },
};

/**
 * Evaluator plugins: classes deriving (directly, or through classes of the same file) from
 * `ModelEvaluator`, including the 2.9.2 `DefaultEvaluator`. In their `evaluate`, parameters MLflow
 * stopped passing; `can_evaluate` must be a classmethod (MLflow calls it on the class).
 */
function visit(cls: SyntaxNode, ctx: CheckContext): void {
  if (!derivesFromModelEvaluator(cls, ctx.scope, ctx, new Set())) return;
  const body = cls.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    const fn = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (fn?.type !== 'function_definition') continue;
    const name = fn.childForFieldName('name')!;
    if (name.text === 'evaluate') reportDroppedParameters(fn, ctx);
    if (name.text === 'can_evaluate' && !hasDecorator(statement, ['classmethod', 'staticmethod'])) {
      ctx.report({
        node: name,
        message: '`can_evaluate` must be a classmethod since MLflow 2.18: MLflow calls it on the evaluator class',
        help: 'Declare it as `@classmethod def can_evaluate(cls, *, model_type, evaluator_config, **kwargs)`',
      });
    }
  }
}

function derivesFromModelEvaluator(cls: SyntaxNode, scope: Scope, ctx: CheckContext, seen: Set<number>): boolean {
  if (seen.has(cls.startIndex)) return false;
  seen.add(cls.startIndex);
  const bases = cls.childForFieldName('superclasses')?.namedChildren.filter((b) => b.type !== 'keyword_argument' && b.type !== 'comment') ?? [];
  return bases.some((base) => {
    const name = ctx.model.mlflowName(base, scope);
    if (name) return ctx.model.isInstanceOf(name, MODEL_EVALUATOR);
    // A project class that itself derives from an evaluator (`class Mine(OurBaseEvaluator)`).
    if (base.type !== 'identifier') return false;
    const r = ctx.model.lookup(base.text, scope, base.startIndex);
    return r.kind === 'binding' && r.binding.kind === 'class' && derivesFromModelEvaluator(r.binding.node, r.binding.scope, ctx, seen);
  });
}

function reportDroppedParameters(fn: SyntaxNode, ctx: CheckContext): void {
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = parameterName(param);
    const dropped = name && DROPPED_PARAMETERS[name.text];
    if (name && dropped) ctx.report({ node: name, message: dropped.message, help: dropped.help });
  }
}

function parameterName(param: SyntaxNode): SyntaxNode | null {
  switch (param.type) {
    case 'identifier': return param;
    case 'default_parameter':
    case 'typed_default_parameter': return param.childForFieldName('name');
    case 'typed_parameter': return param.namedChildren.find((c) => c.type === 'identifier') ?? null;
    default: return null;
  }
}

function hasDecorator(statement: SyntaxNode, names: string[]): boolean {
  if (statement.type !== 'decorated_definition') return false;
  return statement.namedChildren.some((d) => d.type === 'decorator' && names.includes(d.namedChildren[0]?.text ?? ''));
}

export default defineRule({
  code: 'MLF110',
  name: 'model-evaluator-plugin-api',
  severity: 'error',
  fix: 'manual',
  item: '#10',
  since: '2.18.0',
  // Every MLflow evaluator class (`ModelEvaluator`, `DefaultEvaluator`, 3.x `ClassifierEvaluator`...) ends so.
  triggers: ['Evaluator'],
  docs: {
    summary: 'The evaluator plugin API changed: `ModelEvaluator.can_evaluate` is a classmethod (2.18) and `evaluate` no longer receives `custom_metrics` (3.0) or `baseline_model` (2.18).',
    whatItDoes: 'Checks classes deriving from `mlflow.models.evaluation.ModelEvaluator` (any import path, the 2.9.2 `DefaultEvaluator`, or a class of the same file that derives from them) for an `evaluate` method with a `custom_metrics` or `baseline_model` parameter and for a `can_evaluate` that is not a classmethod.',
    why: 'MLflow 2.18 (PR #13360) calls `can_evaluate(model_type=..., evaluator_config=...)` on the evaluator class, so an instance method fails with `TypeError`; it stopped passing `baseline_model`, and 3.0 (PR #15361) stopped passing `custom_metrics`: a plugin that reads them silently sees `None`.',
    example: 'class MyEvaluator(ModelEvaluator):\n    def can_evaluate(self, *, model_type, evaluator_config, **kwargs):\n        return model_type == "classifier"\n\n    def evaluate(self, *, model_type, dataset, run_id, evaluator_config, model=None,\n                 custom_metrics=None, extra_metrics=None, baseline_model=None, **kwargs):\n        ...',
    useInstead: 'class MyEvaluator(ModelEvaluator):\n    @classmethod\n    def can_evaluate(cls, *, model_type, evaluator_config, **kwargs):\n        return model_type == "classifier"\n\n    def evaluate(self, *, model_type, dataset, run_id, evaluator_config, model=None,\n                 extra_metrics=None, **kwargs):\n        ...',
    fixSafety: 'No automatic fix: plugin code must be adapted by hand (how `custom_metrics` and the baseline were used differs per plugin).',
    references: [DOCS.pr(13360), DOCS.pr(15361)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['class_definition'], visit }],
});
