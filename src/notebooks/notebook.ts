import { detectStringStyle, JsonSyntaxError, member, parseJsonWithRanges, type JsonNode, type JsonString, type JsonStringStyle } from './jsonScan.js';
import { maskMagics, type MagicRegion } from './magics.js';

/**
 * A notebook's code cells as one Python module, in cell order (an import in cell 1 serves cell 9),
 * with the maps between that virtual module and the notebook's JSON text.
 */
export interface CodeCell {
  /** Index among all cells of the notebook (markdown ones included), 0-based. */
  index: number;
  /** The `source` value: one string, or a list of strings (usually one per line). */
  form: 'string' | 'list';
  /** The JSON node of `source` (the string, or the array). */
  node: JsonNode;
  /** The string literals that make up the source, with where their text starts in `text`. */
  pieces: Array<{ str: JsonString; offset: number }>;
  /** The decoded source of the cell. */
  text: string;
  magics: MagicRegion[];
  /** Where the cell's text starts in the virtual module. */
  virtualStart: number;
}

export interface ParsedNotebook {
  cells: CodeCell[];
  /** The code cells joined, magics masked: what the Python analyzer sees. */
  virtual: string;
  /** The same layout with the magics left in: what the shell-line checks read. */
  original: string;
  style: JsonStringStyle;
}

export type NotebookParse = { notebook: ParsedNotebook } | { error: string } | { skip: string };

export function parseNotebook(text: string): NotebookParse {
  let root: JsonNode;
  try {
    root = parseJsonWithRanges(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { error: `invalid JSON (${err.message})` };
    throw err;
  }
  if (root.type !== 'object') return { error: 'the top level is not a JSON object' };
  const cellsNode = member(root, 'cells');
  if (!cellsNode) {
    return { error: member(root, 'worksheets') ? 'nbformat 3 notebooks (with `worksheets`) are not supported; convert with `jupyter nbconvert --to notebook`' : 'no `cells` list' };
  }
  if (cellsNode.type !== 'array') return { error: '`cells` is not a list' };
  const language = notebookLanguage(root);
  if (language && language !== 'python') return { skip: `a ${language} notebook` };

  const cells: CodeCell[] = [];
  let virtual = '';
  let original = '';
  for (let index = 0; index < cellsNode.items.length; index++) {
    const cell = cellsNode.items[index]!;
    if (cell.type !== 'object') return { error: `cell ${index} is not a JSON object` };
    const type = member(cell, 'cell_type');
    if (type?.type !== 'string') return { error: `cell ${index} has no \`cell_type\`` };
    if (type.value !== 'code') continue;
    const source = member(cell, 'source');
    const pieces = sourcePieces(source);
    if (!pieces) return { error: `cell ${index}: \`source\` is not a string or a list of strings` };
    const cellText = pieces.map((p) => p.str.value).join('');
    const { masked, regions } = maskMagics(cellText);
    cells.push({ index, form: source!.type === 'string' ? 'string' : 'list', node: source!, pieces, text: cellText, magics: regions, virtualStart: virtual.length });
    // Cells are separate statements: never let one cell's last line run into the next.
    const separator = masked.endsWith('\n') ? '' : '\n';
    virtual += masked + separator;
    original += cellText + separator;
  }
  return { notebook: { cells, virtual, original, style: detectStringStyle(text) } };
}

function notebookLanguage(root: JsonNode): string | undefined {
  const metadata = member(root, 'metadata');
  const fromInfo = member(member(metadata, 'language_info'), 'name');
  const fromKernel = member(member(metadata, 'kernelspec'), 'language');
  const name = fromInfo?.type === 'string' ? fromInfo.value : fromKernel?.type === 'string' ? fromKernel.value : undefined;
  return name?.toLowerCase();
}

function sourcePieces(source: JsonNode | undefined): CodeCell['pieces'] | undefined {
  if (source?.type === 'string') return [{ str: source, offset: 0 }];
  if (source?.type !== 'array') return undefined;
  const pieces: CodeCell['pieces'] = [];
  let offset = 0;
  for (const item of source.items) {
    if (item.type !== 'string') return undefined;
    pieces.push({ str: item, offset });
    offset += item.value.length;
  }
  return pieces;
}

/** The code cell holding a virtual-module index (the newline added after a cell counts to it). */
export function cellAt(nb: ParsedNotebook, virtualIndex: number): CodeCell | undefined {
  let lo = 0;
  let hi = nb.cells.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (nb.cells[mid]!.virtualStart <= virtualIndex) lo = mid;
    else hi = mid - 1;
  }
  return nb.cells[lo];
}

/**
 * Index into the notebook text of a cell offset. `bias: 'end'` puts an offset that falls between
 * two list items at the end of the first (where a range ending there stops).
 */
export function rawIndexOf(cell: CodeCell, offset: number, bias: 'start' | 'end' = 'start'): number {
  const clamped = Math.max(0, Math.min(offset, cell.text.length));
  if (cell.pieces.length === 0) return cell.node.start + 1;
  for (const p of cell.pieces) {
    const len = p.str.value.length;
    const inside = bias === 'start' ? clamped >= p.offset && clamped < p.offset + len : clamped > p.offset && clamped <= p.offset + len;
    if (inside) return p.str.rawIndex[clamped - p.offset]!;
  }
  // Offset 0 of a cell with only empty strings, or the very end of the cell.
  const last = cell.pieces[cell.pieces.length - 1]!;
  return clamped === 0 ? cell.pieces[0]!.str.rawIndex[0]! : last.str.rawIndex[last.str.value.length]!;
}

/** 1-based line and column of a cell offset, inside the cell. */
export function cellPosition(cell: CodeCell, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = cell.text.indexOf('\n'); k >= 0 && k < offset; k = cell.text.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
  return { line, column: offset - lineStart + 1 };
}
