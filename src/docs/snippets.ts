import type { RuleDefinition } from '../engine/rule.js';

/**
 * How to show a rule's example or remedy: some remedies can only be described ("Wrap the learner
 * in ..."), which reads as a sentence, not code; manifest, configuration and shell rules (MLF6xx,
 * MLF9xx) show plain text rather than Python.
 */
export function snippetStyle(rule: RuleDefinition, snippet: string): { prose: boolean; language: string } {
  const text = snippet.trim();
  const prose = !text.includes('\n') && /^[A-Z][a-z]+ .*\.$/.test(text);
  return { prose, language: /^MLF[69]/.test(rule.code) ? '' : 'python' };
}

/** A snippet as Markdown lines: a fenced block, or the sentence itself. */
export function snippetLines(rule: RuleDefinition, snippet: string): string[] {
  const { prose, language } = snippetStyle(rule, snippet);
  return prose ? [snippet.trim()] : ['```' + language, snippet.trim(), '```'];
}
