import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Which parser `auto` picks, on machines where one of the two cannot load: the native binding is
 * an optional dependency (no compiler at install time), and WebAssembly can be switched off
 * (`node --jitless`). Both loaders are replaced by ones the test controls.
 */
const loaders = vi.hoisted(() => ({ nativeFails: false, wasmFails: false, wasmWithoutExports: false }));

vi.mock('../../src/parser/native.js', () => ({
  createNativeParser: () => {
    if (loaders.nativeFails) throw new Error("Cannot find module 'tree-sitter'\nRequire stack: ...");
    return { backend: 'native', parse: () => ({ rootNode: { type: 'module' } }) };
  },
}));

vi.mock('../../src/parser/wasm.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parser/wasm.js')>();
  return {
    ...real,
    createWasmParser: async () => {
      if (loaders.wasmFails) throw new Error('WebAssembly is not defined');
      const parser = await real.createWasmParser();
      return loaders.wasmWithoutExports ? { ...parser, walk: undefined } : parser;
    },
  };
});

const { createParser } = await import('../../src/parser/index.js');

beforeEach(() => Object.assign(loaders, { nativeFails: false, wasmFails: false, wasmWithoutExports: false }));

describe('parser backends', () => {
  it('auto: the WASM parser with its export cursor, silently, even where native loads', async () => {
    const notices: string[] = [];
    const parser = await createParser('auto', (m) => notices.push(m));
    expect(parser.backend).toBe('wasm');
    expect(parser.walk).toBeTypeOf('function');
    expect(notices).toEqual([]);
    const tree = parser.parse('import mlflow\n');
    expect(tree.rootNode.type).toBe('module');
    tree.delete?.();
  });

  it('auto: native tree-sitter, with a one-line notice, when WebAssembly cannot load', async () => {
    loaders.wasmFails = true;
    const notices: string[] = [];
    expect((await createParser('auto', (m) => notices.push(m))).backend).toBe('native');
    expect(notices).toEqual(['mlflow-migrate: the WASM parser could not be loaded (WebAssembly is not defined); using native tree-sitter']);
  });

  it('auto: native when the WASM module lacks the cursor exports; WASM still when native cannot load either', async () => {
    loaders.wasmWithoutExports = true;
    expect((await createParser('auto')).backend).toBe('native');
    loaders.nativeFails = true;
    expect((await createParser('auto')).backend).toBe('wasm');
  });

  it('auto: a clear error when neither loads', async () => {
    Object.assign(loaders, { wasmFails: true, nativeFails: true });
    await expect(createParser('auto')).rejects.toThrow("no parser could be loaded: WASM: WebAssembly is not defined; native: Cannot find module 'tree-sitter'");
  });

  it('--parser native fails loudly instead of falling back', async () => {
    loaders.nativeFails = true;
    await expect(createParser('native')).rejects.toThrow(/native tree-sitter binding could not be loaded: Cannot find module 'tree-sitter' \(install a C\+\+ compiler and reinstall, or use --parser wasm\)$/);
  });

  it('--parser wasm fails loudly when WebAssembly cannot load', async () => {
    loaders.wasmFails = true;
    await expect(createParser('wasm')).rejects.toThrow(/^the WASM parser could not be loaded: WebAssembly is not defined \(use --parser native\)$/);
  });

  it('--parser wasm never tries the native binding', async () => {
    loaders.nativeFails = true;
    const notices: string[] = [];
    expect((await createParser('wasm', (m) => notices.push(m))).backend).toBe('wasm');
    expect(notices).toEqual([]);
  });
});
