import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { KeywordCheck } from '../rule.js';
import type { Edit } from '../types.js';
import { callArguments, keywordArgument, positionalArguments, removeArgumentEdit, splatKeys } from '../syntax.js';

const canonicalCallees = new WeakMap<KeywordCheck, Set<string>>();

/**
 * A keyword argument renamed or removed on calls resolved to MLflow APIs. The finding sits on the
 * keyword's name (as ruff does); a rename replaces just that name, a removal deletes the argument.
 */
export const keyword = {
  nodeTypes: ['call'],
  visit(check: KeywordCheck, call: SyntaxNode, ctx: CheckContext): void {
    let callees = canonicalCallees.get(check);
    if (!callees) canonicalCallees.set(check, (callees = new Set(check.callees.map((c) => ctx.canonical(c)))));
    const target = calledFunction(call, ctx);
    if (!target || !callees.has(target.name)) return;
    const values = { keyword: check.keyword, renameTo: check.renameTo, callee: target.node.text };
    const blocked = (check.noFixWith ?? []).some((k) => keywordArgument(call, k) || splatKeys(call).some((s) => s.name === k));
    const applicability = check.applicability ?? 'safe';

    for (const arg of callArguments(call)) {
      if (arg.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name');
      if (name?.text !== check.keyword) continue;
      const edits = blocked ? undefined : keywordEdits(check, arg, name);
      ctx.report({ node: name, message: fill(check.message, values), help: fill(check.help, values), fix: edits ? { applicability, edits } : undefined });
    }
    if (!check.inDictSplat) return;
    for (const key of splatKeys(call)) {
      if (key.name !== check.keyword) continue;
      const edits = !blocked && check.renameTo ? [{ start: key.contentStart, end: key.contentEnd, text: check.renameTo }] : undefined;
      ctx.report({ node: key.node, message: fill(check.message, values), help: fill(check.help, values), fix: edits ? { applicability, edits } : undefined });
    }
  },
};

/**
 * The function whose keywords the call's keyword arguments are: its callee, or the function a
 * `functools.partial(f, kw=...)` binds them to for later calls.
 */
function calledFunction(call: SyntaxNode, ctx: CheckContext): { name: string; node: SyntaxNode } | undefined {
  const fn = call.childForFieldName('function')!;
  const callee = ctx.calleeName(call);
  if (callee) return { name: callee, node: fn };
  if (ctx.importedPath(fn) !== 'functools.partial') return undefined;
  const bound = positionalArguments(call)[0];
  const name = bound && ctx.model.functionName(bound, ctx.scope);
  return name ? { name, node: bound } : undefined;
}

function keywordEdits(check: KeywordCheck, arg: SyntaxNode, name: SyntaxNode): Edit[] | undefined {
  if (check.renameTo) return [{ start: name.startIndex, end: name.endIndex, text: check.renameTo }];
  if (check.remove) return [removeArgumentEdit(arg)];
  return undefined;
}
