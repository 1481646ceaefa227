import type { RuleDefinition } from './rule.js';

/**
 * Finds which rules' trigger words a text contains in one scan. Testing every word with
 * `includes` read each file once per word (~150 words); one regular expression of all of them
 * reads it once. A scan restarts one character after each match, so words that overlap are all
 * found, and the alternatives are ordered longest first, so the words that are prefixes of a
 * match (`request_id` of `request_ids`) are added with it.
 */
export class TriggerScanner {
  private readonly pattern: RegExp | undefined;
  private readonly prefixesOf = new Map<string, string[]>();

  constructor(private readonly rules: readonly RuleDefinition[]) {
    const words = [...new Set(rules.flatMap((r) => r.triggers))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const word of words) this.prefixesOf.set(word, words.filter((w) => word.startsWith(w)));
    this.pattern = words.length ? new RegExp(words.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  /** The rules with checks whose trigger words appear in `text` (or that declare none). */
  rulesFor(text: string): RuleDefinition[] {
    const found = this.wordsIn(text);
    return this.rules.filter((r) => r.checks.length > 0 && (r.triggers.length === 0 || r.triggers.some((t) => found.has(t))));
  }

  private wordsIn(text: string): Set<string> {
    const found = new Set<string>();
    const pattern = this.pattern;
    if (!pattern) return found;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      for (const word of this.prefixesOf.get(m[0])!) found.add(word);
      pattern.lastIndex = m.index + 1;
    }
    return found;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const scanners = new WeakMap<readonly RuleDefinition[], TriggerScanner>();

/** The scanner of a rule list, built once per list (a session's rules are one array). */
export function triggerScannerFor(rules: readonly RuleDefinition[]): TriggerScanner {
  let scanner = scanners.get(rules);
  if (!scanner) scanners.set(rules, (scanner = new TriggerScanner(rules)));
  return scanner;
}
