import type { Edit } from './types.js';
import type { SyntaxNode } from '../parser/types.js';

/**
 * Edit builders for fixes that add whole statements (a follow-up call, an import). They keep the
 * file's layout: the new line takes the indentation of its neighbour and the line ending used at
 * that point of the file (CRLF files stay CRLF, a missing final newline stays missing).
 */

/** Index of the line terminator (`\r\n` or `\n`) ending the line that contains `index`, or the text length. */
export function endOfLine(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The line ending of the line holding `index`; on a last line without one, that of the line before; else `\n`. */
export function lineEndingAt(text: string, index: number): string {
  let nl = text.indexOf('\n', index);
  if (nl < 0) nl = text.lastIndexOf('\n', index);
  if (nl < 0) return '\n';
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The whitespace before `index` on its line; undefined when something else precedes it there. */
export function indentBefore(text: string, index: number): string | undefined {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const indent = text.slice(start, index);
  return /^[ \t\f]*$/.test(indent) ? indent : undefined;
}

/** Only blanks or a comment follow `index` on its line (no `;`, no backslash continuation). */
function lineEndsCleanly(text: string, index: number): boolean {
  return /^[ \t\f]*(#.*)?$/.test(text.slice(index, endOfLine(text, index)));
}

/**
 * Inserts `code` as a new line right after `statement`, with its indentation (after a trailing
 * comment, which stays on the statement's line). Undefined when the statement shares its line
 * with other code (`if x: stmt`, `stmt; other`), where a new line would change the meaning.
 */
export function insertLineAfter(text: string, statement: SyntaxNode, code: string): Edit | undefined {
  const indent = indentBefore(text, statement.startIndex);
  if (indent === undefined || !lineEndsCleanly(text, statement.endIndex)) return undefined;
  const at = endOfLine(text, statement.endIndex);
  return { start: at, end: at, text: `${lineEndingAt(text, statement.endIndex)}${indent}${code}` };
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function isDocstring(node: SyntaxNode): boolean {
  return node.type === 'expression_statement' && node.namedChildCount === 1 && node.namedChildren[0]!.type === 'string';
}

/**
 * Adds a top-level import line (`import mlflow`) that is in effect at `useIndex`: after the last
 * top-level import before that point, or else before the first statement (after the module
 * docstring; comments such as a shebang or a coding cookie stay above it).
 */
export function addImportEdit(text: string, module: SyntaxNode, useIndex: number, importLine: string): Edit | undefined {
  const statements = module.namedChildren.filter((c) => c.type !== 'comment');
  const use = statements.find((s) => s.startIndex <= useIndex && useIndex <= s.endIndex);
  const limit = use ? use.startIndex : useIndex;
  const imports = statements.filter((s) => IMPORT_TYPES.has(s.type) && s.endIndex <= limit);
  const last = imports[imports.length - 1];
  if (last) {
    if (!lineEndsCleanly(text, last.endIndex) || indentBefore(text, last.startIndex) !== '') return undefined;
    const at = endOfLine(text, last.endIndex);
    return { start: at, end: at, text: `${lineEndingAt(text, last.endIndex)}${importLine}` };
  }
  const anchor = statements.find((s, i) => !(i === 0 && isDocstring(s)));
  if (!anchor || indentBefore(text, anchor.startIndex) !== '') return undefined;
  return { start: anchor.startIndex, end: anchor.startIndex, text: `${importLine}${lineEndingAt(text, anchor.startIndex)}` };
}
