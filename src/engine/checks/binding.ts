import type { SyntaxNode } from '../../parser/types.js';
import type { MlflowApi, Param } from '../../semantic/apiIndex.js';
import type { Edit } from '../types.js';
import { callArguments, hasStarArgs, keywordArgument, positionalArguments } from '../syntax.js';

/**
 * Binding call arguments to parameters by a version's signature. Code written for MLflow 2.9.2
 * means what the 2.9.2 signature says: `mlflow.pyfunc.log_model("m", None, None, ["src"])` passes
 * `code_path`, whatever the 3.4 signature would make of the fourth position.
 */

/** Parameters that can be passed by position, in order (up to `*args` or the keyword-only ones). */
export function positionalParams(params: readonly Param[]): Param[] {
  const out: Param[] = [];
  for (const p of params) {
    if (p.kind !== 'positional_only' && p.kind !== 'positional_or_keyword') break;
    out.push(p);
  }
  return out;
}

/**
 * Submodules where MLflow 3.x defines flavor functions that its package `__init__` re-exports
 * inside an `if` (`mlflow.langchain.log_model` is `mlflow.langchain.model.log_model`); the API
 * index does not record conditional imports.
 */
const CONDITIONAL_REEXPORT_MODULES = ['model', 'save'];

/** The target version's signature of a (canonical) function, following re-exports the index misses. */
export function targetParams(api: MlflowApi, canonical: string): readonly Param[] | undefined {
  const direct = api.target.params(canonical) ?? api.target.params(api.target.resolve(canonical).canonical);
  if (direct) return direct;
  const dot = canonical.lastIndexOf('.');
  const module = canonical.slice(0, dot);
  if (!api.target.isModule(module)) return undefined;
  for (const sub of CONDITIONAL_REEXPORT_MODULES) {
    const params = api.target.params(`${module}.${sub}.${canonical.slice(dot + 1)}`);
    if (params) return params;
  }
  return undefined;
}

/** The signature the code was written against: the source version's, or the target's for newer APIs. */
export function sourceParams(api: MlflowApi, canonical: string): readonly Param[] | undefined {
  return api.source.params(canonical) ?? targetParams(api, canonical);
}

/**
 * The first position whose parameter differs between the source and target signatures: a
 * positional argument there or later binds to another parameter after the upgrade. `Infinity`
 * when no position changed; undefined when either signature is unknown.
 */
export function firstPositionalShift(api: MlflowApi, canonical: string): number | undefined {
  const source = api.source.params(canonical);
  const target = targetParams(api, canonical);
  if (!source || !target) return undefined;
  const before = positionalParams(source);
  const after = positionalParams(target);
  for (let i = 0; i < before.length; i++) if (after[i]?.name !== before[i]!.name) return i;
  return Infinity;
}

/** An argument as the call passes it. */
export interface BoundArgument {
  value: SyntaxNode;
  /** The `keyword_argument` node, when passed by keyword. */
  keyword?: SyntaxNode;
  /** The position, when passed by position. */
  index?: number;
}

/** The argument a call passes for a parameter (by keyword, or at its position in `params`). */
export function boundArgument(call: SyntaxNode, params: readonly Param[] | undefined, name: string): BoundArgument | undefined {
  const kw = keywordArgument(call, name);
  const value = kw?.childForFieldName('value');
  if (kw && value) return { value, keyword: kw };
  if (!params) return undefined;
  const index = positionalParams(params).findIndex((p) => p.name === name);
  if (index < 0) return undefined;
  const arg = positionalArguments(call)[index];
  return arg ? { value: arg, index } : undefined;
}

/** Is `name` passed as a keyword (directly or as a key of a `**{...}` literal)? */
export function passesKeyword(call: SyntaxNode, name: string): boolean {
  return callArguments(call).some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
}

/**
 * Edits that turn the positional arguments from `from` on into keywords named by `params`
 * (`names` overrides the name at a position). Undefined when a position has no parameter, a
 * `*args` splat hides positions, or a keyword of that name is already passed.
 */
export function positionalsToKeywords(call: SyntaxNode, params: readonly Param[], from: number, names: Record<number, string> = {}): Edit[] | undefined {
  if (hasStarArgs(call)) return undefined;
  const positional = positionalParams(params);
  const args = positionalArguments(call);
  const edits: Edit[] = [];
  for (let i = from; i < args.length; i++) {
    const name = names[i] ?? positional[i]?.name;
    if (!name || passesKeyword(call, name)) return undefined;
    edits.push({ start: args[i]!.startIndex, end: args[i]!.startIndex, text: `${name}=` });
  }
  return edits;
}
