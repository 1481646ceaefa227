import type { FileResult } from '../runner/run.js';
import type { SourceFile } from '../source/sourceFile.js';

/**
 * The decoded source of a file with findings. The runner keeps it for every such file; without it
 * no line, column or byte offset can be computed, and a made-up position would be worse than failing.
 */
export function sourceOf(file: FileResult): SourceFile {
  if (!file.source) throw new Error(`mlflow-migrate: internal error: no source kept for ${file.path}, which has findings`);
  return file.source;
}
