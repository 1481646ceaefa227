/**
 * Turns a file's bytes into text the parser can read, and remembers how to turn edited text back
 * into bytes in the same encoding. Python's rules (PEP 263 / PEP 3120): a UTF-8 BOM, else a coding
 * cookie on line 1 or 2, else UTF-8.
 */
export type DecodeResult =
  | { ok: true; text: string; encoding: string; bomLength: number; singleByte: boolean }
  | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** Encodings a cookie may name, mapped to WHATWG labels. Latin-1 is decoded as itself, not cp1252. */
const ENCODING_ALIASES: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf_8': 'utf-8', 'utf-8-sig': 'utf-8',
  'latin-1': 'latin1', latin1: 'latin1', 'iso-8859-1': 'latin1', 'iso8859-1': 'latin1', iso_8859_1: 'latin1', l1: 'latin1',
  cp1252: 'windows-1252', 'windows-1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15', latin9: 'iso-8859-15',
  ascii: 'latin1', 'us-ascii': 'latin1',
  cp1251: 'windows-1251', 'windows-1251': 'windows-1251',
  'koi8-r': 'koi8-r',
};

export function hasNulByte(bytes: Uint8Array, limit = 8192): boolean {
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function detectCookie(bytes: Uint8Array): string | undefined {
  // Only the first two lines count, and they must be ASCII-compatible to hold a cookie.
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, lineStart);
    if (end < 0) end = bytes.length;
    const text = latin1String(bytes.subarray(lineStart, Math.min(end, lineStart + 512)));
    const match = COOKIE.exec(text);
    if (match) return match[1]!.toLowerCase();
    // A cookie on line 2 only counts when line 1 is a comment or blank.
    if (!/^\s*(#.*)?\r?$/.test(text)) return undefined;
    lineStart = end + 1;
  }
  return undefined;
}

function latin1String(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function decodePythonSource(bytes: Uint8Array): DecodeResult {
  if (hasNulByte(bytes)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const cookie = detectCookie(bytes);
  let encoding = 'utf-8';
  if (cookie && !bom) {
    const mapped = ENCODING_ALIASES[cookie];
    if (!mapped) return { ok: false, reason: `unsupported source encoding '${cookie}' (PEP 263 cookie)` };
    encoding = mapped;
  }
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === 'latin1') {
    return { ok: true, text: latin1String(body), encoding, bomLength: 0, singleByte: true };
  }
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding, bomLength: bom ? 3 : 0, singleByte: encoding !== 'utf-8' };
  } catch {
    return {
      ok: false,
      reason: encoding === 'utf-8'
        ? 'not valid UTF-8 (declare the encoding with a PEP 263 coding cookie)'
        : `bytes not valid in the declared encoding '${cookie}'`,
    };
  }
}

const reverseMaps = new Map<string, Map<string, number>>();

/** Encodes replacement text in the file's encoding; undefined when a character has no byte there. */
export function encodeText(text: string, encoding: string): Uint8Array | undefined {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  let map = reverseMaps.get(encoding);
  if (!map) {
    map = new Map();
    const all = new Uint8Array(256).map((_, i) => i);
    const decoded = encoding === 'latin1' ? latin1String(all) : new TextDecoder(encoding).decode(all);
    for (let i = 0; i < 256; i++) if (!map.has(decoded[i]!)) map.set(decoded[i]!, i);
    reverseMaps.set(encoding, map);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = map.get(text[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
