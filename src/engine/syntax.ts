import type { SyntaxNode } from '../parser/types.js';
import type { Edit } from './types.js';

/** Helpers over tree-sitter-python shapes that several checks need. */

export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  return args?.type === 'argument_list' ? args.namedChildren.filter((c) => c.type !== 'comment') : [];
}

export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument' || arg.type === 'dictionary_splat') break;
    if (arg.type === 'list_splat') break; // `*args`: positions after it are unknowable
    result.push(arg);
  }
  return result;
}

export function hasStarArgs(call: SyntaxNode): boolean {
  return callArguments(call).some((a) => a.type === 'list_splat');
}

export function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  return callArguments(call).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
}

export function keywordName(arg: SyntaxNode): SyntaxNode | null {
  return arg.childForFieldName('name');
}

export function keywordValue(arg: SyntaxNode): SyntaxNode | null {
  return arg.childForFieldName('value');
}

/** The content of a plain string literal (no f-string interpolation, no concatenation), with its range. */
export function stringContent(node: SyntaxNode): { text: string; start: number; end: number } | undefined {
  if (node.type !== 'string') return undefined;
  const parts = node.namedChildren;
  if (parts.some((p) => p.type === 'interpolation')) return undefined;
  const start = parts.find((p) => p.type === 'string_start');
  const end = parts.find((p) => p.type === 'string_end');
  if (!start || !end) return undefined;
  if (/[bB]/.test(start.text)) return undefined;
  const content = node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex);
  return { text: content, start: start.endIndex, end: end.startIndex };
}

/** Keys of `**{"k": v}` and `**dict(k=v)` spread into a call: [keyNode (string or identifier), name]. */
export function splatKeys(call: SyntaxNode): Array<{ node: SyntaxNode; name: string; contentStart: number; contentEnd: number }> {
  const keys: Array<{ node: SyntaxNode; name: string; contentStart: number; contentEnd: number }> = [];
  for (const arg of callArguments(call)) {
    if (arg.type !== 'dictionary_splat') continue;
    const value = arg.namedChildren[0];
    if (value?.type === 'dictionary') {
      for (const pair of value.namedChildren) {
        if (pair.type !== 'pair') continue;
        const key = pair.childForFieldName('key');
        const content = key ? stringContent(key) : undefined;
        if (key && content) keys.push({ node: key, name: content.text, contentStart: content.start, contentEnd: content.end });
      }
    } else if (value?.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
      for (const kw of callArguments(value)) {
        const name = kw.type === 'keyword_argument' ? kw.childForFieldName('name') : null;
        if (name) keys.push({ node: name, name: name.text, contentStart: name.startIndex, contentEnd: name.endIndex });
      }
    }
  }
  return keys;
}

/**
 * The edit that deletes one argument with its separating comma, keeping the layout of the rest:
 * `f(a, b=1)` → `f(a)`, `f(b=1, c)` → `f(c)`, and a trailing comma on its own line stays.
 */
export function removeArgumentEdit(arg: SyntaxNode): Edit {
  const list = arg.parent!;
  const named = list.namedChildren.filter((c) => c.type !== 'comment');
  const i = named.findIndex((c) => c.startIndex === arg.startIndex && c.endIndex === arg.endIndex);
  if (i > 0) return { start: named[i - 1]!.endIndex, end: arg.endIndex, text: '' };
  if (i === 0 && named.length > 1) return { start: arg.startIndex, end: named[1]!.startIndex, text: '' };
  // The only argument: empty the parentheses.
  const open = list.children[0]!;
  const close = list.children[list.children.length - 1]!;
  return { start: open.endIndex, end: close.startIndex, text: '' };
}

/** The innermost statement containing a node (a child of a block or of the module). */
export function enclosingStatement(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** Names of callables whose first string argument is a dotted import path to patch. */
const PATCH_FUNCTIONS = new Set(['patch', 'setattr', 'delattr']);

function callOfArgument(node: SyntaxNode): { call: SyntaxNode; index: number; fnText: string; fnName: string } | undefined {
  const args = node.parent;
  if (args?.type !== 'argument_list') return undefined;
  const call = args.parent;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!call || !fn) return undefined;
  const index = args.namedChildren.findIndex((c) => c.startIndex === node.startIndex);
  const fnName = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : fn.text;
  return { call, index, fnText: fn.text, fnName };
}

/** `mock.patch("a.b.c")`, `mocker.patch("a.b.c")`, `monkeypatch.setattr("a.b.c", v)`: the string is a dotted path. */
export function isPatchTargetString(node: SyntaxNode): boolean {
  const c = callOfArgument(node);
  return !!c && c.index === 0 && PATCH_FUNCTIONS.has(c.fnName);
}

/** `patch.object(obj, "attr")` / `monkeypatch.setattr(obj, "attr", v)`: the object expression, when the string is the attribute. */
export function patchObjectReceiver(node: SyntaxNode): SyntaxNode | undefined {
  const c = callOfArgument(node);
  if (!c || c.index !== 1) return undefined;
  const isPatchObject = /(^|\.)patch\.object$/.test(c.fnText) || c.fnName === 'setattr' || c.fnName === 'delattr';
  return isPatchObject ? c.call.childForFieldName('arguments')!.namedChildren[0] : undefined;
}
