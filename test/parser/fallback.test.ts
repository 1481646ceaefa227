import { describe, expect, it, vi } from 'vitest';

// The native binding is an optional dependency: simulate a machine where it cannot load.
vi.mock('../../src/parser/native.js', () => ({
  createNativeParser: () => {
    throw new Error("Cannot find module 'tree-sitter'\nRequire stack: ...");
  },
}));

const { createParser } = await import('../../src/parser/index.js');

describe('parser backends', () => {
  it('falls back to WASM with a one-line notice when the native binding cannot load', async () => {
    const notices: string[] = [];
    const parser = await createParser('auto', (m) => notices.push(m));
    expect(parser.backend).toBe('wasm');
    expect(notices).toEqual(["mlflow-migrate: native tree-sitter unavailable (Cannot find module 'tree-sitter'); using the WASM parser"]);
    const tree = parser.parse('import mlflow\n');
    expect(tree.rootNode.type).toBe('module');
    tree.delete?.();
  });

  it('--parser native fails loudly instead of falling back', async () => {
    await expect(createParser('native')).rejects.toThrow(/native tree-sitter binding could not be loaded: Cannot find module 'tree-sitter' \(install a C\+\+ compiler and reinstall, or use --parser wasm\)$/);
  });

  it('--parser wasm never tries the native binding', async () => {
    const notices: string[] = [];
    expect((await createParser('wasm', (m) => notices.push(m))).backend).toBe('wasm');
    expect(notices).toEqual([]);
  });
});
