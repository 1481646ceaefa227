import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { AttributeCheck } from '../rule.js';

/**
 * An attribute renamed or removed on objects of an MLflow type. Only receivers the semantic model
 * can type (assigned from an MLflow call or constructor, annotated, `self.x` set in the class)
 * are reported, so `row.run_uuid` on a JSON dict stays silent.
 */
export const attribute = {
  nodeTypes: ['attribute'],
  visit(check: AttributeCheck, node: SyntaxNode, ctx: CheckContext): void {
    const attr = node.childForFieldName('attribute');
    const object = node.childForFieldName('object');
    if (!attr || !object || attr.text !== check.attribute) return;
    const type = ctx.typeOf(object);
    if (!check.receiverTypes.some((t) => ctx.model.isInstanceOf(type, t))) return;
    const values = { attribute: check.attribute, renameTo: check.renameTo, receiver: object.text };
    const edits = check.renameTo ? [{ start: attr.startIndex, end: attr.endIndex, text: check.renameTo }] : undefined;
    ctx.report({
      node: attr,
      message: fill(check.message, values),
      help: fill(check.help, values),
      fix: edits ? { applicability: check.applicability ?? 'safe', edits } : undefined,
    });
  },
};
