import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topLevelStatements } from '../../src/engine/pruning/topLevel.js';
import { parserFor } from '../helpers/analyze.js';

/** The statements as `line:kind` (kind `def` for definitions), 1-based lines. */
function outline(text: string): string[] | undefined {
  return topLevelStatements(text)?.map((s) => `${text.slice(0, s.start).split(/\r\n|\r|\n/).length}:${s.isDefinition ? 'def' : 'stmt'}`);
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/** What tree-sitter sees: the start of each top-level statement, and whether it is a definition. */
async function treeOutline(text: string): Promise<Map<number, boolean>> {
  const parser = await parserFor('wasm');
  const tree = parser.parse(text);
  try {
    const out = new Map<number, boolean>();
    for (const n of tree.rootNode.namedChildren) if (n.type !== 'comment') out.set(n.startIndex, DEFINITIONS.has(n.type));
    return out;
  } finally {
    tree.delete?.();
  }
}

describe('topLevelStatements', () => {
  it('splits at column-0 code lines; bodies, comments and blank lines stay with their statement', () => {
    const text = 'import os\n\ndef f():\n    x = 1\n# a comment at column 0 inside the body\n    return x\n\n\nclass A:\n    pass\nX = 1\n';
    expect(outline(text)).toEqual(['1:stmt', '3:def', '9:def', '11:stmt']);
    const [, f] = topLevelStatements(text)!;
    expect(text.slice(f!.start, f!.end)).toBe('def f():\n    x = 1\n# a comment at column 0 inside the body\n    return x\n\n\n');
  });

  it('keeps decorators, async def and else/elif/except/finally with their statement', () => {
    const text = '@dec\n@dec2(\n  1)\ndef f(): pass\nasync def g(): pass\ntry:\n    import a\nexcept ImportError:\n    a = None\nelse:\n    pass\nfinally:\n    pass\nif x:\n    pass\nelif y:\n    pass\n@dataclass\nclass C: pass\n';
    expect(outline(text)).toEqual(['1:def', '5:def', '6:stmt', '14:stmt', '18:def']);
  });

  it('is not fooled by column-0 code inside strings, brackets or continuations', () => {
    const text = [
      'DOC = """',
      'def not_a_function():',
      '    pass',
      '"""',
      "RAW = r'''\\'''",
      'def inside_raw(): pass',
      "'''",
      'CALL = f(',
      'def_arg=1,',
      ')',
      'TOTAL = 1 + \\',
      'def_value',
      "ESC = 'it\\'s'",
      'def real(): pass',
      '',
    ].join('\n');
    expect(outline(text)).toEqual(['1:stmt', '5:stmt', '8:stmt', '11:stmt', '13:stmt', '14:def']);
  });

  it('reads f-strings: nested quotes (Python 3.12), format specs with quotes and nested fields, doubled braces', () => {
    const text = [
      'A = f"{x["key"]} and {y!r:>{width}} {{literal}}"',
      "B = f'{value:\"^10}' + rf\"\\d{n}\"",
      'C = f"""',
      'def in_fstring(): {1 + 2}',
      '"""',
      'def after(): pass',
      '',
    ].join('\n');
    expect(outline(text)).toEqual(['1:stmt', '2:stmt', '3:stmt', '6:def']);
  });

  it('finds a string prefix as reading names left to right does: only the name right before the quote', () => {
    // The prefix matters for f-strings: the quote inside the field does not end the string; read
    // as a plain string, the rest of the line holds an unterminated one and the splitter gives up.
    const line = (before: string) => `X = ${before}"{d['k"']}"\ndef f(): pass\n`;
    for (const prefix of ['f', 'F', 'rf', 'fR', 't']) expect(outline(line(prefix)), prefix).toEqual(['1:stmt', '2:def']);
    // Digits before the letters are a number's (`2f"..."` is `2` then `f"..."` to a name reader).
    expect(outline(line('2f'))).toEqual(['1:stmt', '2:def']);
    // A longer name, or one ending in a digit, is no prefix.
    expect(outline(line('af'))).toBeUndefined();
    expect(outline(line('f2'))).toBeUndefined();
    expect(outline(line('b'))).toBeUndefined();
    // After a byte-order mark, and right after another string.
    expect(outline(`\uFEFF${line('f').slice(4)}`)).toEqual(['1:stmt', '2:def']);
    expect(outline(line('"a"f'))).toEqual(['1:stmt', '2:def']);
    // Inside an f-string's field too: the inner `f'...'` holds a field whose string is `'('`.
    expect(outline(`X = f"{f'{x['(']}'}"\ndef f(): pass\n`)).toEqual(['1:stmt', '2:def']);
  });

  it('handles CRLF, lone CR, a byte-order mark and backslash-CRLF continuations', () => {
    expect(outline('\uFEFFimport os\r\ndef f():\r\n    pass\r\nx = 1 + \\\r\n2\r\n')).toEqual(['1:stmt', '2:def', '4:stmt']);
    expect(outline('import os\rdef f():\r    pass\rx = 1\r')).toEqual(['1:stmt', '2:def', '4:stmt']);
    expect(topLevelStatements('\uFEFFimport os\n')![0]!.start).toBe(1);
  });

  it('answers nothing when unsure: unterminated strings, unbalanced brackets, a stray backslash', () => {
    expect(topLevelStatements('x = "open\ndef f(): pass\n')).toBeUndefined();
    expect(topLevelStatements('x = """never closed\ndef f(): pass\n')).toBeUndefined();
    expect(topLevelStatements('x = (1,\ndef f(): pass\n')).toBeUndefined();
    expect(topLevelStatements('x = 1)\n')).toBeUndefined();
    expect(topLevelStatements('x = 1 \\ 2\n')).toBeUndefined();
  });

  it('covers the text from the first statement to the end, each statement ending where the next starts', () => {
    const text = '# header\n\nimport a\ndef f(): pass\n# trailing\n';
    const statements = topLevelStatements(text)!;
    expect(statements[0]!.start).toBe(text.indexOf('import'));
    for (let i = 1; i < statements.length; i++) expect(statements[i]!.start).toBe(statements[i - 1]!.end);
    expect(statements.at(-1)!.end).toBe(text.length);
  });

  it('agrees with tree-sitter on every fixture and example that parses cleanly', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = ['test/fixtures', 'examples'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py')).map((f) => join(root, dir, f)));
    let compared = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const statements = topLevelStatements(text);
      const parser = await parserFor('wasm');
      const tree = parser.parse(text);
      const clean = !tree.rootNode.hasError;
      tree.delete?.();
      if (!clean || !statements) continue;
      const nodes = await treeOutline(text);
      // Each statement the splitter finds starts a top-level node of the same kind (a line of
      // `a; b` is one statement for the splitter, two nodes for tree-sitter).
      for (const s of statements) expect(nodes.get(s.start), `${path} at ${s.start}`).toBe(s.isDefinition);
      for (const start of nodes.keys()) expect(statements.some((s) => s.start <= start && start < s.end), `${path} node at ${start}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});
