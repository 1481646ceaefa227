import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceFile } from '../source/sourceFile.js';

/**
 * A span as 1-based lines and columns, columns in UTF-16 code units (SARIF's default `columnKind`,
 * LSP, VS Code). `endColumn` is exclusive: the column just after the last character of the span.
 */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Region of `text[start, end)` (UTF-16 indices, as findings and edits carry them). */
export function regionOf(source: SourceFile, start: number, end: number): Region {
  const s = source.positionOf(start);
  const e = source.positionOf(end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

/** A point in a file: 1-based line, 1-based UTF-16 column, and byte offset in the original bytes. */
export interface Point {
  line: number;
  column: number;
  byteOffset: number;
}

export function pointOf(source: SourceFile, index: number): Point {
  const { line, column } = source.positionOf(index);
  return { line, column, byteOffset: source.byteOffsetOf(index) };
}

/** The SARIF base id that result URIs are relative to: the directory the check ran in. */
export const SRCROOT = '%SRCROOT%';

/** `file://` URI of a directory, ending in `/` (SARIF requires it for a base URI). */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * Where a file is, as SARIF wants it for GitHub code scanning: relative to `cwd` (forward slashes,
 * each segment percent-encoded, no `./`) with `uriBaseId` %SRCROOT%; a file outside `cwd` gets an
 * absolute `file://` URI and no base id (a relative `../x` would not map onto the repository).
 */
export function artifactLocation(displayPath: string, cwd: string): ArtifactLocation {
  const absolute = resolve(cwd, displayPath);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(sep).map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

/**
 * encodeURIComponent escapes space, `#`, `%`, `?`, `:` and non-ASCII (as UTF-8); it leaves
 * `!'()*`, which are legal in a path but some consumers mishandle, so escape those too.
 */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
