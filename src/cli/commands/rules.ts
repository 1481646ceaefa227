import { ALL_RULES } from '../../../rules/index.js';
import type { RuleDefinition } from '../../engine/rule.js';
import { ruleApplies, DEFAULT_SOURCE_VERSION, DEFAULT_TARGET_VERSION } from '../../engine/versions.js';
import { oneOf, parse } from '../args.js';

const OPTIONS = {
  format: { type: 'string' },
  'target-version': { type: 'string' },
  'source-version': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function ruleRow(rule: RuleDefinition) {
  return { code: rule.code, name: rule.name, severity: rule.severity, fix: rule.fix, item: rule.item, since: rule.since, summary: rule.docs.summary };
}

/** `mlflow-migrate rules`: every rule with its severity and fix applicability. */
export async function rulesCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const source = values['source-version'] ?? DEFAULT_SOURCE_VERSION;
  const target = values['target-version'] ?? DEFAULT_TARGET_VERSION;
  const rules = ALL_RULES.map((r) => ({ ...ruleRow(r), applies: ruleApplies(r, source, target) }));
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ sourceVersion: source, targetVersion: target, rules }, null, 2) + '\n');
    return 0;
  }
  const rows = rules.map((r) => [r.code, r.name, r.severity, r.fix, r.applies ? 'yes' : 'no']);
  const header = ['code', 'name', 'severity', 'fix', `applies ${source}->${target}`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
  return 0;
}
