import { createNativeParser } from './native.js';
import { createWasmParser } from './wasm.js';
import type { ParserBackendName, PythonParser } from './types.js';

export type ParserPreference = ParserBackendName | 'auto';
export type { PythonParser, SyntaxNode, SyntaxTree, ParserBackendName } from './types.js';

/**
 * `auto` tries the native binding first (faster) and falls back to WASM with a one-line notice;
 * an explicit `native` fails loudly when the binding cannot load.
 */
export async function createParser(
  preference: ParserPreference = 'auto',
  notice: (message: string) => void = () => {},
): Promise<PythonParser> {
  if (preference === 'wasm') return createWasmParser();
  try {
    return createNativeParser();
  } catch (err) {
    if (preference === 'native') {
      throw new ParserUnavailableError(`the native tree-sitter binding could not be loaded: ${firstLine(err)} (install a C++ compiler and reinstall, or use --parser wasm)`);
    }
    notice(`mlflow-migrate: native tree-sitter unavailable (${firstLine(err)}); using the WASM parser`);
    return createWasmParser();
  }
}

/** The parser asked for cannot be used here: a message for the user, not an internal error. */
export class ParserUnavailableError extends Error {
  override readonly name = 'ParserUnavailableError';
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
