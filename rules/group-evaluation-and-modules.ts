import type { RuleDefinition } from '../src/engine/rule.js';

/** Registration list for this group of rules (merged into ALL_RULES by rules/index.ts). */
export const RULES: readonly RuleDefinition[] = [];
