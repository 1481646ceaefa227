import type { SyntaxNode } from '../parser/types.js';
import type { SourceFile } from '../source/sourceFile.js';
import type { RuleDefinition } from './rule.js';
import { enclosingStatement } from './syntax.js';
import type { Finding } from './types.js';

/**
 * Inline suppressions, as ruff users know them:
 * - `# noqa: MLF301, MLF302` or `# mlflow-migrate: ignore[MLF301]` on the finding's line, or on the
 *   first line of the (multi-line) statement that contains it; `# noqa` alone silences every code;
 * - `# mlflow-migrate: ignore-file[MLF2]` anywhere: the codes (or prefixes) for the whole file.
 * A suppression that silenced nothing is reported as MLF000 `unused-suppression`, with a fix that
 * removes it; an unknown code in a suppression is reported too, never a crash.
 */
export const UNUSED_SUPPRESSION_CODE = 'MLF000';

const NOQA = /#\s*noqa(?::\s*(?<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?/i;
const TOOL = /#\s*mlflow-migrate:\s*(?<verb>ignore-file|ignore)(?:\[(?<codes>[^\]]*)\])?/;

interface CodeEntry {
  code: string;
  /** Range of the code text in the file (for removing it). */
  start: number;
  end: number;
  used: boolean;
}

interface Suppression {
  kind: 'line' | 'file';
  comment: SyntaxNode;
  line: number;
  /** null: every code (`# noqa`, `# mlflow-migrate: ignore`). */
  codes: CodeEntry[] | null;
  /** The range of the directive inside the comment (`noqa: X` or `mlflow-migrate: ignore[X]`). */
  directiveStart: number;
  directiveEnd: number;
  usedBlanket: boolean;
}

function parseCodes(text: string, offset: number): CodeEntry[] {
  const entries: CodeEntry[] = [];
  const re = /[A-Za-z]+[0-9]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) entries.push({ code: m[0].toUpperCase(), start: offset + m.index, end: offset + m.index + m[0].length, used: false });
  return entries;
}

function parseComment(comment: SyntaxNode, file: SourceFile): Suppression | undefined {
  const directive = directiveIn(comment.text, comment.startIndex);
  return directive && { ...directive, comment, line: file.positionOf(comment.startIndex).line, usedBlanket: false };
}

/** The suppression directive of a comment's text at `offset` in the file: its kind, codes and range. */
function directiveIn(text: string, offset: number): Pick<Suppression, 'kind' | 'codes' | 'directiveStart' | 'directiveEnd'> | undefined {
  const tool = TOOL.exec(text);
  if (tool) {
    const codesText = tool.groups!.codes;
    const codesOffset = offset + tool.index + tool[0].indexOf('[') + 1;
    return {
      kind: tool.groups!.verb === 'ignore-file' ? 'file' : 'line',
      codes: codesText === undefined || codesText.trim() === '' ? null : parseCodes(codesText, codesOffset),
      directiveStart: offset + tool.index, directiveEnd: offset + tool.index + tool[0].length,
    };
  }
  const noqa = NOQA.exec(text);
  if (noqa) {
    const codesText = noqa.groups!.codes;
    const codesOffset = offset + noqa.index + noqa[0].length - (codesText?.length ?? 0);
    return {
      kind: 'line',
      codes: codesText === undefined ? null : parseCodes(codesText, codesOffset),
      directiveStart: offset + noqa.index, directiveEnd: offset + noqa.index + noqa[0].length,
    };
  }
  return undefined;
}

const matchesCode = (entry: CodeEntry, code: string) => code.startsWith(entry.code);

/**
 * Whether a line the parser does not see (a notebook's `%pip install` line, masked as a magic)
 * carries a line suppression of `code`: `# noqa`, `# noqa: MLF901`, `# mlflow-migrate: ignore[MLF9]`.
 * Such suppressions are not checked for use (MLF000).
 */
export function lineSuppresses(line: string, code: string): boolean {
  const directive = directiveIn(line, 0);
  return directive?.kind === 'line' && (directive.codes === null || directive.codes.some((entry) => matchesCode(entry, code)));
}

/**
 * Removes suppressed findings and appends MLF000 findings for suppressions that silenced nothing
 * (only for codes of rules that ran on this file, so `--select` does not make them "unused").
 */
