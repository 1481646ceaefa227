/**
 * Finds a Python module's top-level statements from its text alone, without parsing: a statement
 * starts on a line whose first character is code (not blank, not indentation, not a comment) and
 * that is not inside brackets, a string or a backslash continuation. The lexer knows what moves
 * those boundaries (string prefixes, triple quotes, escapes, f-string replacement fields with
 * nested strings and format specs, `\r`, `\r\n`); where it is unsure it answers nothing rather
 * than guess, and the caller parses the whole file.
 */
export interface TopLevelStatement {
  /** UTF-16 offset of the statement's first character (a decorator's `@` for a decorated one). */
  start: number;
  /** Where the next statement starts (or the text's end): trailing comments and blank lines belong here. */
  end: number;
  /** `def`, `async def`, `class`, or a decorated one: the statements that may be left unparsed. */
  isDefinition: boolean;
}

const HASH = 35, QUOTE = 34, APOSTROPHE = 39, BACKSLASH = 92, LF = 10, CR = 13;
const BYTE_ORDER_MARK = 0xfeff;
const SPACE = 32, TAB = 9, FORM_FEED = 12, AT = 64;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, COLON = 58, EQUALS = 61, BANG = 33;

/** Lines at column 0 that continue the statement above them instead of starting one. */
const CONTINUES_COMPOUND = /^(?:else|elif|except|finally)(?![\p{L}\p{N}_])/u;
const DEFINITION = /^(?:@|def(?![\p{L}\p{N}_])|class(?![\p{L}\p{N}_])|async[ \t]+def(?![\p{L}\p{N}_]))/u;
const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;

class GiveUp extends Error {}

/** The top-level statements of `text` in order, covering it from the first one; undefined when unsure. */
export function topLevelStatements(text: string): TopLevelStatement[] | undefined {
  try {
    return new Lexer(text).statements();
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

class Lexer {
  private i: number;
  /** Where the code starts: after a byte order mark, which is no part of a name. */
  private readonly begin: number;
  constructor(private readonly text: string) {
    this.begin = this.i = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  }

  statements(): TopLevelStatement[] {
    const starts: Array<{ start: number; isDefinition: boolean }> = [];
    // After a decorator line, the decorators and `def`/`class` lines that follow are one statement.
    let decorating = false;
    while (this.i < this.text.length) {
      // At the start of a line, outside any bracket or string.
      const c = this.text.charCodeAt(this.i);
      if (c !== SPACE && c !== TAB && c !== FORM_FEED && c !== HASH && c !== LF && c !== CR) {
        const head = this.text.slice(this.i, this.i + 12);
        if (decorating && DEFINITION.test(head)) {
          decorating = c === AT;
        } else if (CONTINUES_COMPOUND.test(head)) {
          decorating = false;
        } else {
          starts.push({ start: this.i, isDefinition: DEFINITION.test(head) });
          decorating = c === AT;
        }
      }
      this.logicalLine();
    }
    if (starts.length === 0) return [];
    return starts.map((s, k) => ({ start: s.start, end: starts[k + 1]?.start ?? this.text.length, isDefinition: s.isDefinition }));
  }

  /** Consumes one logical line: up to and including the newline that ends it at bracket depth 0. */
  private logicalLine(): void {
    // The hot loop of the splitter. A regular expression finds the next character that matters,
    // so the characters in between are skipped by the regexp engine's native code instead of
    // being looked at one by one in JavaScript (two to three times faster on a cold start).
    const text = this.text;
    const length = text.length;
    let i = this.i;
    let depth = 0;
    while (i < length) {
      i = nextMatch(CODE_STOP, text, i);
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        if (depth === 0) break;
      } else if (c === HASH) {
        i = nextMatch(LINE_END, text, i);
      } else if (c === BACKSLASH) {
        // A continuation joins the next line; a backslash anywhere else in code is an error.
        const n = text.charCodeAt(i + 1);
        if (n !== LF && n !== CR) throw new GiveUp();
        i += n === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      } else if (c === QUOTE || c === APOSTROPHE) {
        this.i = i;
        this.string(prefixBefore(text, i, this.begin));
        i = this.i;
      } else if (isOpener(c)) {
        depth++;
        i++;
      } else {
        if (--depth < 0) throw new GiveUp();
        i++;
      }
    }
    this.i = i;
    if (depth !== 0) throw new GiveUp();
  }

  /** A string literal starting at its opening quote (the prefix already read). */
  private string(prefix: string): void {
    const text = this.text;
    const length = text.length;
    let i = this.i;
    const quote = text.charCodeAt(i);
    const triple = text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
    const formatted = prefix !== '' && /[fFtT]/.test(prefix);
    const stop = formatted ? (quote === QUOTE ? FORMATTED_QUOTE_STOP : FORMATTED_APOSTROPHE_STOP) : quote === QUOTE ? QUOTE_STOP : APOSTROPHE_STOP;
    i += triple ? 3 : 1;
    while (i < length) {
      i = nextMatch(stop, text, i);
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) {
        // Escapes (raw strings too: `r"\""` does not end at the escaped quote).
        i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      } else if (c === quote) {
        if (!triple) { this.i = i + 1; return; }
        if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) { this.i = i + 3; return; }
        i++;
      } else if (c === LF || c === CR) {
        if (!triple) throw new GiveUp(); // unterminated
        i++;
      } else {
        // `{` of an f-string.
        if (text.charCodeAt(i + 1) === OPEN_BRACE) { i += 2; continue; }
        this.i = i + 1;
        this.replacementField();
        i = this.i;
      }
    }
    throw new GiveUp();
  }

  /**
   * An f-string's `{expression!conversion:spec}` after its `{`: the expression is code (strings,
   * even with the enclosing quote since Python 3.12, and brackets nest); the spec is text in which
   * only `{...}` fields nest. Ends after the closing `}`.
   */
  private replacementField(): void {
    const text = this.text;
    let depth = 0;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === QUOTE || c === APOSTROPHE) { this.string(prefixBefore(text, this.i, this.begin)); continue; }
      if (c === HASH || c === BACKSLASH) throw new GiveUp(); // legal only in 3.12's multi-line fields: not worth guessing
      if (isOpener(c)) { depth++; this.i++; continue; }
      if (c === CLOSE_BRACE && depth === 0) { this.i++; return; }
      if (isCloser(c)) { if (--depth < 0) throw new GiveUp(); this.i++; continue; }
      if (c === COLON && depth === 0) { this.formatSpec(); return; }
      // `!=` is a comparison; `!r` a conversion: neither changes where the field ends.
      if (c === BANG && text.charCodeAt(this.i + 1) !== EQUALS) { this.i++; continue; }
      this.i++;
    }
    throw new GiveUp();
  }

  /** A format spec after `:`, up to and including the field's closing `}`. */
  private formatSpec(): void {
    const text = this.text;
    this.i++;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === OPEN_BRACE) { this.i++; this.replacementField(); continue; }
      if (c === CLOSE_BRACE) { this.i++; return; }
      if (c === LF || c === CR) throw new GiveUp();
      this.i++;
    }
    throw new GiveUp();
  }
}

