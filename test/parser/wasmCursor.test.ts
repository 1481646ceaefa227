import { describe, expect, it } from 'vitest';
import { copyTree, type JsNode } from '../../src/parser/jsTree.js';
import { createParser } from '../../src/parser/index.js';
import { allRuleFixtures } from '../helpers/analyze.js';

/** Every node of a copy, in pre-order, with what rules read from it. */
function flatten(root: JsNode): string[] {
  const out: string[] = [];
  const stack: Array<{ node: JsNode; field: string | null }> = [{ node: root, field: null }];
  while (stack.length) {
    const { node, field } = stack.pop()!;
    out.push(`${field ?? '-'}:${node.type}:${node.startIndex}-${node.endIndex}:${node.isNamed ? 'n' : 'a'}${node.isMissing ? 'M' : ''}${node.hasError ? 'E' : ''}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, field: node.fields[i] ?? null });
  }
  return out;
}

const TRICKY = [
  'import mlflow\r\nx = "héllo 🎉"  # ünïcode\r\nmlflow.log_param("k", x)\r\n',
  'def f(:\n    return mlflow.evaluate(m, d, baseline_model=\n',   // ERROR and MISSING nodes
  `x = ${'('.repeat(200)}1${')'.repeat(200)}\n`,                 // deep nesting
  '',
];

describe('the WASM backend walks trees through the module exports', () => {
  it('uses the export cursor with the web-tree-sitter version installed', async () => {
    const parser = await createParser('wasm');
    expect(parser.walk).toBeTypeOf('function');
  });

  it('copies exactly what the public cursor copies (types, fields, UTF-16 ranges, errors)', async () => {
    const parser = await createParser('wasm');
    const fixtures = allRuleFixtures().slice(0, 60).map((f) => f.text);
    for (const text of [...TRICKY, ...fixtures]) {
      const tree = parser.parse(text);
      try {
        const fast = copyTree(tree, text, parser.walk!(tree));
        const reference = copyTree(tree, text);
        expect(flatten(fast.rootNode)).toEqual(flatten(reference.rootNode));
      } finally {
        tree.delete?.();
      }
    }
  });
});
