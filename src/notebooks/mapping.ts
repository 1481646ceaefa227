import type { Edit, Finding } from '../engine/types.js';
import { escapeJsonString, type JsonArray } from './jsonScan.js';
import { cellAt, cellPosition, rawIndexOf, type CodeCell, type ParsedNotebook } from './notebook.js';

/**
 * Findings and edits computed on the virtual module, moved onto the notebook's JSON text: a
 * position becomes the index of that character inside the cell's JSON string literal, an edit
 * becomes an edit of that literal with its text JSON-escaped like the rest of the file.
 */
export function mapFinding(f: Finding, nb: ParsedNotebook, text: string, options: { allowMagic?: boolean } = {}): Finding {
  const cell = cellAt(nb, f.start)!;
  const os = Math.min(f.start - cell.virtualStart, cell.text.length);
  const oe = Math.max(os, Math.min(f.end - cell.virtualStart, cell.text.length));
  const start = rawIndexOf(cell, os, 'start');
  const end = oe > os ? rawIndexOf(cell, oe, 'end') : start;
  const mapped: Finding = { ...f, start, end, cell: { index: cell.index, ...cellPosition(cell, os) } };
  delete mapped.fix;
  if (f.fix) {
    const edits = f.fix.edits.map((e) => mapEdit(e, nb, text, options.allowMagic ?? false));
    // An edit that cannot be carried over faithfully drops the fix; the finding stays.
    if (edits.every((e): e is Edit => !!e)) mapped.fix = { ...f.fix, edits };
  }
  return mapped;
}

export function mapEdit(edit: Edit, nb: ParsedNotebook, text: string, allowMagic: boolean): Edit | undefined {
  const cell = cellAt(nb, edit.start);
  if (!cell) return undefined;
  const os = edit.start - cell.virtualStart;
  const oe = edit.end - cell.virtualStart;
  if (os < 0 || oe < os || oe > cell.text.length) return undefined;
  // Python fixes never belong inside masked magics (the parser saw `0` and blanks there).
  if (!allowMagic && cell.magics.some((m) => os < m.end && oe > m.start)) return undefined;
  if (edit.text.includes('\r')) return undefined;
  if (cell.form === 'string' || cell.pieces.length === 0) {
    if (cell.pieces.length === 0) return undefined;
    const str = cell.pieces[0]!.str;
    return { start: str.rawIndex[os]!, end: str.rawIndex[oe]!, text: escapeJsonString(edit.text, nb.style) };
  }
  return mapListEdit(cell, os, oe, edit.text, nb, text);
}

/**
 * List-form sources hold one line per string. An edit inside one line stays inside its string;
 * an edit that adds, removes or spans line breaks rewrites the affected items as new lines,
 * separated as the file separates items.
 */
function mapListEdit(cell: CodeCell, os: number, oe: number, replacement: string, nb: ParsedNotebook, text: string): Edit | undefined {
  const pieces = cell.pieces;
  const pieceOf = (offset: number, bias: 'start' | 'end') => {
    const k = pieces.findIndex((p) => (bias === 'start' ? offset >= p.offset && offset < p.offset + p.str.value.length : offset > p.offset && offset <= p.offset + p.str.value.length));
    return k >= 0 ? k : offset === 0 ? 0 : pieces.length - 1;
  };
  const i = pieceOf(os, 'start');
  const j = oe > os ? pieceOf(oe, 'end') : i;
  const first = pieces[i]!;
  const removed = cell.text.slice(os, oe);
  if (i === j && !replacement.includes('\n') && !removed.includes('\n')) {
    return { start: first.str.rawIndex[os - first.offset]!, end: first.str.rawIndex[oe - first.offset]!, text: escapeJsonString(replacement, nb.style) };
  }
  const last = pieces[j]!;
  const joined = cell.text.slice(first.offset, last.offset + last.str.value.length);
  const updated = joined.slice(0, os - first.offset) + replacement + joined.slice(oe - first.offset);
  const lines = updated.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (lines.length === 0) return undefined;
  const separator = itemSeparator(cell.node as JsonArray, text);
  const quoted = lines.map((l) => `"${escapeJsonString(l, nb.style)}"`).join(separator);
  return { start: first.str.start, end: last.str.end, text: quoted };
}

/** How the file separates the items of a source list (`,\n    ` for nbformat's indented JSON). */
function itemSeparator(array: JsonArray, text: string): string {
  if (array.items.length >= 2) {
    const between = text.slice(array.items[0]!.end, array.items[1]!.start);
    if (/^\s*,\s*$/.test(between)) return between;
  }
  const lead = text.slice(array.start + 1, array.items[0]?.start ?? array.start + 1);
  return /^\s+$/.test(lead) ? `,${lead}` : ', ';
}
