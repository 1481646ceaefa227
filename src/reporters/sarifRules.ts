import type { ReportingDescriptor } from 'sarif';
import { ruleMarkdown } from '../cli/commands/explain.js';
import type { RuleDefinition } from '../engine/rule.js';
import type { Severity } from '../engine/types.js';

export const INFORMATION_URI = 'https://github.com/mlflow-migrate/mlflow-migrate';

/** Stable per-rule documentation URL (docs/rules/<CODE>.md in the repository). */
export function ruleHelpUri(code: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${code}.md`;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub code scanning's own severity vocabulary (`problem.severity`). */
const GITHUB_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** A rule's `tool.driver.rules[]` entry; every text comes from the rule's docs (the `explain` text). */
export function ruleDescriptor(rule: RuleDefinition): ReportingDescriptor {
  const d = rule.docs;
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: d.summary },
    fullDescription: { text: `${d.whatItDoes} ${d.why}` },
    help: { text: helpText(rule), markdown: ruleMarkdown(rule) },
    helpUri: ruleHelpUri(rule.code),
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['mlflow', 'migration', 'correctness'],
      precision: 'very-high',
      'problem.severity': GITHUB_SEVERITY[rule.severity],
    },
  };
}

/** Plain-text help for viewers that do not render Markdown. */
function helpText(rule: RuleDefinition): string {
  const d = rule.docs;
  return [
    `${rule.code} ${rule.name}: ${d.summary}`,
    `What it does: ${d.whatItDoes}`,
    `Why is this bad? ${d.why}`,
    `Example:\n${d.example}`,
    `Use instead:\n${d.useInstead}`,
    `Fix safety: ${d.fixSafety}`,
    ...d.references.map((r) => `${r.title}: ${r.url}`),
  ].join('\n\n');
}

/** `rules` deduplicated by code (first wins), with each code's index into the array. */
export function ruleTable(rules: readonly RuleDefinition[]): { descriptors: ReportingDescriptor[]; indexOf: Map<string, number> } {
  const descriptors: ReportingDescriptor[] = [];
  const indexOf = new Map<string, number>();
  for (const rule of rules) {
    if (indexOf.has(rule.code)) continue;
    indexOf.set(rule.code, descriptors.length);
    descriptors.push(ruleDescriptor(rule));
  }
  return { descriptors, indexOf };
}

/** SARIF messages are sentences (validator rule SARIF2001): end them with a period. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
