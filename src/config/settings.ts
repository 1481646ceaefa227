import { UsageError } from '../discovery/discover.js';
import { isValidVersion } from '../engine/versions.js';
import { unknownSelectors } from '../engine/selection.js';

/** The settings a configuration file may hold (`[tool.mlflow-migrate]` or `mlflow-migrate.toml`). */
export interface Settings {
  select?: string[];
  ignore?: string[];
  extendExclude?: string[];
  /** Glob (relative to the config file's directory) → codes or prefixes to ignore there. */
  perFileIgnores?: Record<string, string[]>;
  targetVersion?: string;
  sourceVersion?: string;
  failOn?: 'error' | 'warning' | 'info';
  unsafeFixes?: boolean;
}

/** A loaded configuration file. */
export interface ConfigFile {
  path: string;
  /** Directory the file's relative globs are relative to. */
  dir: string;
  settings: Settings;
}

export class ConfigError extends UsageError {}

type Validator = (value: unknown, where: string) => unknown;

const stringList: Validator = (value, where) => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${where}: expected a list of strings`);
  return value as string[];
};

const version: Validator = (value, where) => {
  if (typeof value !== 'string' || !isValidVersion(value)) throw new ConfigError(`${where}: expected a version string such as "3.4.0"`);
  return value;
};

const KEYS: Record<string, { field: keyof Settings; validate: Validator }> = {
  select: { field: 'select', validate: stringList },
  ignore: { field: 'ignore', validate: stringList },
  'extend-exclude': { field: 'extendExclude', validate: stringList },
  'per-file-ignores': {
    field: 'perFileIgnores',
    validate: (value, where) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where}: expected a table of glob = [codes]`);
      return Object.fromEntries(Object.entries(value).map(([glob, codes]) => [glob, stringList(codes, `${where}."${glob}"`)]));
    },
  },
  'target-version': { field: 'targetVersion', validate: version },
  'source-version': { field: 'sourceVersion', validate: version },
  'fail-on': {
    field: 'failOn',
    validate: (value, where) => {
      if (value !== 'error' && value !== 'warning' && value !== 'info') throw new ConfigError(`${where}: expected "error", "warning" or "info"`);
      return value;
    },
  },
  'unsafe-fixes': {
    field: 'unsafeFixes',
    validate: (value, where) => {
      if (typeof value !== 'boolean') throw new ConfigError(`${where}: expected true or false`);
      return value;
    },
  },
};

/**
 * Turns a parsed TOML table into Settings. Unknown keys and unknown rule codes are errors that
 * name the file and the key: a typo must not silently change what is checked.
 */
export function parseSettings(table: Record<string, unknown>, file: string, knownCodes: readonly string[]): Settings {
  const settings: Settings = {};
  for (const [key, value] of Object.entries(table)) {
    const spec = KEYS[key];
    if (!spec) throw new ConfigError(`${file}: unknown configuration key \`${key}\` (known: ${Object.keys(KEYS).join(', ')})`);
    (settings as Record<string, unknown>)[spec.field] = spec.validate(value, `${file}: \`${key}\``);
  }
  const codes = [...(settings.select ?? []), ...(settings.ignore ?? []), ...Object.values(settings.perFileIgnores ?? {}).flat()];
  const [unknown] = unknownSelectors(codes, knownCodes);
  if (unknown !== undefined) throw new ConfigError(`${file}: unknown rule code or prefix \`${unknown}\` (see \`mlflow-migrate rules\`)`);
  return settings;
}
