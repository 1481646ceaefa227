import type { SyntaxNode } from '../../parser/types.js';
import type { CheckContext } from '../context.js';
import { callArguments, keywordArgument, positionalArguments, stringContent } from '../syntax.js';

/** Reading the arguments of a call the way MLflow's signature binds them. */

/**
 * The argument bound to parameter `name`: its keyword, or the positional argument at the
 * parameter's position in the source version's signature (the code was written for it), falling
 * back to the target's for APIs the source does not have.
 */
export function argumentFor(call: SyntaxNode, callee: string, name: string, ctx: CheckContext): SyntaxNode | undefined {
  const kw = keywordArgument(call, name);
  if (kw) return kw.childForFieldName('value') ?? undefined;
  const params = ctx.api.source.params(callee) ?? ctx.api.target.params(callee);
  const index = params?.findIndex((p) => p.name === name && (p.kind === 'positional_only' || p.kind === 'positional_or_keyword')) ?? -1;
  return index < 0 ? undefined : positionalArguments(call)[index];
}

/** `True`, `False`, `None`, a number, or a plain string's content; undefined for anything computed. */
export function literalValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'true': return 'True';
    case 'false': return 'False';
    case 'none': return 'None';
    case 'integer':
    case 'float': return node.text;
    case 'string': return stringContent(node)?.text;
    case 'parenthesized_expression': return literalValue(node.namedChildren[0]);
    default: return undefined;
  }
}

/** The keyword argument nodes of a call (`name=value`), by name. */
export function keywordArguments(call: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const arg of callArguments(call)) {
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name') : null;
    if (name) out.set(name.text, arg);
  }
  return out;
}

/** A `**expr` argument whose keys cannot be read (`**kwargs`, `**self.params`), if any. */
export function opaqueDictSplat(call: SyntaxNode): SyntaxNode | undefined {
  return callArguments(call).find((a) => {
    if (a.type !== 'dictionary_splat') return false;
    const value = a.namedChildren[0];
    if (value?.type === 'dictionary') return value.namedChildren.some((c) => c.type === 'dictionary_splat');
    if (value?.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
      return callArguments(value).some((c) => c.type !== 'keyword_argument');
    }
    return true;
  });
}

/** Is the call's canonical callee one of `names` (given in any public spelling)? */
export function calleeIn(call: SyntaxNode, names: readonly string[], ctx: CheckContext): string | undefined {
  const callee = ctx.calleeName(call);
  if (!callee) return undefined;
  return names.some((n) => ctx.canonical(n) === callee) ? callee : undefined;
}
