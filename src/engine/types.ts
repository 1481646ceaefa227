/** Vocabulary shared by the engine, the fixer and the reporters. */
export type Severity = 'error' | 'warning' | 'info';
export type Applicability = 'safe' | 'unsafe';

/** A replacement of `text[start, end)` (UTF-16 indices into the decoded source) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  applicability: Applicability;
  /** What the fix does, e.g. "Rename to `extra_metrics`". */
  title: string;
  edits: Edit[];
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  /** Path as shown to the user. */
  path: string;
  /** UTF-16 indices into the decoded source. */
  start: number;
  end: number;
  /** Title of the fix, or the manual action when there is no automatic fix. */
  help?: string;
  fix?: Fix;
  /**
   * For findings in a notebook: the code cell (0-based index among all cells) and the 1-based
   * line and column inside that cell. `start`/`end` still index the notebook file's text.
   */
  cell?: { index: number; line: number; column: number };
}

/** A file that could not be analysed (unreadable, binary, undecodable, internal error). */
export interface FileProblem {
  path: string;
  message: string;
  kind: 'read' | 'decode' | 'parse' | 'internal';
}
