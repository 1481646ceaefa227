import type { RuleDefinition } from '../rule.js';

const patterns = new WeakMap<readonly RuleDefinition[], RegExp[]>();

/** The rules' `parseDefinitionsMatching` patterns, gathered once per rule list. */
export function definitionKeepPatterns(rules: readonly RuleDefinition[]): RegExp[] {
  let list = patterns.get(rules);
  if (!list) patterns.set(rules, (list = rules.flatMap((r) => (r.parseDefinitionsMatching ? [r.parseDefinitionsMatching] : []))));
  return list;
}
