import { join } from 'node:path';
import { packageRoot } from '../util/packageRoot.js';
import type { PythonParser, SyntaxTree } from './types.js';

/** The grammar kept in `grammars/`, copied from tree-sitter-python's release. */
export function wasmGrammarPath(): string {
  return join(packageRoot(), 'grammars', 'tree-sitter-python.wasm');
}

export async function createWasmParser(): Promise<PythonParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(wasmGrammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    backend: 'wasm',
    parse: (text: string) => {
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter (wasm) returned no tree');
      return tree as unknown as SyntaxTree;
    },
  };
}
