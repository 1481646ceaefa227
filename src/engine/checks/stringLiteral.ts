import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { StringLiteralCheck } from '../rule.js';
import { fileImportsMlflow } from './mlflowFile.js';

/**
 * A value MLflow gives meaning to, written as a string: a run tag name, a `models:/` URI. Only
 * the literal text is matched (f-string interpolations never are), docstrings and bare string
 * statements are skipped, and a rewrite replaces just the matched characters.
 */
export const stringLiteral = {
  nodeTypes: ['string'],
  visit(check: StringLiteralCheck, node: SyntaxNode, ctx: CheckContext): void {
    if (node.parent?.type === 'expression_statement') return; // docstrings and no-op strings
    if (check.onlyInMlflowFiles && !fileImportsMlflow(ctx)) return;
    const literal = literalText(node);
    if (!literal) return;
    if (check.wholeLiteral) {
      const text = literal.segments.map((s) => s.text).join('{}');
      const match = check.patterns.find((p) => p.pattern.test(text));
      if (match) ctx.report({ node, message: fill(check.message, { match: text }), help: fill(check.help, { match: text }) });
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
