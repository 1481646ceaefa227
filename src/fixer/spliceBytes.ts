import type { Edit } from '../engine/types.js';
import type { SourceFile } from '../source/sourceFile.js';

/**
 * Text edits turned into byte edits of the original file, so every byte outside the edited ranges
 * (BOM, line endings, bytes of other encodings) stays exactly as it was.
 */
export interface ByteEdit {
  start: number;
  end: number;
  bytes: Uint8Array;
}

/** The replacement text of an edit in the file's encoding; undefined when it has no exact encoding there. */
export function encodeReplacement(file: SourceFile, text: string): Uint8Array | undefined {
  const bytes = file.encode(text);
  if (!bytes) return undefined;
  // UTF-8 encoding replaces lone surrogates with U+FFFD: that is not the text the fix asked for.
  if (file.encoding === 'utf-8' && new TextDecoder().decode(bytes) !== text) return undefined;
  return bytes;
}

/** Every replacement of the edits can be written in the file's encoding. */
export function encodable(file: SourceFile, edits: readonly Edit[]): boolean {
  return edits.every((e) => encodeReplacement(file, e.text) !== undefined);
}

/**
 * Converts non-overlapping text edits to byte edits; undefined when some replacement cannot be
 * encoded. Offsets are computed in one sweep over the sorted edits (not one scan per edit).
 */
export function toByteEdits(file: SourceFile, edits: readonly Edit[]): ByteEdit[] | undefined {
  let index = 0;
  let byte = file.byteOffsetOf(0);
  const offsetOf = (i: number): number => {
    if (file.singleByte || i < index) return file.byteOffsetOf(i);
    byte += Buffer.byteLength(file.text.slice(index, i), 'utf8');
    index = i;
    return byte;
  };
  const out: ByteEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const bytes = encodeReplacement(file, e.text);
    if (!bytes) return undefined;
    out.push({ start: offsetOf(e.start), end: offsetOf(e.end), bytes });
  }
  return out;
}

/** Splices non-overlapping byte edits into `bytes`; the bytes between them are copied untouched. */
export function spliceBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: Uint8Array[] = [];
  let cursor = 0;
  for (const e of sorted) {
    parts.push(bytes.subarray(cursor, e.start), e.bytes);
    cursor = e.end;
  }
  parts.push(bytes.subarray(cursor));
  return Buffer.concat(parts);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
