import type { SyntaxNode } from '../../parser/types.js';
import type { MlflowApi } from '../../semantic/apiIndex.js';
import type { Scope } from '../../semantic/scope.js';
import { ATTRIBUTES, CLASS, RETURNS } from '../../semantic/mlflowTypes.js';
import type { CheckContext } from '../context.js';
import { callArguments } from '../syntax.js';
import { literalValue } from './callSite.js';
import { assignedValue, iteratedValue, unwrap } from './valueFlow.js';

/**
 * Types of tracing values where the semantic model alone cannot tell: `mlflow.search_traces()`
 * returns a pandas DataFrame, or a list of `Trace` with `return_type="list"`. The model's answer
 * is used whenever it has one; this only adds the argument-dependent result and follows it
 * through names, loops, subscripts and the `Trace` attribute tables, and through the DataFrame's
 * row indexers (`.loc`, `.iloc`) and methods that keep its columns (`head()`, `sort_values()`).
 */
export const SEARCH_TRACES_FRAME = 'pandas.DataFrame<mlflow.search_traces>';
/** `.loc` / `.iloc` / `.at` / `.iat` of that DataFrame: subscripted, a row or a frame with the same column names. */
export const SEARCH_TRACES_INDEXER = 'pandas.Indexer<mlflow.search_traces>';
const INDEXERS = new Set(['loc', 'iloc', 'at', 'iat']);
/** DataFrame methods whose result keeps the columns (rows chosen, reordered or copied). */
const SAME_COLUMNS = new Set(['head', 'tail', 'sort_values', 'sort_index', 'query', 'copy', 'dropna', 'fillna', 'reset_index', 'sample', 'drop_duplicates', 'nlargest', 'nsmallest']);

const SEARCH_TRACES = ['mlflow.search_traces', 'mlflow.tracing.fluent.search_traces'];
const COLLECTION = '[]';
const MAX_DEPTH = 12;

export function traceValueType(node: SyntaxNode, ctx: CheckContext, scope: Scope = ctx.scope, depth = 0): string | null {
  const known = ctx.model.typeOf(node, scope);
  if (known || depth > MAX_DEPTH) return known;
  const n = unwrap(node);
  switch (n.type) {
    case 'call': {
      const result = searchTracesResult(n, ctx, scope);
      if (result) return result === 'list' ? `${ctx.canonical(CLASS.Trace)}${COLLECTION}` : SEARCH_TRACES_FRAME;
      const fn = n.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      const owner = object ? traceValueType(object, ctx, scope, depth + 1) : null;
      if (!owner || !fn) return null;
      const method = fn.childForFieldName('attribute')!.text;
      if (owner === SEARCH_TRACES_FRAME) return SAME_COLUMNS.has(method) ? SEARCH_TRACES_FRAME : null;
      return memberType(ctx.api, 'returns', owner, method);
    }
    case 'identifier': {
      const value = assignedValue(n, scope, ctx.model);
      if (value) return traceValueType(value.node, ctx, value.scope, depth + 1);
      const iterated = iteratedValue(n, scope, ctx.model);
      return iterated ? elementOf(traceValueType(iterated.node, ctx, iterated.scope, depth + 1)) : null;
    }
    case 'subscript': {
      const value = n.childForFieldName('value');
      const owner = value ? traceValueType(value, ctx, scope, depth + 1) : null;
      return owner === SEARCH_TRACES_INDEXER ? SEARCH_TRACES_FRAME : elementOf(owner);
    }
    case 'attribute': {
      const object = n.childForFieldName('object');
      const owner = object ? traceValueType(object, ctx, scope, depth + 1) : null;
      const member = n.childForFieldName('attribute')!.text;
      if (owner === SEARCH_TRACES_FRAME) return INDEXERS.has(member) ? SEARCH_TRACES_INDEXER : null;
      return owner ? memberType(ctx.api, 'attributes', owner, member) : null;
    }
    default:
      return null;
  }
}

/** `mlflow.search_traces(...)`: 'list' with `return_type="list"`, 'frame' by default or with "pandas". */
export function searchTracesResult(call: SyntaxNode, ctx: CheckContext, scope: Scope = ctx.scope): 'list' | 'frame' | undefined {
  const callee = ctx.model.calleeName(call, scope);
  if (!callee || !SEARCH_TRACES.some((s) => ctx.canonical(s) === callee)) return undefined;
  const returnType = callArguments(call).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'return_type');
  if (!returnType) return callArguments(call).some((a) => a.type === 'dictionary_splat') ? undefined : 'frame';
  const value = literalValue(returnType.childForFieldName('value'));
  return value === 'list' ? 'list' : value === 'pandas' ? 'frame' : undefined;
}

function elementOf(type: string | null): string | null {
  return type?.endsWith(COLLECTION) ? type.slice(0, -COLLECTION.length) : null;
}

const tables = new WeakMap<MlflowApi, { returns: Map<string, string>; attributes: Map<string, string> }>();

/** The tracing tables of mlflowTypes, canonical (the model keeps its own copy private). */
function memberType(api: MlflowApi, table: 'returns' | 'attributes', owner: string, member: string): string | null {
  if (owner.endsWith(COLLECTION) || owner === SEARCH_TRACES_FRAME) return null;
  let t = tables.get(api);
  if (!t) {
    const canon = (v: string) => (v.endsWith(COLLECTION) ? `${api.canonical(v.slice(0, -2))}${COLLECTION}` : api.canonical(v));
    const build = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [api.canonical(k), canon(v)]));
    tables.set(api, (t = { returns: build(RETURNS), attributes: build(ATTRIBUTES) }));
  }
  return t[table].get(api.canonical(`${owner}.${member}`)) ?? null;
}
