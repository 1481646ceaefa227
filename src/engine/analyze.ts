import type { PythonParser, SyntaxNode, SyntaxTree } from '../parser/types.js';
import type { MlflowApi } from '../semantic/apiIndex.js';
import { walkTree, type VisitedNode, type WalkResult } from '../semantic/builder.js';
import { SemanticModel } from '../semantic/model.js';
import type { SourceFile } from '../source/sourceFile.js';
import { nodeTypesOf, visitCheck, visitsOnlyReferences } from './checkKinds.js';
import { CheckContext } from './context.js';
import type { Check, RuleDefinition } from './rule.js';
import type { FileProblem, Finding } from './types.js';
import { applySuppressions, UNUSED_SUPPRESSION_CODE } from './suppressions.js';
import { textImportsMlflow } from './checks/mlflowFile.js';
import { referencesOf } from './checks/references.js';
import { triggerScannerFor } from './triggers.js';
import { parseForRules, planFor, plannedText } from './pruning/parse.js';
import { definitionKeepPatterns } from './pruning/keep.js';
import { hasStarImport } from './pruning/select.js';

export interface AnalyzerOptions {
  /** The rules in effect (already filtered by selection and version range). */
  rules: readonly RuleDefinition[];
  api: MlflowApi;
  parser: PythonParser;
  /** Skip rules whose trigger words are absent (off only to prove the prefilter changes nothing). */
  prefilter?: boolean;
  /** Every rule code the tool knows (for suppressions naming unselected rules); default: `rules`. */
  knownCodes?: ReadonlySet<string>;
  /** The MLflow version being migrated to (dependency pins move to it); default 3.4.0. */
  targetVersion?: string;
}

export interface FileAnalysis {
  findings: Finding[];
  problems: FileProblem[];
  /** The file imports MLflow. */
  usesMlflow: boolean;
  /** The tree was built (at least one rule could fire). */
  parsed: boolean;
  /** ERROR + MISSING nodes of the parse (the fixer compares them before and after). */
  syntaxErrors: number;
}

export const PARSE_ERROR_CODE = 'MLF001';
const SUPPRESSION_HINT = /noqa|mlflow-migrate:/i;

/** Rules that could fire on this text: the trigger words of a rule must appear in it. */
export function rulesForText(text: string, rules: readonly RuleDefinition[], prefilter = true): RuleDefinition[] {
  if (!prefilter) return [...rules];
  return triggerScannerFor(rules).rulesFor(text);
}

/** Parses `file.text` and counts its syntax errors (used by the fixer to verify edits). */
export function countSyntaxErrors(parser: PythonParser, text: string): number {
  const tree = parser.parse(text);
  try {
    return collectErrors(tree.rootNode).length;
  } finally {
    tree.delete?.();
  }
}

function collectErrors(root: SyntaxNode): SyntaxNode[] {
  if (!root.hasError) return [];
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.type === 'ERROR' || n.isMissing) { out.push(n); continue; }
    if (n.hasError) stack.push(...n.children);
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/**
 * Runs the rules over one decoded file: one parse, one walk, then each rule's checks over the
 * nodes of the types they declared. Findings inside parse-broken regions are dropped and an
 * MLF001 finding says so; fixes whose edits would swallow a comment are downgraded to unsafe.
 */
