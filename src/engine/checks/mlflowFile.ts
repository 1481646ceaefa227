import type { SourceFile } from '../../source/sourceFile.js';
import type { CheckContext } from '../context.js';

/** `import mlflow`, `import os, mlflow.sklearn as s`, `from mlflow... import`: at any indentation. */
const IMPORTS_MLFLOW = /^[ \t]*(?:from[ \t]+mlflow\b|import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*mlflow\b)/m;

const cache = new WeakMap<SourceFile, boolean>();

/**
 * Does the file import MLflow? Checks that match values rather than names (tag strings) only
 * speak in code that uses MLflow: the same string in an unrelated script means something else.
 */
export function fileImportsMlflow(ctx: CheckContext): boolean {
  let result = cache.get(ctx.file);
  if (result === undefined) cache.set(ctx.file, (result = textImportsMlflow(ctx.file.text)));
  return result;
}

/** The same test on text (the engine counts the files that use MLflow with it). */
export function textImportsMlflow(text: string): boolean {
  return IMPORTS_MLFLOW.test(text);
}
