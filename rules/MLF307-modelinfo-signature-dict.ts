import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF307',
  name: 'modelinfo-signature-dict',
  severity: 'error',
  fix: 'unsafe',
  item: '#30',
  since: '3.0.0',
  triggers: ['signature_dict'],
  docs: {
    summary: '`ModelInfo.signature_dict` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for `.signature_dict` read on a `ModelInfo`: the result of any flavor\'s `log_model`, `mlflow.models.get_model_info`, `Model.get_model_info`, or a name annotated `ModelInfo`.',
    why: 'Deprecated since 1.28.1 (with a FutureWarning) and removed in 3.0 (PR #15367): the read raises `AttributeError`. It returned `signature.to_dict()`, or None without a signature.',
    example: 'info = mlflow.sklearn.log_model(model, "model", signature=signature)\ninputs = info.signature_dict["inputs"]',
    useInstead: 'info = mlflow.sklearn.log_model(model, "model", signature=signature)\ninputs = (info.signature.to_dict() if info.signature is not None else None)["inputs"]',
    fixSafety: 'Unsafe: the fix spells out what the property returned, `(X.signature.to_dict() if X.signature is not None else None)`, which is usually better written by hand (or replaced by `X.signature`). Only a receiver that is a name or attribute chain is repeated; others get no fix. `signature_dict` as a local name or a JSON key is not touched.',
    references: [DOCS.breakingChanges, DOCS.pr(15367)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['attribute'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute');
  const object = node.childForFieldName('object');
  if (attr?.text !== 'signature_dict' || !object || !ctx.isInstanceOf(object, CLASS.ModelInfo)) return;
  const receiver = object.text;
  const fixable = isPlainChain(object) && !isAssignmentTarget(node);
  ctx.report({
    node: attr,
    message: '`ModelInfo.signature_dict` was removed in MLflow 3.0',
    help: fixable ? `Use \`${receiver}.signature.to_dict()\` (None when there is no signature)` : 'Use `.signature.to_dict()` (the signature may be None)',
    fix: fixable
      ? { applicability: 'unsafe', edits: [{ start: node.startIndex, end: node.endIndex, text: `(${receiver}.signature.to_dict() if ${receiver}.signature is not None else None)` }] }
      : undefined,
  });
}

/** `info`, `self.info`, `result.model_info`: repeating it evaluates nothing twice. */
function isPlainChain(node: SyntaxNode): boolean {
  if (node.type === 'identifier') return true;
  if (node.type !== 'attribute') return false;
  const object = node.childForFieldName('object');
  return !!object && isPlainChain(object) && !node.text.includes('\n');
}

function isAssignmentTarget(node: SyntaxNode): boolean {
  const parent = node.parent;
  return (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && parent.childForFieldName('left')?.startIndex === node.startIndex;
}
