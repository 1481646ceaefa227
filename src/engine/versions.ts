import { compare, valid } from '@renovatebot/pep440';
import type { RuleDefinition } from './rule.js';

/** The newest MLflow version whose changes the rules describe. A later target would be a partial check. */
export const NEWEST_KNOWN_VERSION = '3.4.0';
export const DEFAULT_SOURCE_VERSION = '2.9.2';
export const DEFAULT_TARGET_VERSION = '3.4.0';

export function isValidVersion(v: string): boolean {
  return valid(v) !== null;
}

export function compareVersions(a: string, b: string): number {
  return compare(a, b);
}

/**
 * A rule applies when its change lies in (source, target]. A change at or before the source
 * version is already behind the project (e.g. gluon's removal in 2.20 for a 2.21 project).
 */
export function ruleApplies(rule: RuleDefinition, source: string, target: string): boolean {
  if (!rule.since) return true;
  return compare(rule.since, source) > 0 && compare(rule.since, target) <= 0;
}
