import { createRequire } from 'node:module';
import type { PythonParser, SyntaxTree } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Loads the native tree-sitter binding. Throws when the optional dependency is absent or its
 * compiled addon cannot be loaded (e.g. no compiler at install time, or an ABI mismatch).
 */
export function createNativeParser(): PythonParser {
  const Parser = require('tree-sitter');
  const Python = require('tree-sitter-python');
  const parser = new Parser();
  parser.setLanguage(Python);
  return {
    backend: 'native',
    parse: (text: string) => parser.parse(text) as SyntaxTree,
  };
}