export function analyzeFile(file: SourceFile, options: AnalyzerOptions): FileAnalysis {
  const usesMlflow = textImportsMlflow(file.text);
  // No rule at all (the source-version pass asks files for their facts only): nothing to plan.
  if (options.rules.length === 0) return { findings: [], problems: [], usesMlflow, parsed: false, syntaxErrors: 0 };
  const prefilter = options.prefilter ?? true;
  // The patterns of every rule in effect: one list per session (the memos key on it), and a rule
  // this file does not trigger can only make more definitions be parsed.
  const plan = planFor(options.parser, file.text, { prune: prefilter, keep: definitionKeepPatterns(options.rules) });
  // Rules read only the tree, and no finding can lie in a statement the plan leaves unparsed, so
  // trigger words count in the parsed text only (suppression comments are always parsed).
  let parsedText = plannedText(file.text, plan);
  let rules = rulesForText(parsedText, options.rules, prefilter);
  const parseErrorRule = options.rules.find((r) => r.code === PARSE_ERROR_CODE);
  const unusedSuppressionRule = options.rules.find((r) => r.code === UNUSED_SUPPRESSION_CODE);
  // Unused suppressions can only be found by parsing, even where no other rule could fire.
  const checksSuppressions = !!unusedSuppressionRule && SUPPRESSION_HINT.test(parsedText);
  if (rules.length === 0 && !checksSuppressions) return { findings: [], problems: [], usesMlflow, parsed: false, syntaxErrors: 0 };

  let tree: SyntaxTree | undefined;
  const findings: Finding[] = [];
  const problems: FileProblem[] = [];
  try {
    try {
      const parsed = parseForRules(options.parser, file.text, plan);
      tree = parsed.tree;
      // The plan was dropped: the rules read the whole text.
      if (plan && parsed.whole) {
        parsedText = file.text;
        rules = rulesForText(parsedText, options.rules, prefilter);
      }
    } catch (err) {
      return { findings: [], problems: [{ path: file.path, kind: 'parse', message: `could not be parsed: ${(err as Error).message}` }], usesMlflow, parsed: false, syntaxErrors: 0 };
    }
    const starImport = hasStarImport(parsedText);
    const runs = (check: Check) => starImport || check.kind !== 'custom' || !check.onlyWithStarImport;
    const wanted = new Set(rules.flatMap((r) => r.checks.flatMap((c) => (runs(c) ? nodeTypesOf(c) : []))));
    const walk = walkTree(tree, wanted);
    const model = new SemanticModel(walk.moduleScope, options.api);
    const naming = namingNodes(walk);
    for (const rule of rules) {
      const ctx = new CheckContext(rule, file, model, findings);
      for (const check of rule.checks) {
        if (!runs(check)) continue;
        for (const type of nodeTypesOf(check)) {
          visitAll(check, visitsOnlyReferences(check) ? naming(type, ctx) : walk.nodesByType.get(type) ?? [], ctx, problems);
        }
      }
    }
    const errors = collectErrors(tree.rootNode);
    const kept = findings.filter((f) => !errors.some((e) => overlaps(f.start, f.end, e.startIndex, e.endIndex)));
    if (errors.length && parseErrorRule) kept.push(parseErrorFinding(file, errors, parseErrorRule));
    for (const f of kept) downgradeIfCommentInside(f, walk.comments);
    const knownCodes = options.knownCodes ?? new Set(options.rules.map((r) => r.code));
    const unsuppressed = applySuppressions(dedupe(kept), tree.rootNode, walk.comments, file, options.rules, knownCodes, unusedSuppressionRule);
    return { findings: sortFindings(unsuppressed), problems, usesMlflow, parsed: true, syntaxErrors: errors.length };
  } finally {
    tree?.delete?.();
  }
}

/**
 * One check over its nodes (an indexed loop: the engine's hottest, run cold in a short process).
 * A check that throws is an internal problem of the file; the other nodes are still visited.
 */
function visitAll(check: Check, nodes: readonly VisitedNode[], ctx: CheckContext, problems: FileProblem[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const visited = nodes[i]!;
    ctx.scope = visited.scope;
    try {
      visitCheck(check, visited.node, ctx);
    } catch (err) {
      problems.push({ path: ctx.file.path, kind: 'internal', message: `rule ${ctx.rule.code} failed at offset ${visited.node.startIndex}: ${(err as Error).message}` });
    }
  }
}

/**
 * The nodes of a type that name a path (imports, attribute chains through an import, mock
 * targets), found once per file for every check that acts only on those: each such check
 * visited every attribute and string, most of which name nothing.
 */
function namingNodes(walk: WalkResult): (type: string, ctx: CheckContext) => readonly VisitedNode[] {
  const byType = new Map<string, VisitedNode[]>();
  // References do not depend on the rule asking (they are shared): any rule's context finds them.
  return (type, ctx) => {
    let list = byType.get(type);
    if (!list) {
      list = (walk.nodesByType.get(type) ?? []).filter((visited) => {
        ctx.scope = visited.scope;
        try {
          return referencesOf(visited.node, ctx).length > 0;
        } catch {
          return true; // visited, so that the check's own call reports the failure
        }
      });
      byType.set(type, list);
    }
    return list;
  };
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  // A zero-width MISSING node at the finding's edge still marks the region as broken.
  return aStart <= bEnd && bStart <= aEnd;
}

function parseErrorFinding(file: SourceFile, errors: SyntaxNode[], rule: RuleDefinition): Finding {
  const first = errors[0]!;
  const line = file.positionOf(first.startIndex).line;
  const what = first.isMissing ? `missing \`${first.type}\`` : 'invalid syntax';
  return {
    code: rule.code,
    name: rule.name,
    severity: rule.severity,
    message: `The file could not be fully parsed (${errors.length} syntax error${errors.length === 1 ? '' : 's'}, first: ${what} on line ${line}); findings inside the broken regions are not reported`,
    path: file.path,
    start: first.startIndex,
    end: Math.max(first.endIndex, first.startIndex),
    help: 'Fix the syntax error and run again',
  };
}

/** A fix whose edited range contains a comment would delete or move it: it needs a human. */
function downgradeIfCommentInside(f: Finding, comments: SyntaxNode[]): void {
  if (!f.fix || f.fix.applicability === 'unsafe') return;
  const swallows = f.fix.edits.some((e) => comments.some((c) => c.startIndex >= e.start && c.endIndex <= e.end && e.end > e.start));
  if (swallows) f.fix = { ...f.fix, applicability: 'unsafe' };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}:${f.start}:${f.end}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
