import type { RuleDefinition } from './rule.js';
import { ruleApplies } from './versions.js';

export interface SelectionOptions {
  /** Codes or prefixes (`MLF1`, `MLF301`); empty or absent: every rule. `ALL` selects everything. */
  select?: string[];
  ignore?: string[];
  sourceVersion: string;
  targetVersion: string;
}

/** Does a rule code match one of these selectors (a code, a prefix such as `MLF3`, or `ALL`)? */
export function matchesSelector(code: string, selectors: readonly string[]): boolean {
  return selectors.some((s) => s === 'ALL' || code.startsWith(s.toUpperCase()));
}

/** Unknown selectors are a usage error: a typo must not silently select nothing. */
export function unknownSelectors(selectors: readonly string[], codes: readonly string[]): string[] {
  return selectors.filter((s) => !codes.some((code) => matchesSelector(code, [s])));
}

/** The rules in effect: selected, not ignored, and whose change lies between source and target. */
export function selectRules(rules: readonly RuleDefinition[], options: SelectionOptions): RuleDefinition[] {
  return rules.filter((r) => {
    if (options.select?.length && !matchesSelector(r.code, options.select)) return false;
    if (options.ignore?.length && matchesSelector(r.code, options.ignore)) return false;
    return ruleApplies(r, options.sourceVersion, options.targetVersion);
  });
}
