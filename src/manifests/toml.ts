import { parse as parseToml } from 'smol-toml';

/**
 * The string values of a TOML document with their key paths and positions. smol-toml checks
 * that the document is valid TOML; this scanner then finds where each string is written, which
 * a fix that must change only a version needs and a TOML parser does not tell.
 */
export interface TomlString {
  /** Keys from the root; array items as their index (`['project', 'dependencies', '0']`). */
  path: string[];
  /** Spans of the keys in `path` as written (undefined for array indices and table headers). */
  keySpans: Array<{ start: number; end: number } | undefined>;
  value: string;
  /** The literal, quotes included. */
  start: number;
  end: number;
  /** Where the characters of `value` start and end in the text. */
  contentStart: number;
  contentEnd: number;
  /** The literal is spelled exactly as its value (no escapes, one line): positions inside it are exact. */
  exact: boolean;
}

export type TomlScan = { strings: TomlString[] } | { error: string };

export function scanToml(text: string): TomlScan {
  try {
    parseToml(text);
  } catch (err) {
    return { error: `not valid TOML: ${firstLine((err as Error).message)}` };
  }
  try {
    return { strings: new Scanner(text).scan() };
  } catch (err) {
    return { error: `could not read the TOML file: ${(err as Error).message}` };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

interface Key {
  name: string;
  span?: { start: number; end: number };
}

class Scanner {
  private i = 0;
  private readonly out: TomlString[] = [];
  /** Counters for `[[array.of.tables]]`, by header path. */
  private readonly arrayTables = new Map<string, number>();

  constructor(private readonly text: string) {}

  scan(): TomlString[] {
    let table: Key[] = [];
    const t = this.text;
    while (this.i < t.length) {
      this.skipWsAndNewlines();
      if (this.i >= t.length) break;
      const c = t[this.i]!;
      if (c === '#') { this.skipComment(); continue; }
      if (c === '[') {
        const isArray = t[this.i + 1] === '[';
        this.i += isArray ? 2 : 1;
        const keys = this.keys();
        this.expect(isArray ? ']]' : ']');
        if (isArray) {
          const id = keys.map((k) => k.name).join('\u0000');
          const n = this.arrayTables.get(id) ?? 0;
          this.arrayTables.set(id, n + 1);
          table = [...keys, { name: String(n) }];
        } else table = keys;
        continue;
      }
      const keys = this.keys();
      this.skipWs();
      this.expect('=');
      this.value([...table, ...keys]);
    }
    return this.out;
  }

  private keys(): Key[] {
    const keys: Key[] = [];
    for (;;) {
      this.skipWs();
      const start = this.i;
      const c = this.text[this.i];
      let name: string;
      if (c === '"' || c === "'") name = this.string().value;
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.i, this.i + 256));
        if (!m) throw new Error(`unexpected character at offset ${this.i}`);
        name = m[0];
        this.i += name.length;
      }
      keys.push({ name, span: { start, end: this.i } });
      this.skipWs();
      if (this.text[this.i] !== '.') return keys;
      this.i++;
    }
  }

  private value(path: Key[]): void {
    this.skipWs();
    const c = this.text[this.i];
    if (c === '"' || c === "'") {
      const s = this.string();
      this.out.push({ path: path.map((k) => k.name), keySpans: path.map((k) => k.span), ...s });
    } else if (c === '[') {
      this.i++;
      for (let n = 0; ; n++) {
        this.skipWsNewlinesComments();
        if (this.text[this.i] === ']') { this.i++; return; }
        this.value([...path, { name: String(n) }]);
        this.skipWsNewlinesComments();
        if (this.text[this.i] === ',') { this.i++; continue; }
        this.expect(']');
        return;
      }
    } else if (c === '{') {
      this.i++;
      for (;;) {
        this.skipWsNewlinesComments();
        if (this.text[this.i] === '}') { this.i++; return; }
        const keys = this.keys();
        this.skipWs();
        this.expect('=');
        this.value([...path, ...keys]);
        this.skipWsNewlinesComments();
        if (this.text[this.i] === ',') { this.i++; continue; }
        this.expect('}');
        return;
      }
    } else {
      // Numbers, booleans, dates: up to the next delimiter.
      const m = /^[^,\]}\s#]+(?:[ T][0-9:.+Z-]+)?/.exec(this.text.slice(this.i, this.i + 128));
      if (!m) throw new Error(`unexpected value at offset ${this.i}`);
      this.i += m[0].length;
    }
  }

  private string(): { value: string; start: number; end: number; contentStart: number; contentEnd: number; exact: boolean } {
    const t = this.text;
    const start = this.i;
    const q = t[this.i]!;
    const multi = t.startsWith(q.repeat(3), this.i);
    const delim = multi ? q.repeat(3) : q;
    this.i += delim.length;
    const contentStart = this.i;
    let value = '';
    for (;;) {
      if (this.i >= t.length) throw new Error('unterminated string');
      if (t.startsWith(delim, this.i)) {
        // A multi-line string may end with up to two quotes of its own before the delimiter.
        let extra = 0;
        while (multi && extra < 2 && t[this.i + delim.length + extra] === q) extra++;
        value += q.repeat(extra);
        this.i += extra;
        break;
      }
      const c = t[this.i]!;
      if (q === '"' && c === '\\') {
        const e = t[this.i + 1]!;
        const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
        if (e in simple) { value += simple[e]; this.i += 2; continue; }
        if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          value += String.fromCodePoint(parseInt(t.slice(this.i + 2, this.i + 2 + len), 16));
          this.i += 2 + len;
          continue;
        }
        if (multi) {
          // Line-ending backslash: the newline and following whitespace are trimmed.
          this.i++;
          while (/\s/.test(t[this.i] ?? '')) this.i++;
          continue;
        }
        throw new Error(`invalid escape at offset ${this.i}`);
      }
      value += c;
      this.i++;
    }
    const contentEnd = this.i;
    this.i += delim.length;
    if (multi && value.startsWith('\n')) value = value.slice(1);
    else if (multi && value.startsWith('\r\n')) value = value.slice(2);
    const raw = t.slice(contentStart, contentEnd);
    return { value, start, end: this.i, contentStart, contentEnd, exact: !multi && raw === value };
  }

  private expect(s: string): void {
    if (!this.text.startsWith(s, this.i)) throw new Error(`expected '${s}' at offset ${this.i}`);
    this.i += s.length;
  }

  private skipWs(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  private skipWsAndNewlines(): void {
    while (/[ \t\r\n]/.test(this.text[this.i] ?? '')) this.i++;
  }

  private skipComment(): void {
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
  }

  private skipWsNewlinesComments(): void {
    for (;;) {
      this.skipWsAndNewlines();
      if (this.text[this.i] === '#') this.skipComment();
      else return;
    }
  }
}
