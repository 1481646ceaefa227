import { describe, expect, it } from 'vitest';
import { decodePythonSource, encodeText, hasNulByte } from '../../src/source/decode.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decoding Python source', () => {
  it('reads ASCII as itself under every supported encoding, keeping the BOM and the cookie', () => {
    expect(decodePythonSource(bytes('import mlflow\n'))).toEqual({ ok: true, text: 'import mlflow\n', encoding: 'utf-8', bomLength: 0, singleByte: false });
    expect(decodePythonSource(bytes([0xef, 0xbb, 0xbf], 'x = 1\n'))).toEqual({ ok: true, text: 'x = 1\n', encoding: 'utf-8', bomLength: 3, singleByte: false });
    expect(decodePythonSource(bytes('# -*- coding: cp1252 -*-\nx = 1\n'))).toMatchObject({ ok: true, text: '# -*- coding: cp1252 -*-\nx = 1\n', encoding: 'windows-1252', singleByte: true });
  });

  it('decodes non-ASCII bytes by the declared encoding, and refuses invalid UTF-8', () => {
    expect(decodePythonSource(bytes('s = "caf', [0xc3, 0xa9], '"\n'))).toMatchObject({ ok: true, text: 's = "café"\n' });
    expect(decodePythonSource(bytes('# coding: latin-1\ns = "caf', [0xe9], '"\n'))).toMatchObject({ ok: true, text: '# coding: latin-1\ns = "café"\n', encoding: 'latin1' });
    // windows-1252's 0x80-0x9F are not Latin-1's C1 controls: the euro sign, curly quotes, dashes.
    expect(decodePythonSource(bytes('# coding: cp1252\ns = "', [0x80, 0x93, 0x94, 0x96, 0x81], '"\n'))).toMatchObject({ ok: true, text: '# coding: cp1252\ns = "€“”–\u0081"\n' });
    expect(encodeText('€“”–\u0081', 'windows-1252')).toEqual(Uint8Array.from([0x80, 0x93, 0x94, 0x96, 0x81]));
    expect(encodeText('\u0080', 'windows-1252')).toBeUndefined();
    expect(decodePythonSource(bytes('s = "caf', [0xe9], '"\n'))).toEqual({ ok: false, reason: 'not valid UTF-8 (declare the encoding with a PEP 263 coding cookie)' });
    // The decoder is shared: a failure leaves nothing behind for the next file.
    expect(decodePythonSource(bytes('s = "', [0xc3], '"\n'))).toMatchObject({ ok: false });
    expect(decodePythonSource(bytes('s = "caf', [0xc3, 0xa9], '"\n'))).toMatchObject({ ok: true, text: 's = "café"\n' });
  });

  it('calls a file binary when its first 8 KB hold a NUL byte', () => {
    expect(hasNulByte(bytes('ab', [0], 'c'))).toBe(true);
    expect(hasNulByte(bytes('x'.repeat(8192), [0]))).toBe(false);
    expect(hasNulByte(bytes('x'.repeat(8192), [0]).subarray(1))).toBe(true);
    expect(decodePythonSource(bytes([0], 'import mlflow'))).toEqual({ ok: false, reason: 'binary file (contains NUL bytes)' });
  });
});
