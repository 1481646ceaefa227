import type { RuleDefinition } from './rule.js';
import { ruleApplies } from './versions.js';

export interface SelectionOptions {
  /** Codes or prefixes (`MLF1`, `MLF301`); empty or absent: every rule. `ALL` selects everything. */
  select?: string[];
  ignore?: string[];
  sourceVersion: string;
  targetVersion: string;
}

function matches(code: string, selectors: string[]): boolean {
  return selectors.some((s) => s === 'ALL' || code.startsWith(s.toUpperCase()));
}

/** Unknown selectors are a usage error: a typo must not silently select nothing. */
export function unknownSelectors(selectors: string[], rules: readonly RuleDefinition[]): string[] {
  return selectors.filter((s) => s !== 'ALL' && !rules.some((r) => r.code.startsWith(s.toUpperCase())));
}

/** The rules in effect: selected, not ignored, and whose change lies between source and target. */
export function selectRules(rules: readonly RuleDefinition[], options: SelectionOptions): RuleDefinition[] {
  return rules.filter((r) => {
    if (options.select?.length && !matches(r.code, options.select)) return false;
    if (options.ignore?.length && matches(r.code, options.ignore)) return false;
    return ruleApplies(r, options.sourceVersion, options.targetVersion);
  });
}
