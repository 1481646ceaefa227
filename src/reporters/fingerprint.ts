import { sha256Hex } from '../util/lazyBuiltin.js';
import type { Finding } from '../engine/types.js';
import type { SourceFile } from '../source/sourceFile.js';

/** `partialFingerprints` key; bump the suffix if the recipe below changes. */
export const FINGERPRINT_KEY = 'mlflowMigrate/v1';

/**
 * Fingerprints for one file's findings (same order). A finding is identified by its code, file, the
 * text it spans, the text of its line (whitespace-collapsed: re-indenting keeps it), and its occurrence
 * among findings with that same identity. No line numbers: inserting lines above keeps every
 * fingerprint, so code scanning does not close and reopen alerts that merely moved.
 */
export function fingerprints(file: string, source: SourceFile, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const lineText = source.lineText(source.lineIndexOf(f.start)).trim().replace(/\s+/g, ' ');
    const identity = [f.code, file, source.text.slice(f.start, f.end), lineText].join('\0');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return sha256Hex(`${identity}\0${occurrence}`);
  });
}
