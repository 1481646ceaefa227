/**
 * The subset of the tree-sitter node API that mlflow-migrate uses. Both the native binding
 * (`tree-sitter`) and the WASM one (`web-tree-sitter`) satisfy it, and both report
 * `startIndex`/`endIndex` and `column` in UTF-16 code units of the parsed JavaScript string.
 */
export interface Point {
  row: number;
  column: number;
}

export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly isError: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[];
  readonly namedChildren: SyntaxNode[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly nextSibling: SyntaxNode | null;
  readonly previousSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  readonly previousNamedSibling: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  childrenForFieldName(name: string): SyntaxNode[];
  descendantsOfType(type: string | string[]): SyntaxNode[];
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** WASM trees must be freed explicitly; native trees are garbage collected. */
  delete?(): void;
}

export type ParserBackendName = 'native' | 'wasm';

/** A part of the text to parse, as tree-sitter's included ranges: UTF-16 offsets, rows count `\n`. */
export interface ParseRange {
  startIndex: number;
  endIndex: number;
  startPosition: Point;
  endPosition: Point;
}

export interface PythonParser {
  readonly backend: ParserBackendName;
  parse(text: string): SyntaxTree;
  /**
   * Parses only `ranges` of the text, as if the rest were absent; nodes keep their offsets in the
   * whole text. Absent: the backend parses whole texts only (src/engine/pruning/).
   */
  parseRanges?(text: string, ranges: readonly ParseRange[]): SyntaxTree;
  /**
   * A cursor over a tree this parser returned, for copyTree, when the backend has one faster than
   * its binding's public cursor (src/parser/wasm.ts). Absent: `tree.rootNode.walk()`.
   */
  walk?(tree: SyntaxTree): TreeCursor;
}

/** What copyTree reads from a cursor: both bindings' public cursors have it. */
export interface TreeCursor {
  readonly nodeType: string;
  readonly nodeTypeId: number;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  readonly currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete?(): void;
}
