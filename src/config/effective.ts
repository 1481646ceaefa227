import { relative, sep } from 'node:path';
import ignore from 'ignore';
import type { RuleDefinition } from '../engine/rule.js';
import { ruleApplies } from '../engine/versions.js';
import type { ConfigFile, Settings } from './settings.js';
import { matchesSelector } from '../engine/selection.js';

/** Settings given on the command line: they override the configuration files. */
export type CommandLineSettings = Pick<Settings, 'select' | 'ignore' | 'targetVersion' | 'sourceVersion' | 'failOn' | 'unsafeFixes'>;

/** What applies to one file: the closest configuration, overridden by the command line. */
export interface EffectiveSettings {
  select?: string[];
  ignore: string[];
  sourceVersion: string;
  targetVersion: string;
}


export function effectiveSettings(
  config: ConfigFile | undefined,
  cli: CommandLineSettings,
  defaults: { sourceVersion: string; targetVersion: string },
  file?: string,
): EffectiveSettings {
  const settings = config?.settings ?? {};
  // As in ruff, the command line is a layer over the file: its `--select` replaces the file's
  // selection (select and ignore), its `--ignore` adds to the file's ignores.
  const ignored = cli.select ? [...(cli.ignore ?? [])] : [...(settings.ignore ?? []), ...(cli.ignore ?? [])];
  if (config && file && settings.perFileIgnores) {
    const rel = relative(config.dir, file).split(sep).join('/');
    for (const [glob, codes] of Object.entries(settings.perFileIgnores)) {
      if (!rel.startsWith('..') && ignore().add(glob).ignores(rel)) ignored.push(...codes);
    }
  }
  return {
    select: cli.select ?? settings.select,
    ignore: ignored,
    sourceVersion: cli.sourceVersion ?? settings.sourceVersion ?? defaults.sourceVersion,
    targetVersion: cli.targetVersion ?? settings.targetVersion ?? defaults.targetVersion,
  };
}

/** Whether a rule's findings are reported under these settings (selection and version range). */
export function ruleEnabled(rule: RuleDefinition, settings: EffectiveSettings): boolean {
  if (settings.select?.length && !matchesSelector(rule.code, settings.select)) return false;
  if (matchesSelector(rule.code, settings.ignore)) return false;
  return ruleApplies(rule, settings.sourceVersion, settings.targetVersion);
}

/** `extend-exclude` of the closest configuration: globs relative to its directory. */
export function excludedByConfig(config: ConfigFile | undefined, file: string): boolean {
  const globs = config?.settings.extendExclude;
  if (!config || !globs?.length) return false;
  const rel = relative(config.dir, file).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  let matcher = excludeMatchers.get(config);
  if (!matcher) excludeMatchers.set(config, (matcher = ignore().add(globs)));
  return matcher.ignores(rel);
}

/** Each configuration's `extend-exclude` globs, compiled once (asked for every file it governs). */
const excludeMatchers = new WeakMap<ConfigFile, ReturnType<typeof ignore>>();
