import { describe, expect, it } from 'vitest';
import { detectStringStyle, escapeJsonString, parseJsonWithRanges, type JsonString } from '../../src/notebooks/jsonScan.js';
import { maskMagics } from '../../src/notebooks/magics.js';

describe('JSON with positions', () => {
  it('maps every decoded character of a string to where it is written', () => {
    const text = '{"s": "a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00z"}';
    const root = parseJsonWithRanges(text);
    const s = (root.type === 'object' ? root.members[0]!.value : undefined) as JsonString;
    expect(s.value).toBe('a"b\\c\n\u00e9\u{1F600}z');
    expect(s.rawIndex.map((k) => text[k])).toEqual(['a', '\\', 'b', '\\', 'c', '\\', '\\', '\\', '\\', 'z', '"']);
    expect(JSON.parse(text)).toEqual({ s: s.value });
  });

  it('agrees with JSON.parse and rejects what it rejects', () => {
    for (const bad of ['{"a": 1,}', '{"a" 1}', '[1 2]', '"\t"', '{"a": tru}', '{} {}']) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(() => parseJsonWithRanges(bad), bad).toThrow();
    }
  });

  it('escapes replacement text in the file\'s style', () => {
    expect(detectStringStyle('{"a": "caf\\u00e9"}')).toEqual({ asciiOnly: true, lowerHex: true });
    expect(detectStringStyle('{"a": "café"}').asciiOnly).toBe(false);
    expect(detectStringStyle('{"a": "\\\\u00e9"}').asciiOnly).toBe(false);
    expect(escapeJsonString('é "x"\n\t', { asciiOnly: true, lowerHex: false })).toBe('\\u00E9 \\"x\\"\\n\\t');
    expect(escapeJsonString('é', { asciiOnly: false, lowerHex: true })).toBe('é');
  });
});

describe('IPython magics', () => {
  const masked = (src: string) => maskMagics(src).masked;

  it('masks line magics, shell escapes and help, keeping lengths and line breaks', () => {
    const src = '%load_ext autoreload\n!pip install x \\\n  y\nfiles = !ls\nobj?\n??obj\nx = 1\n';
    const out = masked(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n').map((l) => l.trimEnd())).toEqual(['0', '0', '', '0', '0', '0', 'x = 1', '']);
  });

  it('keeps magics inside an indented block valid Python', () => {
    expect(masked('if ok:\n    !echo hi\n')).toBe('if ok:\n    0       \n');
  });

  it('leaves `!` and `%` inside strings, brackets and continuations alone', () => {
    const src = 'doc = """\n!not a magic\n%nor this\n"""\nx = (1,\n%2)\ny = 1 + \\\n!z\n';
    expect(masked(src)).toBe(src);
  });

  it('masks a whole shell cell, and only the header of a %%time cell', () => {
    expect(maskMagics('%%bash\necho hi\n').regions.map((r) => r.kind)).toEqual(['cell-magic', 'cell-body']);
    expect(masked('%%bash\necho hi\n')).toBe('0     \n       \n');
    expect(masked('%%time\nx = 1\n')).toBe('0     \nx = 1\n');
  });
});
