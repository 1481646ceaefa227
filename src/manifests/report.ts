import type { RuleDefinition } from '../engine/rule.js';
import type { Applicability, Edit, Finding } from '../engine/types.js';

/**
 * Builds findings for the non-Python analyzers from the rules in effect: code, name and severity
 * come from the rule definition, and a rule that is not selected (or outside the version range)
 * reports nothing, exactly as for Python rules.
 */
export class FindingSink {
  readonly findings: Finding[] = [];

  constructor(
    private readonly rules: readonly RuleDefinition[],
    private readonly path: string,
  ) {}

  has(code: string): boolean {
    return this.rules.some((r) => r.code === code);
  }

  report(code: string, d: { start: number; end: number; message: string; help?: string; fix?: { applicability: Applicability; edits: Edit[] } }): Finding | undefined {
    const rule = this.rules.find((r) => r.code === code);
    if (!rule) return undefined;
    const finding: Finding = {
      code: rule.code,
      name: rule.name,
      severity: rule.severity,
      message: d.message,
      path: this.path,
      start: d.start,
      end: Math.max(d.start, d.end),
      help: d.help,
      fix: d.fix && d.fix.edits.length ? { applicability: d.fix.applicability, title: d.help ?? 'Apply fix', edits: d.fix.edits } : undefined,
    };
    this.findings.push(finding);
    return finding;
  }
}

/** Findings in file order (then by code), as the Python analyzer returns them. */
export function byPosition(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
