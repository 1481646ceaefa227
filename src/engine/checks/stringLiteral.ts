import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { StringLiteralCheck } from '../rule.js';
import { fileImportsMlflow } from './mlflowFile.js';

/**
 * A value MLflow gives meaning to, written as a string: a run tag name, a `models:/` URI. Only
 * the literal text is matched (f-string interpolations never are), docstrings and bare string
 * statements are skipped, and a rewrite replaces just the matched characters. A whole-literal
 * check also reads a concatenation its string starts, other operands standing for any text
 * (`"models:/" + name + "/Production"` reads as `models:/{}/Production`).
 */
export const stringLiteral = {
  nodeTypes: ['string'],
  visit(check: StringLiteralCheck, node: SyntaxNode, ctx: CheckContext): void {
    if (node.parent?.type === 'expression_statement') return; // docstrings and no-op strings
    if (check.onlyInMlflowFiles && !fileImportsMlflow(ctx)) return;
    const literal = literalText(node);
    if (!literal) return;
    if (check.wholeLiteral) {
      // The literal alone, else the concatenation it starts (`"models:/" + name + "/Production"`).
      let text = holeJoined(literal);
      let at = node;
      if (!check.patterns.some((p) => p.pattern.test(text))) {
        const whole = concatenationStartedBy(node);
        if (!whole) return;
        text = whole.text;
        at = whole.node;
        if (!check.patterns.some((p) => p.pattern.test(text))) return;
      }
      ctx.report({ node: at, message: fill(check.message, { match: text }), help: fill(check.help, { match: text }) });
      return;
    }
    for (const segment of literal.segments) {
      for (const { pattern, replaceWith } of check.patterns) {
        const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
        for (const m of segment.text.matchAll(global)) {
          const start = segment.start + m.index!;
          const end = start + m[0].length;
          const values = { match: m[0], replacement: replaceWith };
          ctx.report({
            start,
            end,
            message: fill(check.message, values),
            help: fill(check.help, values),
            fix: replaceWith !== undefined ? { applicability: check.applicability ?? 'safe', edits: [{ start, end, text: replaceWith }] } : undefined,
          });
        }
      }
    }
  },
};

/** A string's text with `{}` for each interpolation: what a whole-literal pattern reads. */
function holeJoined(literal: { segments: Array<{ text: string }> }): string {
  return literal.segments.map((s) => s.text).join('{}');
}

/**
 * The `+` chain (or implicit concatenation, `"a" "b"`) whose first string operand is `node`, as
 * one text with `{}` for every operand that is not a string literal; undefined when `node` starts
 * none (a chain is read once, from its first string).
 */
function concatenationStartedBy(node: SyntaxNode): { node: SyntaxNode; text: string } | undefined {
  let top = node;
  while (top.parent && (top.parent.type === 'concatenated_string' || isPlus(top.parent))) top = top.parent;
  if (top === node) return undefined;
  const operands: SyntaxNode[] = [];
  const flatten = (n: SyntaxNode): void => {
    if (n.type === 'concatenated_string') n.namedChildren.forEach(flatten);
    else if (isPlus(n)) { flatten(n.childForFieldName('left')!); flatten(n.childForFieldName('right')!); }
    else operands.push(n);
  };
  flatten(top);
  if (operands.find((o) => o.type === 'string') !== node) return undefined;
  const text = operands.map((o) => { const literal = literalText(o); return literal ? holeJoined(literal) : '{}'; }).join('');
  return { node: top, text };
}

function isPlus(n: SyntaxNode): boolean {
  return n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+' && !!n.childForFieldName('left') && !!n.childForFieldName('right');
}

/** The literal parts of a string (between interpolations), with their source ranges; none for bytes. */
export function literalText(node: SyntaxNode): { segments: Array<{ text: string; start: number }> } | undefined {
  if (node.type !== 'string') return undefined;
  const open = node.namedChildren.find((c) => c.type === 'string_start');
  const close = node.namedChildren.find((c) => c.type === 'string_end');
  if (!open || !close || /[bB]/.test(open.text)) return undefined;
  const segments: Array<{ text: string; start: number }> = [];
  let cursor = open.endIndex;
  const cut = (until: number) => segments.push({ text: node.text.slice(cursor - node.startIndex, until - node.startIndex), start: cursor });
  for (const part of node.namedChildren) {
    if (part.type !== 'interpolation') continue;
    cut(part.startIndex);
    cursor = part.endIndex;
  }
  cut(close.startIndex);
  return { segments };
}
