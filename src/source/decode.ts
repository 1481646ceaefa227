import { isAscii } from 'node:buffer';
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
  // Buffer's indexOf is a native memchr; a loop over the bytes runs in the interpreter at first.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, limit)).indexOf(0) >= 0;
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

/** Each byte as the code point of the same number: Latin-1 (Node's `latin1` is exactly that). */
function latin1String(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One decoder per encoding: without `stream`, a decode (even one that throws) leaves no state behind. */
const decoders = new Map<string, TextDecoder>();

/** The text of `bytes` in a non-UTF-8 `encoding` (WHATWG label); throws on bytes it does not map. */
function decodeSingleByte(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'latin1') return latin1String(bytes);
  let decoder = decoders.get(encoding);
  if (!decoder) decoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })));
  const text = decoder.decode(bytes);
  return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

/**
 * What windows-1252 maps bytes 0x80-0x9F to (WHATWG; five of them map to themselves). Node 20's
 * TextDecoder decodes windows-1252 as Latin-1, giving U+0080 for the euro sign.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

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
  const decoded = { ok: true as const, encoding, bomLength: bom ? 3 : 0, singleByte: encoding !== 'utf-8' };
  // Most source is ASCII, which every supported encoding decodes as Latin-1 does: a native check
  // and a byte copy instead of validating UTF-8.
  if (isAscii(body)) return { ...decoded, text: latin1String(body) };
  try {
    return { ...decoded, text: encoding === 'utf-8' ? utf8.decode(body) : decodeSingleByte(body, encoding) };
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
    const decoded = decodeSingleByte(all, encoding);
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
