import { describe, expect, it } from 'vitest';
import { sameBytes, toByteEdits } from '../../src/fixer/spliceBytes.js';
import { SourceFile } from '../../src/source/sourceFile.js';
import { DEFAULT_RULES } from '../helpers/analyze.js';
import { fixSource } from './helpers.js';
import { insertsText } from './testRules.js';

/**
 * Only the edited ranges change: every other byte (BOM, CR, tabs, trailing blanks, bytes of a
 * latin-1 file, a missing final newline) is identical after fixing. The fix used is MLF104's
 * rename `custom_metrics` → `extra_metrics`, so the expected bytes are the original bytes with
 * exactly that splice.
 */
const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function expectedRename(original: Buffer): Buffer {
  const out: Buffer[] = [];
  let from = 0;
  for (let i = original.indexOf('custom_metrics'); i >= 0; i = original.indexOf('custom_metrics', i + 1)) {
    out.push(original.subarray(from, i), Buffer.from('extra_metrics'));
    from = i + 'custom_metrics'.length;
  }
  out.push(original.subarray(from));
  return Buffer.concat(out);
}

const CALL = 'mlflow.models.evaluate(m, d, custom_metrics=[x])';

const CASES: Record<string, Buffer> = {
  'CRLF line endings': bytes(`import mlflow\r\n\r\n${CALL}\r\n${CALL}\r\n`),
  'UTF-8 BOM with CRLF': bytes([0xef, 0xbb, 0xbf], `import mlflow\r\n${CALL}\r\n`),
  'mixed LF / CRLF / lone CR endings': bytes(`import mlflow\n# a\r\n${CALL}\r\n\r\n${CALL}\n# b\r# c\n`),
  'tabs, trailing whitespace, no final newline': bytes(`import mlflow\t \nif True:\n\t${CALL}   \n\t${CALL}\t`),
  'latin-1 with a coding cookie and bytes 0x80-0xFF': bytes(
    '# -*- coding: latin-1 -*-\nimport mlflow\n# caf', [0xe9, 0x20, 0x80, 0x9f, 0xff], '\n',
    'mlflow.models.evaluate("donn', [0xe9, 0x65, 0x73], '", d, custom_metrics=[x])  # ', [0xa4, 0xb5], '\n',
  ),
  'cp1252 with a cookie and an unassigned byte (0x81)': bytes(
    '# coding: cp1252\nimport mlflow\nlabel = "', [0x80, 0x81, 0x8d, 0xe9], '"\n', `${CALL}\n`,
  ),
  'UTF-8 with CJK and emoji before the fix on the same line': Buffer.from(`import mlflow\nmlflow.models.evaluate("模型 😀 données", d, custom_metrics=[x])  # ✓\n`, 'utf8'),
};

describe.each(Object.entries(CASES))('%s', (_name, original) => {
  it('changes only the edited bytes', async () => {
    const result = await fixSource(original, { rules: DEFAULT_RULES });
    expect(result.failure).toBeUndefined();
    expect(result.fixedFindings.map((f) => f.code)).toContain('MLF104');
    expect(Buffer.from(result.fixed.bytes).toString('hex')).toBe(expectedRename(original).toString('hex'));
  });

  it('keeps the decoded text consistent with the bytes (encoding and BOM unchanged)', async () => {
    const result = await fixSource(original, { rules: DEFAULT_RULES });
    expect(result.fixed.encoding).toBe(result.original.encoding);
    expect(result.fixed.bomLength).toBe(result.original.bomLength);
    expect(result.fixed.text).toBe(result.original.text.replaceAll('custom_metrics', 'extra_metrics'));
  });
});

describe('replacement text the encoding cannot hold', () => {
  const latin1 = bytes('# coding: latin-1\nimport mlflow\ntext_api()\n', `${CALL}\n`);

  it('skips that fix with a message and still applies the others', async () => {
    const rules = [...DEFAULT_RULES, insertsText('€ 模型')];
    const result = await fixSource(latin1, { rules });
    expect(result.notes).toEqual([expect.stringContaining('fix for TST7 skipped')]);
    expect(result.notes[0]).toContain('latin1');
    expect(Buffer.from(result.fixed.bytes).toString('latin1')).toBe(expectedRename(latin1).toString('latin1'));
    expect(result.remaining.map((f) => f.code)).toEqual(['TST7']);
  });

  it('applies it when the encoding has the characters', async () => {
    const result = await fixSource(latin1, { rules: [insertsText('café')] });
    expect(result.notes).toEqual([]);
    expect(sameBytes(result.fixed.bytes, bytes('# coding: latin-1\nimport mlflow\ntext_api("caf', [0xe9], '")\n', `${CALL}\n`))).toBe(true);
  });
});

describe('toByteEdits', () => {
  it('gives the offsets SourceFile.byteOffsetOf gives, for BOM, CJK and astral characters', () => {
    const text = 'a = "模型 😀 é"\r\nb = "x"  # ✓\r\nc = 1';
    const file = SourceFile.fromBytes('x.py', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    if ('error' in file) throw new Error(file.error);
    const indices = [0, text.indexOf('模'), text.indexOf('😀'), text.indexOf(' é'), text.indexOf('b'), text.indexOf('✓'), text.length];
    const edits = indices.slice(0, -1).map((start, i) => ({ start, end: indices[i + 1]!, text: '' }));
    const byteEdits = toByteEdits(file, edits)!;
    expect(byteEdits.map((e) => [e.start, e.end])).toEqual(edits.map((e) => [file.byteOffsetOf(e.start), file.byteOffsetOf(e.end)]));
  });
});
