import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../util/packageRoot.js';
import type { ParseRange, PythonParser, SyntaxTree, TreeCursor } from './types.js';

/** The grammar kept in `grammars/`, copied from tree-sitter-python's release. */
export function wasmGrammarPath(): string {
  return join(packageRoot(), 'grammars', 'tree-sitter-python.wasm');
}

/**
 * The cursor exports of web-tree-sitter's WASM module. Its public TreeCursor copies the cursor in
 * and out of the module's transfer buffer through generic accessors on every call, which made
 * copying a tree cost more than parsing it. The exports themselves keep the cursor in that buffer
 * between calls, so a walk that only calls them costs one WASM call per step or read.
 */
interface CursorExports {
  _ts_init(): number;
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const CURSOR_EXPORTS: Array<keyof CursorExports> = [
  '_ts_init', '_ts_tree_root_node_wasm', '_ts_tree_cursor_new_wasm', '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm', '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
];

interface LanguageNames {
  types: Array<string | undefined>;
  fields: Array<string | null>;
}

/**
 * A cursor driven through the module's exports. The transfer buffer is shared by every call into
 * the module, so nothing else may use the module while one is walking: copyTree walks a tree from
 * start to end in one synchronous loop and deletes the cursor at once.
 */
class ExportCursor implements TreeCursor {
  constructor(private readonly m: CursorExports, private readonly tree: number, private readonly language: LanguageNames) {
    m._ts_tree_root_node_wasm(tree);
    m._ts_tree_cursor_new_wasm(tree);
  }
  get nodeTypeId(): number { return this.m._ts_tree_cursor_current_node_type_id_wasm(this.tree); }
  get nodeType(): string { return this.language.types[this.nodeTypeId] ?? 'ERROR'; }
  get nodeIsNamed(): boolean { return this.m._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1; }
  get nodeIsMissing(): boolean { return this.m._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1; }
  get currentFieldId(): number { return this.m._ts_tree_cursor_current_field_id_wasm(this.tree); }
  get currentFieldName(): string | null { return this.language.fields[this.currentFieldId] ?? null; }
  get startIndex(): number { return this.m._ts_tree_cursor_start_index_wasm(this.tree); }
  get endIndex(): number { return this.m._ts_tree_cursor_end_index_wasm(this.tree); }
  gotoFirstChild(): boolean { return this.m._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1; }
  gotoNextSibling(): boolean { return this.m._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1; }
  gotoParent(): boolean { return this.m._ts_tree_cursor_goto_parent_wasm(this.tree) === 1; }
  delete(): void { this.m._ts_tree_cursor_delete_wasm(this.tree); }
}

/**
 * The module object Emscripten fills in with the exports. web-tree-sitter initialises its module
 * once per process, with the options object of the first `Parser.init` call, so the first parser
 * hands in this object and every later one finds the exports on it. When they are missing (another
 * version of web-tree-sitter, or someone else initialised it first), the public cursor is used.
 */
const moduleObject: Partial<CursorExports> & { locateFile(path: string, prefix: string): string } = {
  // Found through the package's exports, not next to the running script: the bundled CLI
  // (scripts/bundle.mjs) runs from dist/bundle/, where web-tree-sitter would look by default.
  locateFile: (path, prefix) => (path === 'tree-sitter.wasm' ? createRequire(import.meta.url).resolve('web-tree-sitter/tree-sitter.wasm') : prefix + path),
};

export async function createWasmParser(): Promise<PythonParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init(moduleObject as object);
  const language = await Language.load(wasmGrammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  const exports = CURSOR_EXPORTS.every((name) => typeof moduleObject[name] === 'function') ? (moduleObject as CursorExports) : undefined;
  // Writes the version numbers into the transfer buffer: harmless between walks.
  exports?._ts_init();
  const names = language as unknown as LanguageNames;
  return {
    backend: 'wasm',
    parse: (text: string) => treeOrThrow(parser.parse(text)),
    parseRanges: (text: string, ranges: readonly ParseRange[]) =>
      treeOrThrow(parser.parse(rangeReader(text, ranges), null, { includedRanges: [...ranges] })),
    walk: exports
      ? (tree: SyntaxTree) => new ExportCursor(exports, (tree as unknown as { [0]: number })[0], names)
      : undefined,
  };
}

/**
 * The parser's input callback for a partial parse. Given the text itself, web-tree-sitter copies
 * up to 5,119 characters into the module at every position the lexer asks for, including each jump
 * to the next range, so short ranges cost the copy of the text after them; this hands over no more
 * than the rest of the range the position is in.
 */
function rangeReader(text: string, ranges: readonly ParseRange[]): (index: number) => string {
  let k = 0;
  return (index) => {
    if (k >= ranges.length || index < ranges[k]!.startIndex) k = 0;
    while (k < ranges.length && ranges[k]!.endIndex <= index) k++;
    const end = k < ranges.length ? ranges[k]!.endIndex : text.length;
    return text.slice(index, Math.min(end, index + INPUT_CHUNK));
  };
}

/** What web-tree-sitter's 10 KB input buffer holds, in UTF-16 units, less its terminator. */
const INPUT_CHUNK = 5119;

function treeOrThrow(tree: unknown): SyntaxTree {
  if (!tree) throw new Error('tree-sitter (wasm) returned no tree');
  return tree as SyntaxTree;
}
