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
  const key = `${a}\0${b}`;
  let order = comparisons.get(key);
  if (order === undefined) comparisons.set(key, (order = compare(a, b)));
  return order;
}

/**
 * Every run compares the same few versions hundreds of times (each rule's `since` with the source
 * and target versions, again for every configuration a file has): pep440 parses both with one
 * large regular expression on every call, 2-6 ms of a warm run's start (CPU profiles). A few dozen
 * distinct pairs at most.
 */
const comparisons = new Map<string, number>();

/**
 * A rule applies when its change lies in (source, target]. A change at or before the source
 * version is already behind the project (e.g. gluon's removal in 2.20 for a 2.21 project).
 */
export function ruleApplies(rule: RuleDefinition, source: string, target: string): boolean {
  if (!rule.since) return true;
  return compareVersions(rule.since, source) > 0 && compareVersions(rule.since, target) <= 0;
}
