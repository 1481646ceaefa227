import { describe, expect, it } from 'vitest';
import { lineContaining, lineStartsOf } from '../../src/source/lines.js';
import { SourceFile } from '../../src/source/sourceFile.js';
import { createRandom } from '../../scripts/bench/random.mjs';

/** What a SourceFile answers, computed from the whole line table at once (as it was computed before it read lines lazily). */
function reference(text: string) {
  const starts = lineStartsOf(text);
  const lineStart = (line: number) => starts[line] ?? text.length;
  return {
    lineIndexOf: (index: number) => lineContaining(starts, index),
    positionOf: (index: number) => { const line = lineContaining(starts, index); return { line: line + 1, column: index - starts[line]! + 1 }; },
    lineStart,
    lineText: (line: number) => {
      const start = lineStart(line);
      let end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
      if (end > start && text[end - 1] === '\r') end--;
      return text.slice(start, end);
    },
    lineCount: () => starts.length,
    byteOffsetOf: (index: number) => Buffer.byteLength(text.slice(0, index), 'utf8'),
  };
}


describe('SourceFile line arithmetic', () => {
  it('answers what the whole line table answers, in any order of questions (lines read only as far as asked)', () => {
    // The benchmark corpus's seeded generator: the same texts and questions on every run.
    const random = createRandom(7);
    const next = (n: number) => random.int(0, n - 1);
    const pieces = ['x', 'mlflow.evaluate(m)', ' ', '\n', '\r\n', '\r', '\t', 'é', '模型', '😀', '\n\n'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: next(40) }, () => pieces[next(pieces.length)]).join('');
      const source = SourceFile.fromText('t.py', text);
      const expected = reference(text);
      const lines = expected.lineCount();
      for (let q = 0; q < 12; q++) {
        const index = next(text.length + 1);
        const line = next(lines + 1);
        switch (next(6)) {
          case 0: expect(source.lineIndexOf(index), `${JSON.stringify(text)} lineIndexOf ${index}`).toBe(expected.lineIndexOf(index)); break;
          case 1: expect(source.positionOf(index), `${JSON.stringify(text)} positionOf ${index}`).toEqual(expected.positionOf(index)); break;
          case 2: expect(source.lineStart(line), `${JSON.stringify(text)} lineStart ${line}`).toBe(expected.lineStart(line)); break;
          case 3: expect(source.lineText(line), `${JSON.stringify(text)} lineText ${line}`).toBe(expected.lineText(line)); break;
          case 4: expect(source.lineCount, JSON.stringify(text)).toBe(lines); break;
          default:
            // Offsets inside a surrogate pair have no byte of their own.
            if (!/[\ud800-\udbff]/.test(text[index - 1] ?? '')) expect(source.byteOffsetOf(index), `${JSON.stringify(text)} byteOffsetOf ${index}`).toBe(expected.byteOffsetOf(index));
        }
      }
    }
  });

  it('knows where a line ends when asked only for a position on it', () => {
    const source = SourceFile.fromText('t.py', 'import mlflow\r\nmlflow.evaluate(m, baseline_model=b)\nprint(1)\n');
    const at = source.text.indexOf('baseline_model');
    expect(source.positionOf(at)).toEqual({ line: 2, column: 20 });
    expect(source.lineText(source.lineIndexOf(at))).toBe('mlflow.evaluate(m, baseline_model=b)');
    expect(source.lineText(0)).toBe('import mlflow');
    expect(source.lineCount).toBe(4);
  });
});
