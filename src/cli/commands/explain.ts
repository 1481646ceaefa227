import { ALL_RULES } from '../../../rules/index.js';
import { UsageError } from '../../discovery/discover.js';
import type { RuleDefinition } from '../../engine/rule.js';
import { parse } from '../args.js';
import { snippetLines } from '../../docs/snippets.js';

/** The rule's documentation as Markdown: the one text behind `explain`, SARIF help and the docs. */
export function ruleMarkdown(rule: RuleDefinition): string {
  const d = rule.docs;
  const refs = d.references.map((r) => `- [${r.title}](${r.url})`).join('\n');
  return [
    `# ${rule.code} ${rule.name}`,
    '',
    `Severity: ${rule.severity} · Fix: ${rule.fix} · Catalogue item: ${rule.item}${rule.since ? ` · Since MLflow ${rule.since}` : ''}`,
    '',
    '## What it does',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    d.why,
    '',
    '## Example',
    ...snippetLines(rule, d.example),
    '',
    '## Use instead',
    ...snippetLines(rule, d.useInstead),
    '',
    '## Fix safety',
    d.fixSafety,
    ...(refs ? ['', '## References', refs] : []),
    '',
  ].join('\n');
}

export function findRule(key: string): RuleDefinition | undefined {
  return ALL_RULES.find((r) => r.code === key.toUpperCase() || r.name === key);
}

export async function explainCommand(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, { help: { type: 'boolean', short: 'h' } } as const);
  if (positionals.length !== 1) throw new UsageError('usage: mlflow-migrate explain CODE (e.g. MLF104 or evaluate-custom-metrics)');
  const rule = findRule(positionals[0]!);
  if (!rule) throw new UsageError(`unknown rule: ${positionals[0]} (see \`mlflow-migrate rules\`)`);
  process.stdout.write(ruleMarkdown(rule));
  return 0;
}
