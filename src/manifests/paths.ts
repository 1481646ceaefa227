/** File-name tests shared by the kinds (paths use forward slashes, as discovery shows them). */
export function baseName(path: string): string {
  // Either separator; no normalized copy of the path (every file kind asks, for every path found).
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function dirSegments(path: string): string[] {
  const norm = path.replace(/\\/g, '/');
  return norm.split('/').slice(0, -1);
}

/** Case-insensitive search for an ASCII word in raw bytes (the bytes-level prefilter). */
export function bytesMention(bytes: Uint8Array, pattern: RegExp): boolean {
  return pattern.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}
