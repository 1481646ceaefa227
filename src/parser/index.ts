import { createNativeParser } from './native.js';
import { createWasmParser } from './wasm.js';
import type { ParserBackendName, PythonParser } from './types.js';

export type ParserPreference = ParserBackendName | 'auto';
export type { PythonParser, SyntaxNode, SyntaxTree, ParserBackendName, TreeCursor, ParseRange } from './types.js';

/**
 * `auto` uses the WASM parser when it can walk trees through its module exports: it parses about
 * as fast as the native binding, and copying a tree out of it is three times cheaper than through
 * the native binding's cursor, whose every read crosses N-API (docs/benchmark.md has the figures).
 * Without those exports, the native binding is used when it loads. An explicit `native` fails
 * loudly when the binding cannot load, an explicit `wasm` when WebAssembly cannot (`node --jitless`);
 * neither tries the other.
 */
export async function createParser(
  preference: ParserPreference = 'auto',
  notice: (message: string) => void = () => {},
): Promise<PythonParser> {
  if (preference === 'wasm') {
    try {
      return await createWasmParser();
    } catch (err) {
      throw new ParserUnavailableError(`the WASM parser could not be loaded: ${firstLine(err)} (use --parser native)`);
    }
  }
  if (preference === 'native') {
    try {
      return createNativeParser();
    } catch (err) {
      throw new ParserUnavailableError(`the native tree-sitter binding could not be loaded: ${firstLine(err)} (install a C++ compiler and reinstall, or use --parser wasm)`);
    }
  }
  let wasm: PythonParser | undefined;
  let wasmError: unknown;
  try {
    wasm = await createWasmParser();
    if (wasm.walk) return wasm;
  } catch (err) {
    wasmError = err;
  }
  let native: PythonParser;
  try {
    native = createNativeParser();
  } catch (err) {
    // Without its exports the WASM parser is slower, but it gives the same trees.
    if (wasm) return wasm;
    throw new ParserUnavailableError(`no parser could be loaded: WASM: ${firstLine(wasmError)}; native: ${firstLine(err)}`);
  }
  if (wasmError !== undefined) notice(`mlflow-migrate: the WASM parser could not be loaded (${firstLine(wasmError)}); using native tree-sitter`);
  return native;
}

/** The parser asked for cannot be used here: a message for the user, not an internal error. */
export class ParserUnavailableError extends Error {
  override readonly name = 'ParserUnavailableError';
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
