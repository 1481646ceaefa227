import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { ArgumentCheck } from '../rule.js';
import type { Edit } from '../types.js';
import { callArguments, positionalArguments, removeArgumentEdit, splatKeys } from '../syntax.js';
import { firstPositionalShift, passesKeyword, positionalsToKeywords, sourceParams } from './binding.js';

const canonicalCallees = new WeakMap<ArgumentCheck, Set<string>>();

/**
 * An argument renamed or removed, found however the call passes it: by keyword, as a key of a
 * `**{...}` literal, or by position, the position being the one of the SOURCE version's signature
 * (`mlflow.sklearn.log_model(model, "model")` passes `artifact_path`). The finding sits on the
 * keyword's name, or on the positional value.
 *
 * A positional argument is fixed only where that is right whatever MLflow version in between the
 * code ran on: it is the last positional argument, or every later one still sits before the first
 * position where the signatures differ (those are turned into keywords too). Positions that
 * shifted are left to the positional-shift rule, which turns them into keywords first.
 */
export const argument = {
  nodeTypes: ['call'],
  visit(check: ArgumentCheck, call: SyntaxNode, ctx: CheckContext): void {
    const callee = ctx.calleeName(call);
    if (!callee || !calleeMatches(check, callee, ctx)) return;
    const values = { parameter: check.parameter, renameTo: check.renameTo, callee: call.childForFieldName('function')!.text };
    const blocked = (check.noFixWith ?? []).some((k) => passesKeyword(call, k) || splatKeys(call).some((s) => s.name === k));
    const applicability = check.applicability ?? 'safe';
    const skip = (value: SyntaxNode | null) => !!value && !!check.skipValue?.(value, ctx);

    for (const arg of callArguments(call)) {
      if (arg.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name');
      if (name?.text !== check.parameter || skip(arg.childForFieldName('value'))) continue;
      const edits = blocked ? undefined : keywordEdits(check, arg, name);
      ctx.report({ node: name, message: fill(check.message, values), help: fill(check.help, values), fix: edits ? { applicability, edits } : undefined });
    }

    const params = sourceParams(ctx.api, callee);
    const index = params?.findIndex((p) => p.name === check.parameter && (p.kind === 'positional_only' || p.kind === 'positional_or_keyword')) ?? -1;
    const positional = positionalArguments(call);
    const value = index >= 0 ? positional[index] : undefined;
    if (value && !skip(value)) {
      const at = { ...values, position: String(index + 1) };
      const edits = blocked || !check.fixPositional ? undefined : positionalEdits(check, call, callee, index, ctx);
      ctx.report({
        node: value,
        message: fill(check.positionalMessage ?? check.message, at),
        help: fill(check.positionalHelp ?? check.help, at),
        fix: edits ? { applicability, edits } : undefined,
      });
    }

    if (!check.inDictSplat) return;
    for (const key of splatKeys(call)) {
      if (key.name !== check.parameter) continue;
      const edits = !blocked && check.renameTo ? [{ start: key.contentStart, end: key.contentEnd, text: check.renameTo }] : undefined;
      ctx.report({ node: key.node, message: fill(check.message, values), help: fill(check.help, values), fix: edits ? { applicability, edits } : undefined });
    }
  },
};

function calleeMatches(check: ArgumentCheck, callee: string, ctx: CheckContext): boolean {
  if (check.calleeFilter?.(callee, ctx.api)) return true;
  if (!check.callees) return false;
  let callees = canonicalCallees.get(check);
  if (!callees) canonicalCallees.set(check, (callees = new Set(check.callees.map((c) => ctx.canonical(c)))));
  return callees.has(callee);
}

function keywordEdits(check: ArgumentCheck, arg: SyntaxNode, name: SyntaxNode): Edit[] | undefined {
  if (check.renameTo) return [{ start: name.startIndex, end: name.endIndex, text: check.renameTo }];
  if (check.remove) return [removeArgumentEdit(arg)];
  return undefined;
}

function positionalEdits(check: ArgumentCheck, call: SyntaxNode, callee: string, index: number, ctx: CheckContext): Edit[] | undefined {
  const args = positionalArguments(call);
  const last = index === args.length - 1;
  if (check.remove) return last ? [removeArgumentEdit(args[index]!)] : undefined;
  if (!check.renameTo) return undefined;
  if (!last) {
    const shift = firstPositionalShift(ctx.api, callee);
    if (shift === undefined || args.length > shift) return undefined;
  }
  return positionalsToKeywords(call, sourceParams(ctx.api, callee)!, index, { [index]: check.renameTo });
}
