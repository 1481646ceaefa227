/** Line arithmetic shared by source files and parse trees (lines end at `\n`; `\r\n` counts as one). */

/** UTF-16 index of the first character of every line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line containing `index`, by binary search over `lineStartsOf`. */
export function lineContaining(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 0-based row and column (UTF-16 units) of `index`, as tree-sitter counts them. */
export function pointAt(starts: readonly number[], index: number): { row: number; column: number } {
  const row = lineContaining(starts, index);
  return { row, column: index - starts[row]! };
}
