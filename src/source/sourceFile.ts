import { decodePythonSource, encodeText } from './decode.js';
import { lineContaining } from './lines.js';

/** 1-based line and column; columns count UTF-16 code units (as SARIF, LSP and VS Code do). */
export interface Position {
  line: number;
  column: number;
}

/**
 * A decoded source file with the index maps every output needs: UTF-16 index (what tree-sitter
 * reports for a JS string) to line/column, and to byte offset in the original encoding.
 */
export class SourceFile {
  /**
   * The starts of the lines read so far: the text is scanned only as far as a position asked
   * for (findings of a file tend to sit in its first part; the whole table of the 200 files with
   * findings of the benchmark's monorepo took ~4 ms, their findings end at 37% of their lines).
   */
  private readonly lineStarts: number[] = [0];
  /** Every `\n` before this index is in `lineStarts` (past the text's end: all are). */
  private scannedTo = 0;

  constructor(
    /** Path as shown to the user (relative to the working directory when possible). */
    readonly path: string,
    readonly bytes: Uint8Array,
    readonly text: string,
    readonly encoding: string,
    readonly bomLength: number,
    readonly singleByte: boolean,
  ) {}

  static fromBytes(path: string, bytes: Uint8Array): SourceFile | { error: string } {
    const decoded = decodePythonSource(bytes);
    if (!decoded.ok) return { error: decoded.reason };
    return new SourceFile(path, bytes, decoded.text, decoded.encoding, decoded.bomLength, decoded.singleByte);
  }

  static fromText(path: string, text: string): SourceFile {
    return new SourceFile(path, new TextEncoder().encode(text), text, 'utf-8', 0, false);
  }

  /**
   * The line starts up to the first one after `index` (or all of them): the line holding `index`
   * and where it ends are known. `lines`: also at least that many starts, when the text has them.
   */
  private starts(index: number, lines = 0): number[] {
    const starts = this.lineStarts;
    const text = this.text;
    let from = this.scannedTo;
    while (from <= text.length && (from <= index || starts.length < lines)) {
      const newline = text.indexOf('\n', from);
      if (newline < 0) { from = text.length + 1; break; }
      starts.push(newline + 1);
      from = newline + 1;
    }
    this.scannedTo = from;
    return starts;
  }

  /** 0-based line index containing the UTF-16 index. */
  lineIndexOf(index: number): number {
    return lineContaining(this.starts(index), index);
  }

  positionOf(index: number): Position {
    const line = this.lineIndexOf(index);
    return { line: line + 1, column: index - this.lineStarts[line]! + 1 };
  }

  lineStart(lineIndex: number): number {
    return this.starts(0, lineIndex + 1)[lineIndex] ?? this.text.length;
  }

  /** Text of a 0-based line without its line terminator. */
  lineText(lineIndex: number): string {
    const starts = this.starts(0, lineIndex + 2);
    const start = this.lineStart(lineIndex);
    let end = lineIndex + 1 < starts.length ? starts[lineIndex + 1]! - 1 : this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.starts(this.text.length).length;
  }

  /** Byte offset in the original file (BOM included) of a UTF-16 index into `text`. */
  byteOffsetOf(index: number): number {
    // One byte a code unit: a single-byte encoding, or UTF-8 as long as the bytes, which only ASCII
    // text is (most source; it spares a pass over the text in JS for the line table below).
    if (this.singleByte || this.bytes.length - this.bomLength === this.text.length) return this.bomLength + index;
    // Count from the start of the index's line, whose byte offset is computed once for all lines.
    const line = this.lineIndexOf(index);
    return this.lineByteStarts()[line]! + utf8Length(this.text, this.lineStart(line), index);
  }

  private lineByteStartsCache: number[] | undefined;

  private lineByteStarts(): number[] {
    if (!this.lineByteStartsCache) {
      const starts = this.starts(this.text.length);
      const bytes = [this.bomLength];
      for (let i = 1; i < starts.length; i++) bytes.push(bytes[i - 1]! + utf8Length(this.text, starts[i - 1]!, starts[i]!));
      this.lineByteStartsCache = bytes;
    }
    return this.lineByteStartsCache;
  }

  encode(text: string): Uint8Array | undefined {
    return encodeText(text, this.encoding);
  }
}

/** UTF-8 length of `text[from, to)`. */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}
