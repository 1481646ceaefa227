import type { Edit, Finding } from '../engine/types.js';

/**
 * Pure edit handling: which fixes of one pass can be applied together, and applying them.
 * Edits are in UTF-16 indices of the text they were computed on.
 */

/** Fixes that apply in this run: safe ones, plus unsafe ones when the user opted in. */
export function isApplicable(f: Finding, unsafeFixes: boolean): boolean {
  return !!f.fix && f.fix.edits.length > 0 && (f.fix.applicability === 'safe' || unsafeFixes);
}

export function sameEdit(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/**
 * Two different edits conflict when their ranges intersect, or when they start at the same index
 * (two insertions at one point have no defined order). Identical edits never conflict: they
 * apply once (e.g. the same `import mlflow` added by two findings).
 */
export function editsConflict(a: Edit, b: Edit): boolean {
  if (sameEdit(a, b)) return false;
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

function firstStart(f: Finding): number {
  return Math.min(...f.fix!.edits.map((e) => e.start));
}

export interface FixSelection {
  chosen: Finding[];
  /** Applicable but overlapping a chosen fix: retried on the re-analysed text of the next pass. */
  deferred: Finding[];
  /** The union of the chosen fixes' edits, duplicates removed. */
  edits: Edit[];
}

/**
 * Picks the fixes of one pass in source order, skipping any whose edits conflict with an already
 * chosen fix (or with each other). `canApply` lets the caller veto a fix (e.g. unencodable text).
 */
export function selectFixes(findings: readonly Finding[], unsafeFixes: boolean, canApply: (f: Finding) => boolean = () => true): FixSelection {
  const candidates = findings.filter((f) => isApplicable(f, unsafeFixes)).sort((a, b) => firstStart(a) - firstStart(b));
  const chosen: Finding[] = [];
  const deferred: Finding[] = [];
  const edits: Edit[] = [];
  for (const f of candidates) {
    const own = uniqueEdits(f.fix!.edits);
    const selfConflict = own.some((e, i) => own.some((o, j) => i !== j && editsConflict(e, o)));
    if (selfConflict) continue; // A malformed fix never applies.
    if (own.some((e) => edits.some((c) => editsConflict(e, c)))) { deferred.push(f); continue; }
    if (!canApply(f)) continue;
    chosen.push(f);
    for (const e of own) if (!edits.some((c) => sameEdit(c, e))) edits.push(e);
  }
  return { chosen, deferred, edits: edits.sort((a, b) => a.start - b.start) };
}

export function uniqueEdits(edits: readonly Edit[]): Edit[] {
  return edits.filter((e, i) => edits.findIndex((o) => sameEdit(o, e)) === i);
}

/** Applies non-conflicting edits to `text` (each in the coordinates of the original text). */
export function applyTextEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    parts.push(text.slice(cursor, e.start), e.text);
    cursor = e.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/**
 * Maps an index of the text produced by `edits` back to the text they were applied to. An index
 * inside replaced text maps to the start of the replaced range.
 */
export function mapIndexBack(index: number, edits: readonly Edit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const newStart = e.start + delta;
    const newEnd = newStart + e.text.length;
    if (index < newStart) break;
    if (index < newEnd) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return index - delta;
}
