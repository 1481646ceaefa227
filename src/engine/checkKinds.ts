import type { SyntaxNode } from '../parser/types.js';
import type { CheckContext } from './context.js';
import type { Check } from './rule.js';
import { argument } from './checks/argument.js';
import { attribute } from './checks/attribute.js';
import { keyword } from './checks/keyword.js';
import { movedSymbol } from './checks/movedSymbol.js';
import { removedModule } from './checks/removedModule.js';
import { stringLiteral } from './checks/stringLiteral.js';

/** The change kinds the engine knows; a rule's checks are interpreted by these. */
interface CheckKind<C extends Check> {
  nodeTypes: readonly string[];
  /** It acts only on the paths a node names (see `CustomCheck.onlyReferences`). */
  onlyReferences?: boolean;
  visit(check: C, node: SyntaxNode, ctx: CheckContext): void;
}

const KINDS: { [K in Exclude<Check['kind'], 'custom'>]: CheckKind<Extract<Check, { kind: K }>> } = {
  'removed-module': removedModule,
  'string-literal': stringLiteral,
  'moved-symbol': movedSymbol,
  keyword,
  attribute,
  argument,
};

export function nodeTypesOf(check: Check): readonly string[] {
  return check.kind === 'custom' ? check.nodeTypes : KINDS[check.kind].nodeTypes;
}

export function visitsOnlyReferences(check: Check): boolean {
  return check.kind === 'custom' ? !!check.onlyReferences : !!KINDS[check.kind].onlyReferences;
}

export function visitCheck(check: Check, node: SyntaxNode, ctx: CheckContext): void {
  if (check.kind === 'custom') check.visit(node, ctx);
  else (KINDS[check.kind] as CheckKind<Check>).visit(check, node, ctx);
}
