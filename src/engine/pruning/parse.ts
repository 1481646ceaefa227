import { copyTree } from '../../parser/jsTree.js';
import type { PythonParser, SyntaxNode, SyntaxTree } from '../../parser/types.js';
import { planPartialParse, type PartialParse } from './select.js';

/**
 * The top-level statements no rule can depend on, to be left unparsed (./select.ts); undefined
 * when the whole text is parsed (pruning off, a parser without ranges, or nothing to skip).
 */
export function planFor(parser: PythonParser, text: string, options: { prune: boolean; keep: readonly RegExp[] }): PartialParse | undefined {
  return options.prune && parser.parseRanges ? planPartialParse(text, options.keep) : undefined;
}

/**
 * The text a plan parses, its ranges joined by newlines (each range ends at a statement boundary,
 * so no word is made up across a cut).
 */
export function plannedText(text: string, plan: PartialParse | undefined): string {
  return plan ? plan.ranges.map((r) => text.slice(r.startIndex, r.endIndex)).join('\n') : text;
}

/**
 * The tree the rules read, copied into JS objects (rules read nodes many times) with the parser's
 * own tree freed. With a plan, the skipped statements are left out; the partial tree is used only
 * when it has no syntax error and its top-level statements are exactly the ones the text splitter
 * kept, else the whole text is parsed (`whole`), so that a splitter mistake or a broken file costs
 * time, never findings.
 */
export function parseForRules(parser: PythonParser, text: string, plan: PartialParse | undefined): { tree: SyntaxTree; whole: boolean } {
  if (plan) {
    const partial = copied(parser, text, parser.parseRanges!(text, plan.ranges));
    if (agrees(partial.rootNode, plan)) return { tree: partial, whole: false };
    partial.delete?.();
  }
  return { tree: copied(parser, text, parser.parse(text)), whole: true };
}

function copied(parser: PythonParser, text: string, parsed: SyntaxTree): SyntaxTree {
  try {
    return copyTree(parsed, text, parser.walk?.(parsed));
  } finally {
    parsed.delete?.();
  }
}

function agrees(root: SyntaxNode, plan: PartialParse): boolean {
  if (root.hasError) return false;
  const starts = new Set<number>();
  let range = 0;
  for (const child of root.namedChildren) {
    if (child.type === 'comment') continue;
    while (range < plan.ranges.length && plan.ranges[range]!.endIndex <= child.startIndex) range++;
    const r = plan.ranges[range];
    if (!r || child.startIndex < r.startIndex || child.endIndex > r.endIndex) return false;
    starts.add(child.startIndex);
  }
  return plan.keptStarts.every((s) => starts.has(s));
}
