import type { CheckContext } from '../engine/context.js';
import type { CustomCheck } from '../engine/rule.js';
import { stringContent } from '../engine/syntax.js';
import type { Applicability } from '../engine/types.js';
import type { SyntaxNode } from '../parser/types.js';
import { ENV_VARS } from './envVars.js';

/** Calls whose first argument names an environment variable. */
const ENV_CALLS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.environ.pop', 'os.putenv', 'os.unsetenv', 'os.getenvb']);
/** Calls whose dict argument's keys name environment variables. */
const ENV_DICT_CALLS = new Set(['os.environ.update']);

/**
 * The string literal names an environment variable: `os.environ["X"]`, `os.getenv("X")`,
 * `os.environ.get/setdefault/pop("X")`, `"X" in os.environ`, `monkeypatch.setenv("X", ...)`,
 * keys of `os.environ.update({...})` and `mock.patch.dict(os.environ, {...})`.
 */
export function isEnvironmentName(node: SyntaxNode, ctx: CheckContext): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const isEnviron = (n: SyntaxNode | null | undefined) => !!n && ctx.importedPath(n) === 'os.environ';
  if (parent.type === 'subscript') return parent.childForFieldName('subscript')?.id === node.id && isEnviron(parent.childForFieldName('value'));
  if (parent.type === 'comparison_operator') return parent.namedChildren[0]?.id === node.id && isEnviron(parent.namedChildren[1]) && /\bin\b/.test(parent.text);
  if (parent.type === 'argument_list' && parent.namedChildren[0]?.id === node.id) {
    const call = parent.parent;
    const fn = call?.childForFieldName('function');
    if (!fn) return false;
    const path = ctx.importedPath(fn);
    if (path && ENV_CALLS.has(path)) return true;
    return /(?:^|\.)monkeypatch\.(?:setenv|delenv)$/.test(fn.text) || (fn.type === 'attribute' && /^(?:setenv|delenv)$/.test(fn.childForFieldName('attribute')?.text ?? '') && /monkeypatch/.test(fn.text));
  }
  if (parent.type === 'pair' && parent.childForFieldName('key')?.id === node.id) {
    const dict = parent.parent;
    const args = dict?.parent;
    const call = args?.type === 'argument_list' ? args.parent : undefined;
    const fn = call?.childForFieldName('function');
    if (!fn || !args) return false;
    const path = ctx.importedPath(fn) ?? '';
    if (ENV_DICT_CALLS.has(path)) return true;
    // patch.dict(os.environ, {...}) / patch.dict("os.environ", {...})
    const target = args.namedChildren[0];
    return /(?:^|\.)patch\.dict$/.test(path || fn.text) && !!target && (isEnviron(target) || target.text.replace(/['"]/g, '') === 'os.environ');
  }
  return false;
}

/**
 * A Python check for environment variables of one rule: the names come from the shared table
 * (src/configfiles/envVars.ts), so scripts, YAML and Python report the same thing.
 */
export function environmentNameCheck(code: string, fix?: { applicability: Applicability }): CustomCheck {
  const specs = ENV_VARS.filter((v) => v.code === code);
  return {
    kind: 'custom',
    nodeTypes: ['string'],
    visit(node, ctx) {
      const content = stringContent(node);
      const spec = content && specs.find((s) => s.name === content.text);
      if (!spec || !isEnvironmentName(node, ctx)) return;
      const rename = fix && spec.renameTo ? [{ start: content.start, end: content.end, text: spec.renameTo }] : undefined;
      ctx.report({ start: content.start, end: content.end, message: spec.message, help: spec.help, fix: rename ? { applicability: fix!.applicability, edits: rename } : undefined });
    },
  };
}
