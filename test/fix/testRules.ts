import type { CustomCheck, RuleDefinition } from '../../src/engine/rule.js';
import type { Applicability } from '../../src/engine/types.js';
import type { SyntaxNode } from '../../src/parser/types.js';

/** Rules that exist only in tests: they exercise the fixer's edge cases with fixes no real rule has. */

const DOCS = { summary: 'test', whatItDoes: 'test', why: 'test', example: '', useInstead: '', fixSafety: '', references: [] };

export function testRule(code: string, name: string, check: CustomCheck): RuleDefinition {
  return { code, name, severity: 'error', fix: 'safe', item: 'test', since: '3.0.0', triggers: [], docs: DOCS, checks: [check] };
}

const fnName = (call: SyntaxNode) => call.childForFieldName('function')?.text;

function onCalls(name: string | string[], visit: (call: SyntaxNode, report: (start: number, end: number, text: string, applicability?: Applicability) => void) => void): CustomCheck {
  const names = new Set([name].flat());
  return {
    kind: 'custom',
    nodeTypes: ['call'],
    visit(call, ctx) {
      if (!names.has(fnName(call) ?? '')) return;
      visit(call, (start, end, text, applicability = 'safe') =>
        ctx.report({ node: call, message: `${ctx.rule.code} fires`, help: `${ctx.rule.name}`, fix: { applicability, edits: [{ start, end, text }] } }));
    },
  };
}

/** `old_api(...)` → `new_api(...)`: replaces the callee name. */
export const RENAME_CALLEE = testRule('TST1', 'rename-callee', onCalls('old_api', (call, report) => {
  const fn = call.childForFieldName('function')!;
  report(fn.startIndex, fn.endIndex, 'new_api');
}));

/** `old_api(x)` / `new_api(x)` without `flag=` → the whole call rewritten with `flag=True` (overlaps TST1). */
export const ADD_FLAG = testRule('TST2', 'add-flag', onCalls(['old_api', 'new_api'], (call, report) => {
  const args = call.childForFieldName('arguments')!;
  if (args.text.includes('flag=')) return;
  const inner = args.text.slice(1, -1).trim();
  report(call.startIndex, call.endIndex, `${fnName(call)}(${inner ? `${inner}, ` : ''}flag=True)`);
}));

/** A faulty rule: its fix of `broken_api(...)` drops the closing parenthesis. */
export const BREAKS_SYNTAX = testRule('TST9', 'breaks-syntax', onCalls('broken_api', (call, report) => {
  report(call.endIndex - 1, call.endIndex, '');
}));

/** A rule whose fix never converges: `counter(n)` → `counter(n + 1)`, forever. */
export const NEVER_CONVERGES = testRule('TST8', 'never-converges', onCalls('counter', (call, report) => {
  const args = call.childForFieldName('arguments')!;
  report(args.startIndex, args.endIndex, `(${args.text.slice(1, -1)} + 1)`);
}));

/** `text_api()` → `text_api("<text>")` (once): inserts a string the file's encoding may not hold. */
export function insertsText(text: string): RuleDefinition {
  return testRule('TST7', 'inserts-text', onCalls('text_api', (call, report) => {
    const args = call.childForFieldName('arguments')!;
    if (args.namedChildCount === 0) report(args.startIndex + 1, args.startIndex + 1, JSON.stringify(text));
  }));
}

/** A data-only rule (no custom code): removes `custom_metrics=` from evaluate calls, as a *safe* fix. */
export const REMOVE_KEYWORD: RuleDefinition = {
  code: 'TST6', name: 'remove-keyword', severity: 'error', fix: 'safe', item: 'test', since: '3.0.0', triggers: [], docs: DOCS,
  checks: [{
    kind: 'keyword',
    callees: ['mlflow.models.evaluate'],
    keyword: 'custom_metrics',
    remove: true,
    message: '`custom_metrics` removed',
    help: 'Remove it',
  }],
};
