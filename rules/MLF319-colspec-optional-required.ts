import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { boundArgument, passesKeyword, sourceParams } from '../src/engine/checks/binding.js';
import { positionalArguments, splatKeys } from '../src/engine/syntax.js';
import { DOCS } from './shared.js';

/** Expressions that `not` binds tighter than (no parentheses needed). */
const PRIMARY = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression', 'true', 'false', 'none', 'integer']);

export default defineRule({
  code: 'MLF319',
  name: 'colspec-optional-required',
  severity: 'error',
  fix: 'safe',
  item: '#38',
  since: '2.10.0',
  // `ColSpec("double", "x", True)` spells neither `optional` nor `required`.
  triggers: ['optional', 'ColSpec'],
  docs: {
    summary: '`ColSpec(optional=...)` became `ColSpec(required=...)` (inverted) and `.optional` became `.required` in MLflow 2.10.',
    whatItDoes: 'Checks for the `optional` argument of `mlflow.types.ColSpec` (every import path; keyword, `**{...}` key, or the third positional argument) and for `.optional` read on `ColSpec` / `TensorSpec` objects.',
    why: 'PR #9936 (2.10) replaced `optional` with its inverse `required`: the keyword raises `TypeError`, the property `AttributeError`, and a third positional argument silently flips its meaning (`ColSpec("double", "x", True)` was optional and is now required).',
    example: 'ColSpec("double", "age", optional=True)\nif spec.optional: ...',
    useInstead: 'ColSpec("double", "age", required=False)\nif (not spec.required): ...',
    fixSafety: 'Safe: `optional=True` → `required=False`, `optional=False` → `required=True`, `optional=<expr>` → `required=not <expr>`; a positional value becomes the keyword `required=` with the inverted value; `.optional` → `(not X.required)`. No fix when `required` is also passed, or for a `**{...}` key. `typing.Optional`, pydantic fields and other libraries\' `optional=` are not touched.',
    references: [DOCS.pr(9936)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call', 'attribute'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  if (node.type === 'call') visitCall(node, ctx);
  else visitAttribute(node, ctx);
}

function visitCall(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || callee !== ctx.canonical(CLASS.ColSpec)) return;
  for (const key of splatKeys(call)) {
    if (key.name === 'optional') ctx.report({ node: key.node, message: '`ColSpec(optional=...)` was replaced by `required=` (inverted) in MLflow 2.10', help: 'Use `required=` with the inverted value' });
  }
  const arg = boundArgument(call, sourceParams(ctx.api, callee), 'optional');
  if (!arg) return;
  const blocked = passesKeyword(call, 'required') || (!arg.keyword && positionalArguments(call).length > 3);
  const inverted = invert(arg.value);
  const target = arg.keyword ?? arg.value;
  ctx.report({
    node: arg.keyword?.childForFieldName('name') ?? arg.value,
    message: arg.keyword
      ? '`ColSpec(optional=...)` was replaced by `required=` (inverted) in MLflow 2.10'
      : 'The third argument of `ColSpec` was `optional`; since MLflow 2.10 it is `required`, the opposite',
    help: `Use \`required=${inverted}\``,
    fix: blocked ? undefined : { applicability: 'safe', edits: [{ start: target.startIndex, end: target.endIndex, text: `required=${inverted}` }] },
  });
}

function invert(value: SyntaxNode): string {
  if (value.type === 'true') return 'False';
  if (value.type === 'false') return 'True';
  return PRIMARY.has(value.type) ? `not ${value.text}` : `not (${value.text})`;
}

/** `spec.optional` on a ColSpec or TensorSpec → `(not spec.required)`. */
function visitAttribute(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute');
  const object = node.childForFieldName('object');
  if (attr?.text !== 'optional' || !object) return;
  if (!ctx.isInstanceOf(object, CLASS.ColSpec) && !ctx.isInstanceOf(object, CLASS.TensorSpec)) return;
  const parent = node.parent;
  const assigned = (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.childForFieldName('left')?.startIndex === node.startIndex;
  ctx.report({
    node: attr,
    message: '`.optional` was replaced by `.required` (its opposite) in MLflow 2.10',
    help: `Use \`(not ${object.text}.required)\``,
    fix: assigned
      ? undefined
      : { applicability: 'safe', edits: [{ start: node.startIndex, end: node.startIndex, text: '(not ' }, { start: attr.startIndex, end: attr.endIndex, text: 'required)' }] },
  });
}