/** What ends or changes a logical line in code: newlines, comments, continuations, strings, brackets. */
const CODE_STOP = /[\n\r#\\"'()[\]{}]/g;
const LINE_END = /[\n\r]/g;
/** What matters inside a string: its quote, escapes, newlines; in an f-string also `{`. */
const QUOTE_STOP = /["\\\n\r]/g;
const APOSTROPHE_STOP = /['\\\n\r]/g;
const FORMATTED_QUOTE_STOP = /["\\\n\r{]/g;
const FORMATTED_APOSTROPHE_STOP = /['\\\n\r{]/g;

/** Where `stop` (a global pattern of single characters) next matches at or after `from`; the text's length if nowhere. */
function nextMatch(stop: RegExp, text: string, from: number): number {
  stop.lastIndex = from;
  // test() rather than exec(): no match array is made, lastIndex tells where it matched.
  return stop.test(text) ? stop.lastIndex - 1 : text.length;
}

/**
 * The prefix of the string whose quote is at `quote` (`rb` in `rb"..."`), as reading names left to
 * right finds it: the name that ends just before the quote, which begins at its first letter or
 * underscore (digits before it are a number's); it is a prefix only if it is one of the prefixes.
 */
function prefixBefore(text: string, quote: number, begin: number): string {
  let start = quote;
  while (start > begin && isIdentifierPart(text.charCodeAt(start - 1))) start--;
  while (start < quote && !isIdentifierStart(text.charCodeAt(start))) start++;
  if (start === quote || quote - start > 2) return '';
  const name = text.slice(start, quote);
  return STRING_PREFIX.test(name) ? name : '';
}

/** `(`, `[` or `{`. */
function isOpener(c: number): boolean {
  return c === 40 || c === 91 || c === 123;
}

/** `)`, `]` or `}`. */
function isCloser(c: number): boolean {
  return c === 41 || c === 93 || c === 125;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}
