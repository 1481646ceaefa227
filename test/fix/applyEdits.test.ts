import { describe, expect, it } from 'vitest';
import type { Edit, Finding } from '../../src/engine/types.js';
import { applyTextEdits, editsConflict, mapIndexBack, selectFixes } from '../../src/fixer/applyEdits.js';

function finding(code: string, edits: Edit[], applicability: 'safe' | 'unsafe' = 'safe'): Finding {
  return { code, name: code, severity: 'error', message: '', path: 'x.py', start: edits[0]?.start ?? 0, end: edits[0]?.end ?? 0, fix: { applicability, title: '', edits } };
}

describe('selectFixes', () => {
  it('takes non-overlapping fixes in source order and defers the ones that overlap a chosen fix', () => {
    const outer = finding('A', [{ start: 0, end: 10, text: 'x' }]);
    const inner = finding('B', [{ start: 2, end: 4, text: 'y' }]);
    const later = finding('C', [{ start: 10, end: 12, text: 'z' }]);
    const s = selectFixes([later, inner, outer], false);
    expect(s.chosen.map((f) => f.code)).toEqual(['A', 'C']);
    expect(s.deferred.map((f) => f.code)).toEqual(['B']);
  });

  it('applies an edit shared by several fixes once (two findings adding the same import)', () => {
    const importLine = { start: 0, end: 0, text: 'import mlflow\n' };
    const a = finding('A', [{ start: 20, end: 25, text: 'a' }, importLine]);
    const b = finding('B', [{ start: 40, end: 45, text: 'b' }, { ...importLine }]);
    const s = selectFixes([a, b], false);
    expect(s.chosen).toHaveLength(2);
    expect(s.edits).toEqual([importLine, { start: 20, end: 25, text: 'a' }, { start: 40, end: 45, text: 'b' }]);
  });

  it('skips unsafe fixes unless asked, and findings without a fix', () => {
    const unsafe = finding('U', [{ start: 0, end: 1, text: '' }], 'unsafe');
    const manual: Finding = { ...finding('M', []), fix: undefined };
    expect(selectFixes([unsafe, manual], false).chosen).toEqual([]);
    expect(selectFixes([unsafe, manual], true).chosen).toEqual([unsafe]);
  });

  it('treats two different insertions at one index as a conflict, but not edits that only touch', () => {
    expect(editsConflict({ start: 5, end: 5, text: 'a' }, { start: 5, end: 5, text: 'b' })).toBe(true);
    expect(editsConflict({ start: 0, end: 5, text: 'a' }, { start: 5, end: 9, text: 'b' })).toBe(false);
    expect(editsConflict({ start: 0, end: 5, text: 'a' }, { start: 4, end: 9, text: 'b' })).toBe(true);
  });

  it('lets the caller veto a fix (e.g. text the encoding cannot hold) without deferring it', () => {
    const a = finding('A', [{ start: 0, end: 1, text: 'é' }]);
    const b = finding('B', [{ start: 0, end: 2, text: '' }]);
    const s = selectFixes([a, b], false, (f) => f.code !== 'A');
    expect(s.chosen.map((f) => f.code)).toEqual(['B']);
    expect(s.deferred).toEqual([]);
  });
});

describe('applyTextEdits / mapIndexBack', () => {
  const text = 'abcdefghij';
  const edits = [{ start: 1, end: 3, text: 'XYZW' }, { start: 6, end: 6, text: '+' }, { start: 8, end: 10, text: '' }];

  it('applies every edit relative to the original text', () => {
    expect(applyTextEdits(text, edits)).toBe('aXYZWdef+gh');
  });

  it('maps indices of the new text back to the old one', () => {
    const after = applyTextEdits(text, edits);
    expect(mapIndexBack(after.indexOf('d'), edits)).toBe(text.indexOf('d'));
    expect(mapIndexBack(after.indexOf('g'), edits)).toBe(text.indexOf('g'));
    expect(mapIndexBack(after.indexOf('Z'), edits)).toBe(1); // inside a replacement: its start
    expect(mapIndexBack(0, edits)).toBe(0);
  });
});
