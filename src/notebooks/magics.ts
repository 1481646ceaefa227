/**
 * IPython syntax in a code cell: line magics (`%pip install x`), shell escapes (`!ls`,
 * `files = !ls`), help (`obj?`, `?obj`) and cell magics (`%%bash`). These lines are not Python,
 * so they are masked out of the parse; their text is kept for the pin and CLI checks.
 */
export interface MagicRegion {
  /** UTF-16 offsets into the cell's source text (line terminators excluded at the end). */
  start: number;
  end: number;
  /** `statement-magic`: `%time` / `%timeit` / `%prun` before a Python statement, which stays visible. */
  kind: 'line-magic' | 'shell' | 'help' | 'cell-magic' | 'cell-body' | 'statement-magic';
  /** For cell bodies: the cell magic (`bash`, `writefile`, ...). */
  magic?: string;
}

export interface MaskedCell {
  /** The cell text with every magic character replaced (same length, same line breaks). */
  masked: string;
  regions: MagicRegion[];
}

/** Cell magics whose body is Python run in the kernel: only their first line is not Python. */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);
/** Databricks' cell languages, as the first line of a cell (`%sql`, `%sh`, `%python`, ...). */
const DATABRICKS_CELL_LANGUAGE = /^%(sql|sh|md|scala|r|fs|python)[ \t]*$/;
/** `%time` / `%timeit` / `%prun` followed by a statement (no options: `%timeit -n 10 f()` stays masked). */
const TIMED_STATEMENT = /^([ \t]*)(%(?:time|timeit|prun))[ \t]+(?![-\s#])/;
/** Cell magics whose body is a shell script. */
export const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'system', '!']);

interface LexState {
  depth: number;
  /** Open string: its quote (`'`, `"`, `'''`, `"""`). */
  quote: string | null;
  continued: boolean;
}

export function maskMagics(source: string): MaskedCell {
  const lines = splitLines(source);
  const regions: MagicRegion[] = [];
  const first = lines[0];
  const firstText = first ? source.slice(first.start, first.end) : '';
  // `%%bash`; or Databricks' cell language, `%sql` / `%sh` / `%md` alone on the first line (in
  // Jupyter such a line magic without arguments does nothing, and SQL under it is no Python).
  const cellMagic = /^%%(\S+)/.exec(firstText) ?? DATABRICKS_CELL_LANGUAGE.exec(firstText);
  if (first && cellMagic) {
    regions.push({ start: first.start, end: first.end, kind: 'cell-magic', magic: cellMagic[1] });
    const pythonBody = PYTHON_BODY_CELL_MAGICS.has(cellMagic[1]!) || (cellMagic[0].startsWith('%') && !cellMagic[0].startsWith('%%') && cellMagic[1] === 'python');
    if (!pythonBody) {
      const last = lines[lines.length - 1]!;
      if (lines.length > 1) regions.push({ start: lines[1]!.start, end: last.end, kind: 'cell-body', magic: cellMagic[1] });
      return { masked: mask(source, regions), regions };
    }
  }
  const state: LexState = { depth: 0, quote: null, continued: false };
  for (let n = cellMagic ? 1 : 0; n < lines.length; n++) {
    const line = lines[n]!;
    const text = source.slice(line.start, line.end);
    if (state.depth === 0 && state.quote === null && !state.continued) {
      // `%time res = mlflow.evaluate(...)`: IPython runs the statement; only the magic is masked.
      const timed = TIMED_STATEMENT.exec(text);
      if (timed) {
        const start = line.start + timed[1]!.length;
        regions.push({ start, end: start + timed[2]!.length, kind: 'statement-magic' });
        lexLine(text, state);
        continue;
      }
      const kind = magicKind(text);
      if (kind) {
        // A magic ending in a backslash goes on over the next line(s).
        let last = n;
        while (last + 1 < lines.length && /\\\s*$/.test(source.slice(lines[last]!.start, lines[last]!.end))) last++;
        regions.push({ start: line.start + (text.length - text.trimStart().length), end: lines[last]!.end, kind });
        n = last;
        continue;
      }
    }
    lexLine(text, state);
  }
  return { masked: mask(source, regions), regions };
}

function magicKind(line: string): MagicRegion['kind'] | null {
  const t = line.trim();
  if (!t || t.startsWith('#')) return null;
  if (t.startsWith('%')) return 'line-magic';
  if (t.startsWith('!')) return 'shell';
  if (t.startsWith('?') || /\?\??$/.test(stripComment(t))) return 'help';
  // `files = !ls`, `out = %sx ls`: an assignment whose value is a magic.
  if (/^[\w.,\s[\]()*]+=\s*[!%]/.test(t) && !/^[\w.,\s[\]()*]+==/.test(t)) return t.match(/=\s*!/) ? 'shell' : 'line-magic';
  return null;
}

function stripComment(t: string): string {
  // Good enough for the help check: a `?` inside a string ends no valid Python line anyway.
  const hash = t.indexOf('#');
  return (hash >= 0 ? t.slice(0, hash) : t).trimEnd();
}

/** Advances the lexical state over one line of Python: brackets, strings, comments, `\` joins. */
function lexLine(line: string, state: LexState): void {
  state.continued = false;
  let j = 0;
  while (j < line.length) {
    const c = line[j]!;
    if (state.quote) {
      if (c === '\\') { j += 2; continue; }
      if (line.startsWith(state.quote, j)) { j += state.quote.length; state.quote = null; continue; }
      j++;
      continue;
    }
    if (c === '#') return;
    if (c === '"' || c === "'") {
      state.quote = line.startsWith(c.repeat(3), j) ? c.repeat(3) : c;
      j += state.quote.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') state.depth++;
    else if (c === ')' || c === ']' || c === '}') state.depth = Math.max(0, state.depth - 1);
    else if (c === '\\' && j === line.length - 1) state.continued = true;
    j++;
  }
  // A one-quote string cannot span lines (unless the line ends with a backslash).
  if (state.quote && state.quote.length === 1 && !line.endsWith('\\')) state.quote = null;
}

interface Line {
  start: number;
  /** End of the line's text, before `\r\n` / `\n`. */
  end: number;
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl > start && text[nl - 1] === '\r' ? nl - 1 : nl });
    start = nl + 1;
  }
}

/**
 * Same length, same line breaks: each masked line becomes the expression statement `0` at its
 * own indentation (so a magic that is the only line of a block keeps the block valid), and a
 * statement magic `0;` before the statement it runs.
 */
function mask(source: string, regions: MagicRegion[]): string {
  const chars = source.split('');
  for (const r of regions) {
    for (let k = r.start; k < r.end; k++) {
      if (chars[k] === '\n' || chars[k] === '\r') continue;
      // A statement magic becomes `0;` before its statement: `0;   res = f()`.
      chars[k] = k === r.start && r.kind !== 'cell-body' ? '0' : k === r.start + 1 && r.kind === 'statement-magic' ? ';' : ' ';
    }
  }
  return chars.join('');
}
