import type { SyntaxNode } from '../parser/types.js';
import type { Binding } from './scope.js';

/**
 * A flow approximation over one scope's bindings of a name: which of them may hold when the name
 * is read at a position. Straight-line code keeps the last binding; `if/elif/else`, `try/except`
 * and `match` make every branch's binding a candidate (plus the binding before the statement when
 * a path through it binds nothing); a binding in another branch than the read never reaches it.
 * Loops are treated as straight-line code.
 */

type Range = readonly [start: number, end: number];

/** One branching statement around a binding. */
export interface BranchStep {
  readonly start: number;
  readonly end: number;
  /** The statement's alternatives, each one or more source ranges (a try body with its else clause). */
  readonly alternatives: readonly Range[][];
  /** A path through the statement runs no alternative (an `if` without `else`, a `match` without `case _`). */
  readonly implicitEmpty: boolean;
  /** The alternative holding the binding. */
  readonly alt: number;
}

const SCOPE_NODES = new Set([
  'module', 'function_definition', 'class_definition', 'lambda',
  'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
]);
const MAX_DEPTH = 16;

const stepsCache = new WeakMap<Binding, BranchStep[]>();

/** The branching statements around a binding, innermost first, up to its scope. */
export function branchSteps(binding: Binding): BranchStep[] {
  let steps = stepsCache.get(binding);
  if (steps) return steps;
  steps = [];
  for (let child = binding.node, n = child.parent; n && !SCOPE_NODES.has(n.type); child = n, n = n.parent) {
    const branches = alternativesOf(n);
    if (!branches) continue;
    const alt = alternativeAt(branches.alternatives, child.startIndex);
    if (alt < 0) continue; // in a condition or a finally clause: runs on every path
    steps.push({ start: n.startIndex, end: n.endIndex, alternatives: branches.alternatives, implicitEmpty: branches.implicitEmpty, alt });
  }
  stepsCache.set(binding, steps);
  return steps;
}

/**
 * The bindings (of one name, in one scope, ordered by `effectiveFrom`) that may give the name its
 * value when read at `at` (`Infinity`: after the scope has run, as a function body sees it).
 */
export function reachingBindings(all: readonly Binding[], at: number, depth = 0): Binding[] {
  let last = -1;
  for (let i = all.length - 1; i >= 0; i--) {
    const b = all[i]!;
    if (b.effectiveFrom <= at && !inOtherBranch(b, at)) { last = i; break; }
  }
  if (last < 0) return [];
  const binding = all[last]!;
  // The outermost branching statement around the binding that the read is not part of.
  let outer: BranchStep | undefined;
  for (const step of branchSteps(binding)) {
    if (step.start <= at && at < step.end) break;
    outer = step;
  }
  if (!outer || depth >= MAX_DEPTH) return [binding];
  const statement = outer;
  const inside = all.slice(0, last + 1).filter((b) => b.effectiveFrom <= at && within(b.node, [statement.start, statement.end]) && !inOtherBranch(b, at));
  const someAlternativeBindsNothing = statement.implicitEmpty || statement.alternatives.some((ranges) => !inside.some((b) => ranges.some((r) => within(b.node, r))));
  return someAlternativeBindsNothing ? [...reachingBindings(all, statement.start, depth + 1), ...inside] : inside;
}

/** The binding sits in one branch of a statement and the read in another: it cannot reach the read. */
function inOtherBranch(binding: Binding, at: number): boolean {
  return branchSteps(binding).some((step) => {
    if (at < step.start || at >= step.end) return false;
    const readAlt = alternativeAt(step.alternatives, at);
    return readAlt >= 0 && readAlt !== step.alt;
  });
}

function alternativeAt(alternatives: readonly Range[][], index: number): number {
  return alternatives.findIndex((ranges) => ranges.some(([s, e]) => s <= index && index < e));
}

function within(node: SyntaxNode, [start, end]: Range): boolean {
  return node.startIndex >= start && node.startIndex < end;
}

function range(node: SyntaxNode): Range {
  return [node.startIndex, node.endIndex];
}

function alternativesOf(n: SyntaxNode): { alternatives: Range[][]; implicitEmpty: boolean } | undefined {
  switch (n.type) {
    case 'if_statement': {
      const consequence = n.childForFieldName('consequence');
      const others = n.childrenForFieldName('alternative');
      const alternatives = [consequence ? [range(consequence)] : [], ...others.map((c) => [range(c)])];
      return { alternatives, implicitEmpty: !others.some((c) => c.type === 'else_clause') };
    }
    case 'try_statement': {
      const handlers = n.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      if (!handlers.length) return undefined; // try/finally: one path
      const body = n.childForFieldName('body');
      const elseClause = n.namedChildren.find((c) => c.type === 'else_clause');
      const normal = [body, elseClause].filter((c): c is SyntaxNode => !!c).map(range);
      return { alternatives: [normal, ...handlers.map((h) => [range(h)])], implicitEmpty: false };
    }
    case 'match_statement': {
      const cases = n.childForFieldName('body')?.namedChildren.filter((c) => c.type === 'case_clause') ?? [];
      const catchAll = cases.some((c) => c.namedChildren[0]?.text === '_');
      return { alternatives: cases.map((c) => [range(c)]), implicitEmpty: !catchAll };
    }
    default:
      return undefined;
  }
}
