import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleDefinition } from '../../src/engine/rule.js';
import { fixFile, type FileFix } from '../../src/fixer/fixLoop.js';
import type { ParserBackendName } from '../../src/parser/index.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SourceFile } from '../../src/source/sourceFile.js';
import { DEFAULT_RULES, parserFor } from '../helpers/analyze.js';

export interface FixTextOptions {
  unsafe?: boolean;
  rules?: readonly RuleDefinition[];
  backend?: ParserBackendName;
  path?: string;
  maxPasses?: number;
}

/** Fixes a file given as text (UTF-8) or bytes, to convergence, with the real fix loop. */
export async function fixSource(content: string | Uint8Array, options: FixTextOptions = {}): Promise<FileFix> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const source = SourceFile.fromBytes(options.path ?? 'test.py', bytes);
  if ('error' in source) throw new Error(source.error);
  const parser = await parserFor(options.backend ?? 'native');
  const analyzer = { rules: [...(options.rules ?? DEFAULT_RULES)], api: loadMlflowApi(), parser };
  return fixFile(source, { analyzer, unsafeFixes: !!options.unsafe, maxPasses: options.maxPasses });
}

/** The fixed text (decoded). */
export async function fixedText(content: string | Uint8Array, options: FixTextOptions = {}): Promise<string> {
  const result = await fixSource(content, options);
  if (result.failure) throw new Error(`fix failed: ${JSON.stringify(result.failure)}`);
  return result.fixed.text;
}

export function tempDir(prefix = 'mlflow-migrate-fix-'): string {
  // realpath: on macOS the temp dir is behind a symlink, and paths are compared as strings.
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}