export function applySuppressions(
  findings: Finding[],
  root: SyntaxNode,
  comments: SyntaxNode[],
  file: SourceFile,
  activeRules: readonly RuleDefinition[],
  knownCodes: ReadonlySet<string>,
  unusedRule: RuleDefinition | undefined,
): Finding[] {
  const suppressions = comments.map((c) => parseComment(c, file)).filter((s): s is Suppression => !!s);
  if (suppressions.length === 0) return findings;
  const fileLevel = suppressions.filter((s) => s.kind === 'file');
  const byLine = new Map<number, Suppression[]>();
  for (const s of suppressions) if (s.kind === 'line') byLine.set(s.line, [...(byLine.get(s.line) ?? []), s]);

  const silencedBy = (f: Finding, candidates: Suppression[]) => {
    for (const s of candidates) {
      if (s.codes === null) { s.usedBlanket = true; return true; }
      const entry = s.codes.find((e) => matchesCode(e, f.code));
      if (entry) { entry.used = true; return true; }
    }
    return false;
  };

  const kept = findings.filter((f) => {
    if (silencedBy(f, fileLevel)) return false;
    const line = file.positionOf(f.start).line;
    const lines = new Set([line, statementFirstLine(f, root, file) ?? line]);
    return ![...lines].some((l) => silencedBy(f, byLine.get(l) ?? []));
  });

  if (!unusedRule) return kept;
  const ran = new Set(activeRules.map((r) => r.code));
  for (const s of suppressions) {
    if (s.codes === null) continue; // a blanket `# noqa` may serve other linters
    for (const entry of s.codes) {
      if (!/^MLF\d*$/.test(entry.code)) continue; // another tool's code (E501, F401...)
      const known = [...knownCodes].some((c) => c.startsWith(entry.code));
      if (known && (entry.used || ![...ran].some((c) => c.startsWith(entry.code)))) continue;
      const message = known
        ? `Unused suppression of \`${entry.code}\`: no such finding here`
        : `Unknown rule code \`${entry.code}\` in suppression`;
      kept.push({
        code: unusedRule.code, name: unusedRule.name, severity: unusedRule.severity, message,
        path: file.path, start: entry.start, end: entry.end,
        help: 'Remove the unused suppression',
        fix: { applicability: 'safe', title: 'Remove the unused suppression', edits: [removalEdit(s, entry, file)] },
      });
    }
  }
  return kept;
}

/** First line of the statement around a finding, for suppressions on a multi-line statement's first line. */
function statementFirstLine(f: Finding, root: SyntaxNode, file: SourceFile): number | undefined {
  const node = descendantAt(root, f.start, f.end);
  return node ? file.positionOf(enclosingStatement(node).startIndex).line : undefined;
}

function descendantAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  let node: SyntaxNode = root;
  for (;;) {
    const child = childContaining(node.namedChildren, start, end);
    if (!child) return node === root ? undefined : node;
    node = child;
  }
}

/** Binary search over children (sorted, non-overlapping) for the one containing [start, end). */
function childContaining(children: SyntaxNode[], start: number, end: number): SyntaxNode | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid]!;
    if (c.endIndex < start) lo = mid + 1;
    else if (c.startIndex > start) hi = mid - 1;
    else {
      // Zero-width or adjacent neighbours can share an edge: check this one and its next sibling.
      for (const candidate of [c, children[mid + 1]]) {
        if (candidate && candidate.type !== 'comment' && candidate.startIndex <= start && candidate.endIndex >= end) return candidate;
      }
      return undefined;
    }
  }
  return undefined;
}

/** Removes one code from a list, or the whole directive (and the comment when nothing else is in it). */
function removalEdit(s: Suppression, entry: CodeEntry, file: SourceFile) {
  const others = s.codes!.filter((e) => e !== entry);
  if (others.length) {
    const i = s.codes!.indexOf(entry);
    // Remove the code with the separator before it (or after it, for the first code).
    const text = file.text;
    if (i > 0) {
      let start = entry.start;
      while (start > 0 && /[\s,]/.test(text[start - 1]!)) start--;
      return { start, end: entry.end, text: '' };
    }
    let end = entry.end;
    while (end < text.length && /[\s,]/.test(text[end]!) && text[end] !== '\n' && text[end] !== '\r') end++;
    return { start: entry.start, end, text: '' };
  }
  const comment = s.comment;
  const commentText = comment.text;
  const directiveOnly = commentText.slice(0, s.directiveStart - comment.startIndex).trim() === '' && commentText.slice(s.directiveEnd - comment.startIndex).trim() === '';
  if (!directiveOnly) return { start: s.directiveStart, end: s.directiveEnd, text: '' };
  // Remove the comment and the whitespace before it; an own-line comment goes with its line.
  let start = comment.startIndex;
  while (start > 0 && (file.text[start - 1] === ' ' || file.text[start - 1] === '\t')) start--;
  const ownLine = start === 0 || file.text[start - 1] === '\n';
  if (ownLine) {
    let end = comment.endIndex;
    if (file.text[end] === '\r') end++;
    if (file.text[end] === '\n') end++;
    return { start, end, text: '' };
  }
  return { start, end: comment.endIndex, text: '' };
}
