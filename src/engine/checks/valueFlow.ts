import type { SyntaxNode } from '../../parser/types.js';
import type { SemanticModel } from '../../semantic/model.js';
import type { Scope } from '../../semantic/scope.js';

/** Following a name back to the one expression it was assigned, for checks that need a value's origin. */

export interface Located {
  node: SyntaxNode;
  scope: Scope;
}

/**
 * The expression a name holds when exactly one plain assignment (`x = <expr>`, no annotation)
 * can reach the read; undefined otherwise (parameters, loops, several candidate values).
 */
export function assignedValue(node: SyntaxNode, scope: Scope, model: SemanticModel): Located | undefined {
  if (node.type !== 'identifier') return undefined;
  const r = model.resolveIdentifier(node, scope);
  if (r.kind !== 'binding' || r.candidates.length !== 1) return undefined;
  const b = r.binding;
  if (b.kind !== 'assignment' || !b.value || b.annotation) return undefined;
  return { node: b.value, scope: b.evaluationScope };
}

/** The element a loop variable receives: `for x in <expr>`, when one loop binding reaches the read. */
export function iteratedValue(node: SyntaxNode, scope: Scope, model: SemanticModel): Located | undefined {
  if (node.type !== 'identifier') return undefined;
  const r = model.resolveIdentifier(node, scope);
  if (r.kind !== 'binding' || r.candidates.length !== 1) return undefined;
  const b = r.binding;
  if (b.kind !== 'loop' || !b.iteratedValue || b.unpackIndex !== undefined) return undefined;
  return { node: b.iteratedValue, scope: b.evaluationScope };
}

/** Strips parentheses: `(expr)` → `expr`. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0]!;
  return n;
}
