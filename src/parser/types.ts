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

export interface PythonParser {
  readonly backend: ParserBackendName;
  parse(text: string): SyntaxTree;
}
