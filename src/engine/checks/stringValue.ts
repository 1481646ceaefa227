import type { SyntaxNode } from '../../parser/types.js';
import type { Scope } from '../../semantic/scope.js';
import type { CheckContext } from '../context.js';
import { callArguments } from '../syntax.js';

/**
 * What a string-valued expression is made of: literal text and the expressions spliced into it.
 * Rules that reason about names and URIs (`"models/rf"`, `f"runs:/{run_id}/model"`,
 * `run.info.artifact_uri + "/model"`) read values through this, never through raw source text.
 */
export type StringPart = { text: string } | { expr: SyntaxNode | null };

/** A check context whose scope is `scope` (to read a value where it was assigned). */
export function contextIn(ctx: CheckContext, scope: Scope): CheckContext {
  if (scope === ctx.scope) return ctx;
  const view = Object.create(ctx) as CheckContext;
  view.scope = scope;
  return view;
}

const MAX_ALIAS_DEPTH = 4;

/**
 * The expression a name holds when exactly one assignment can reach the read (`URI = "runs:/..."`
 * then `load_model(URI)`), with the context to read it in; the expression itself otherwise.
 */
export function resolveValue(node: SyntaxNode, ctx: CheckContext): { node: SyntaxNode; ctx: CheckContext } {
  let current = node;
  let at = ctx;
  for (let depth = 0; current.type === 'identifier' && depth < MAX_ALIAS_DEPTH; depth++) {
    const r = at.model.resolveIdentifier(current, at.scope);
    if (r.kind !== 'binding' || r.candidates.length !== 1) break;
    const b = r.binding;
    if (b.kind !== 'assignment' || !b.value) break;
    current = b.value;
    at = contextIn(at, b.evaluationScope);
  }
  return { node: current, ctx: at };
}

/** The parts of a string expression (through one level of names); undefined when it is not one. */
export function stringParts(node: SyntaxNode, ctx: CheckContext): StringPart[] | undefined {
  const { node: value, ctx: at } = resolveValue(node, ctx);
  return partsOf(value, at, 0);
}

/** The exact text of a string expression without interpolations (`"models/rf"`, `"a" "b"`, a constant). */
export function exactString(node: SyntaxNode, ctx: CheckContext): string | undefined {
  const parts = stringParts(node, ctx);
  if (!parts || parts.some((p) => !('text' in p))) return undefined;
  return parts.map((p) => (p as { text: string }).text).join('');
}

/** The literal text pieces of a string expression (interpolations left out). */
export function literalPieces(node: SyntaxNode, ctx: CheckContext): string[] {
  return (stringParts(node, ctx) ?? []).flatMap((p) => ('text' in p ? [p.text] : []));
}

/** The literal text the expression starts with (`runs:/` of `f"runs:/{rid}/model"`), '' when it starts with a value. */
export function leadingText(parts: readonly StringPart[]): string {
  let out = '';
  for (const p of parts) {
    if (!('text' in p)) break;
    out += p.text;
  }
  return out;
}

const PATH_JOINS = new Set(['os.path.join', 'posixpath.join']);
const FORMAT_FIELD = /\{[^{}]*\}/g;
const PERCENT_FIELD = /%[-#0 +]*\d*(?:\.\d+)?[sdrif]/g;
const MAX_DEPTH = 8;

function partsOf(node: SyntaxNode, ctx: CheckContext, depth: number): StringPart[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'string':
      return stringLiteralParts(node);
    case 'concatenated_string': {
      const out: StringPart[] = [];
      for (const s of node.namedChildren) {
        const p = s.type === 'string' ? stringLiteralParts(s) : undefined;
        if (!p) return undefined;
        out.push(...p);
      }
      return out;
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? partsOf(node.namedChildren[0], ctx, depth + 1) : undefined;
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return undefined;
      if (op === '+') {
        const l = partsOf(left, ctx, depth + 1);
        const r = partsOf(right, ctx, depth + 1);
        if (!l && !r) return undefined;
        return [...(l ?? [{ expr: left }]), ...(r ?? [{ expr: right }])];
      }
      if (op === '%') {
        const l = left.type === 'string' ? stringLiteralParts(left) : undefined;
        return l ? splitFields(l, PERCENT_FIELD) : undefined;
      }
      return undefined;
    }
    case 'call':
      return callParts(node, ctx, depth);
    default:
      return undefined;
  }
}

/** `"runs:/{}/{}".format(a, b)` and `os.path.join(root, "model")`. */
function callParts(call: SyntaxNode, ctx: CheckContext, depth: number): StringPart[] | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
    const receiver = fn.childForFieldName('object');
    const parts = receiver?.type === 'string' ? stringLiteralParts(receiver) : undefined;
    return parts ? splitFields(parts, FORMAT_FIELD) : undefined;
  }
  if (fn && PATH_JOINS.has(ctx.importedPath(fn) ?? '')) {
    const out: StringPart[] = [];
    callArguments(call).forEach((arg, i) => {
      if (i > 0) out.push({ text: '/' });
      out.push(...(partsOf(arg, ctx, depth + 1) ?? [{ expr: arg }]));
    });
    return out.length ? out : undefined;
  }
  return undefined;
}

function splitFields(parts: StringPart[], field: RegExp): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    if (!('text' in p)) { out.push(p); continue; }
    let last = 0;
    for (const m of p.text.matchAll(field)) {
      if (m.index! > last) out.push({ text: p.text.slice(last, m.index) });
      out.push({ expr: null });
      last = m.index! + m[0].length;
    }
    if (last < p.text.length) out.push({ text: p.text.slice(last) });
  }
  return out;
}

/** A string literal (plain or f-string) as parts; undefined for bytes. */
function stringLiteralParts(node: SyntaxNode): StringPart[] | undefined {
  const open = node.namedChildren.find((c) => c.type === 'string_start');
  const close = node.namedChildren.find((c) => c.type === 'string_end');
  if (!open || !close || /[bB]/.test(open.text)) return undefined;
  const out: StringPart[] = [];
  let cursor = open.endIndex;
  const cut = (until: number) => {
    if (until > cursor) out.push({ text: node.text.slice(cursor - node.startIndex, until - node.startIndex) });
  };
  for (const part of node.namedChildren) {
    if (part.type !== 'interpolation') continue;
    cut(part.startIndex);
    out.push({ expr: part.namedChildren.find((c) => c.type !== 'type_conversion' && c.type !== 'format_specifier') ?? null });
    cursor = part.endIndex;
  }
  cut(close.startIndex);
  return out;
}
