/**
 * A JSON parser that keeps where every value sits in the text: notebook fixes must rewrite one
 * string literal in place and leave every other byte (indentation, key order, escapes) alone,
 * which `JSON.parse` cannot tell us.
 */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

interface Ranged {
  /** UTF-16 index of the first character of the value (the quote, bracket or brace). */
  start: number;
  /** UTF-16 index just past the value. */
  end: number;
}

export interface JsonObject extends Ranged {
  type: 'object';
  members: Array<{ key: JsonString; value: JsonNode }>;
}

export interface JsonArray extends Ranged {
  type: 'array';
  items: JsonNode[];
}

export interface JsonString extends Ranged {
  type: 'string';
  value: string;
  /**
   * For each UTF-16 unit of `value`, the raw index of its first character in the text; one more
   * entry at the end (the closing quote), so `rawIndex[i]..rawIndex[i+1]` is the unit's spelling.
   */
  rawIndex: number[];
}

export interface JsonScalar extends Ranged {
  type: 'number' | 'boolean' | 'null';
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJsonWithRanges(text: string): JsonNode {
  let i = 0;
  const fail = (what: string): never => {
    const { line, column } = lineColumn(text, i);
    throw new JsonSyntaxError(`${what} at line ${line} column ${column}`, i);
  };
  const skipWs = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const parseString = (): JsonString => {
    const start = i;
    i++; // opening quote
    let value = '';
    const rawIndex: number[] = [];
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i]!;
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
          rawIndex.push(i);
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          rawIndex.push(i);
          value += ESCAPES[e];
          i += 2;
        } else {
          fail('invalid escape');
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character in string');
      rawIndex.push(i);
      value += c;
      i++;
    }
    rawIndex.push(i);
    i++; // closing quote
    return { type: 'string', start, end: i, value, rawIndex };
  };
  const parseValue = (depth: number): JsonNode => {
    if (depth > 512) fail('nesting too deep');
    skipWs();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonObject['members'] = [];
      skipWs();
      if (text[i] === '}') { i++; return { type: 'object', start, end: i, members }; }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail('expected a key');
        const key = parseString();
        skipWs();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        members.push({ key, value: parseValue(depth + 1) });
        skipWs();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { type: 'object', start, end: i, members }; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipWs();
      if (text[i] === ']') { i++; return { type: 'array', start, end: i, items }; }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { type: 'array', start, end: i, items }; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!literal) fail(i >= text.length ? 'unexpected end of input' : 'unexpected character');
    i += literal![0].length;
    const type = literal![0] === 'null' ? 'null' : literal![0] === 'true' || literal![0] === 'false' ? 'boolean' : 'number';
    return { type, start, end: i };
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const root = parseValue(0);
  skipWs();
  if (i < text.length) fail('unexpected text after the end of the document');
  return root;
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  // JSON allows duplicate keys; like JSON.parse, the last one wins.
  for (let k = node.members.length - 1; k >= 0; k--) if (node.members[k]!.key.value === key) return node.members[k]!.value;
  return undefined;
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < index; k = text.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
  return { line, column: index - lineStart + 1 };
}

/** How the file spells strings, so replacement text looks like the rest of it. */
export interface JsonStringStyle {
  /** Non-ASCII characters are written as `\uXXXX` (Python's `json.dump` default). */
  asciiOnly: boolean;
  /** `\uXXXX` escapes use lowercase hex digits. */
  lowerHex: boolean;
}

export function detectStringStyle(text: string): JsonStringStyle {
  let asciiOnly = false;
  let lowerHex = true;
  const re = /\\u([0-9a-fA-F]{4})/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A backslash escaped by another backslash is not an escape.
    let slashes = 0;
    for (let k = m.index - 1; k >= 0 && text[k] === '\\'; k--) slashes++;
    if (slashes % 2) continue;
    if (parseInt(m[1]!, 16) >= 0x80) {
      asciiOnly = true;
      lowerHex = m[1] === m[1]!.toLowerCase();
      break;
    }
  }
  // A file with raw non-ASCII text keeps it raw even if it escapes some characters.
  if (asciiOnly && /[^\x00-\x7f]/.test(text)) asciiOnly = false;
  return { asciiOnly, lowerHex };
}

/** The inside of a JSON string literal (no quotes) for `value`, in the file's style. */
export function escapeJsonString(value: string, style: JsonStringStyle): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (style.asciiOnly && code >= 0x80)) {
      for (let k = 0; k < ch.length; k++) out += hex4(ch.charCodeAt(k), style.lowerHex);
    } else out += ch;
  }
  return out;
}

function hex4(code: number, lower: boolean): string {
  const h = code.toString(16).padStart(4, '0');
  return `\\u${lower ? h : h.toUpperCase()}`;
}
