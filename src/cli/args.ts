import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../discovery/discover.js';

/** Options every analysing command accepts (`check`, `fix`). */
export const ANALYSIS_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-respect-gitignore': { type: 'boolean' },
  parser: { type: 'string' },
  'target-version': { type: 'string' },
  'source-version': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'unsafe-fixes': { type: 'boolean' },
  'no-prefilter': { type: 'boolean' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  config: { type: 'string' },
  isolated: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface ParsedArgs<T extends NonNullable<ParseArgsConfig['options']>> {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T): ParsedArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as ParsedArgs<T>;
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** `--select A,B --select C` → [A, B, C]. */
export function listOption(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** `--jobs N`: a whole number of at least 1. */
export function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid value '${value}' for --${name} (expected a whole number of at least 1)`);
  return n;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`invalid value '${value}' for --${name} (expected one of: ${allowed.join(', ')})`);
  }
  return value as T;
}
