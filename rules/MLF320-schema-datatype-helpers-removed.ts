import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

const DATA_TYPE = 'mlflow.types.schema.DataType';
const PARAM_SPEC = 'mlflow.types.schema.ParamSpec';
const REMOVED: Record<string, { owner: string; version: string }> = {
  ...Object.fromEntries(
    ['is_boolean', 'is_integer', 'is_long', 'is_float', 'is_double', 'is_string', 'is_binary', 'is_datetime', 'get_all_types'].map((m) => [m, { owner: DATA_TYPE, version: '2.19' }]),
  ),
  enforce_param_datatype: { owner: PARAM_SPEC, version: '2.20' },
};

export default defineRule({
  code: 'MLF320',
  name: 'schema-datatype-helpers-removed',
  severity: 'error',
  fix: 'manual',
  item: '#39',
  // `DataType.is_*` / `get_all_types` went in 2.19.0; `ParamSpec.enforce_param_datatype` in 2.20.0.
  since: '2.19.0',
  triggers: Object.keys(REMOVED),
  docs: {
    summary: '`DataType.is_boolean/.../is_datetime`, `DataType.get_all_types` (2.19) and `ParamSpec.enforce_param_datatype` (2.20) were removed.',
    whatItDoes: 'Checks for these members on `mlflow.types.DataType` (the class, or one of its members such as `DataType.string`) and on `mlflow.types.ParamSpec` (the class or a `ParamSpec` object), through every import path.',
    why: 'PR #13912 (2.19) and PR #14091 (2.20) folded them into private helpers: the reads raise `AttributeError`. There is no public replacement.',
    example: 'from mlflow.types import DataType\nif DataType.is_string(value): ...',
    useInstead: 'from mlflow.types import DataType\nif isinstance(value, DataType.string.to_python()): ...',
    fixSafety: 'No automatic fix: compare against `DataType.<type>.to_python()` / `to_numpy()` yourself, or validate with the model signature. Project classes with methods of these names are not touched.',
    references: [DOCS.pr(13912), DOCS.pr(14091)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['attribute'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute');
  const object = node.childForFieldName('object');
  const removed = attr ? REMOVED[attr.text] : undefined;
  if (!removed || !object || !receiverIs(object, removed.owner, ctx)) return;
  const owner = removed.owner.slice(removed.owner.lastIndexOf('.') + 1);
  ctx.report({
    node: attr!,
    message: `\`${owner}.${attr!.text}\` was removed in MLflow ${removed.version}`,
    help: removed.owner === DATA_TYPE ? 'Compare against `DataType.<type>.to_python()` / `to_numpy()` instead' : 'Validate parameters through the model signature (`ParamSchema`) instead',
  });
}

/** The class itself, one of its enum members (`DataType.string`), or an instance of it. */
function receiverIs(object: SyntaxNode, owner: string, ctx: CheckContext): boolean {
  const canonical = ctx.canonical(owner);
  if (ctx.mlflowName(object) === canonical) return true;
  if (object.type === 'attribute') {
    const cls = object.childForFieldName('object');
    if (cls && ctx.mlflowName(cls) === canonical) return true;
  }
  return ctx.isInstanceOf(object, canonical);
}
