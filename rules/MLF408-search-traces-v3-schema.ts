import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { literalValue } from '../src/engine/checks/callSite.js';
import { SEARCH_TRACES_FRAME, SEARCH_TRACES_INDEXER, traceValueType } from '../src/engine/checks/traceValues.js';
import { keywordArgument, positionalArguments } from '../src/engine/syntax.js';
import { DOCS } from './shared.js';

/** V2 columns of the `mlflow.search_traces()` DataFrame → what replaced them in the V3 schema. */
const RENAMED: Record<string, string> = {
  request_id: 'trace_id',
  timestamp_ms: 'request_time',
  execution_time_ms: 'execution_duration',
  status: 'state',
  request_metadata: 'trace_metadata',
};
/** Same name, different content in V3. */
const CHANGED = new Set(['request', 'response']);

export default defineRule({
  code: 'MLF408',
  name: 'search-traces-v3-schema',
  severity: 'warning',
  fix: 'manual',
  item: 'T5',
  since: '3.0.0',
  triggers: ['search_traces'],
  docs: {
    summary: 'The DataFrame returned by `mlflow.search_traces()` uses the V3 trace schema since MLflow 3.0.',
    whatItDoes: 'Checks for V2 column names (`request_id`, `timestamp_ms`, `execution_time_ms`, `status`, `request_metadata`) and for the `request` / `response` columns, read from the result of `mlflow.search_traces()` by subscript (`df["request_id"]`, `df[["request", "response"]]`), attribute (`df.request_id`), on a row or a frame with the same columns (`df.iloc[0]["status"]`, `df.loc[0, "request_id"]`, `df.head()["timestamp_ms"]`), or as the column argument of `sort_values`, `groupby`, `set_index`, `get`, `explode`, `drop_duplicates`, `drop(columns=)`, `dropna(subset=)` and `filter(items=)`.',
    why: 'MLflow 3.0 (PR #15643) returns the V3 columns: `trace_id`, `request_time`, `execution_duration`, `state`, `trace_metadata`, ... and `request` / `response` hold the parsed inputs and outputs. Old column names raise `KeyError`; code reading `request` / `response` may see different values.',
    example: 'traces = mlflow.search_traces(experiment_ids=["1"])\nids = traces["request_id"].tolist()',
    useInstead: 'traces = mlflow.search_traces(experiment_ids=["1"], return_type="list")\nids = [t.info.trace_id for t in traces]',
    fixSafety: 'No automatic fix: column contents changed along with the names. Consider `return_type="list"`, which returns `Trace` objects.',
    references: [DOCS.breakingChanges, DOCS.pr(15643)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['subscript', 'attribute', 'call'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const named = candidateColumns(node).filter((c) => isV2Column(columnName(c)));
  if (!named.length) return;
  const relevant = readFromSearchTraces(node, named, ctx);
  for (const column of relevant) {
    const name = columnName(column)!;
    const renamed = Object.hasOwn(RENAMED, name) ? RENAMED[name] : undefined;
    ctx.report({
      node: column,
      message: renamed
        ? `\`mlflow.search_traces()\` has no \`${name}\` column since MLflow 3.0 (V3 schema: \`${renamed}\`)`
        : `The \`${name}\` column of \`mlflow.search_traces()\` holds V3 content since MLflow 3.0`,
      help: renamed ? `Use the \`${renamed}\` column, or \`return_type="list"\` for \`Trace\` objects` : 'Check how the column is used, or pass `return_type="list"` for `Trace` objects',
    });
  }
}

/** Of `columns`, those read from the `mlflow.search_traces()` frame (or a row of it). */
function readFromSearchTraces(node: SyntaxNode, columns: SyntaxNode[], ctx: CheckContext): SyntaxNode[] {
  if (node.type === 'call') {
    // `df.sort_values("timestamp_ms")`: a method of the frame itself.
    const fn = node.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    return object && traceValueType(object, ctx) === SEARCH_TRACES_FRAME ? columns : [];
  }
  const owner = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
  const type = owner ? traceValueType(owner, ctx) : null;
  if (type === SEARCH_TRACES_FRAME) return columns;
  // `.loc[rows, columns]`, `.at[row, column]`: the first subscript picks rows, not columns.
  if (type === SEARCH_TRACES_INDEXER && node.type === 'subscript') return columns.filter((c) => !isRowSelector(node, c));
  return [];
}

/** The nodes that may name columns: subscripts, the attribute, or a column-taking method's argument. */
function candidateColumns(node: SyntaxNode): SyntaxNode[] {
  if (node.type === 'subscript') return subscriptColumns(node);
  if (node.type === 'attribute') return [node.childForFieldName('attribute')!];
  const fn = node.childForFieldName('function');
  const method = fn?.type === 'attribute' ? COLUMN_ARGUMENTS[fn.childForFieldName('attribute')!.text] : undefined;
  if (!method) return [];
  const keyword = keywordArgument(node, method.keyword);
  const value = keyword ? keyword.childForFieldName('value') : method.position !== undefined ? positionalArguments(node)[method.position] : undefined;
  if (!value) return [];
  return (value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value]).filter((v) => v.type === 'string');
}

/**
 * DataFrame methods that take column names: where (first positional argument, or the keyword).
 * Only these: a string argument of another method is not a column name.
 */
const COLUMN_ARGUMENTS: Record<string, { position?: number; keyword: string }> = {
  sort_values: { position: 0, keyword: 'by' },
  groupby: { position: 0, keyword: 'by' },
  set_index: { position: 0, keyword: 'keys' },
  get: { position: 0, keyword: 'key' },
  explode: { position: 0, keyword: 'column' },
  drop_duplicates: { position: 0, keyword: 'subset' },
  drop: { keyword: 'columns' },
  dropna: { keyword: 'subset' },
  filter: { keyword: 'items' },
};

/** The column is (inside) the first of several subscripts: `.loc["request_id"]` picks a row label. */
function isRowSelector(subscript: SyntaxNode, column: SyntaxNode): boolean {
  const parts = subscript.childrenForFieldName('subscript');
  const first = parts[0];
  return parts.length < 2 || (!!first && column.startIndex >= first.startIndex && column.endIndex <= first.endIndex);
}

/** `df["a"]`, `df[["a", "b"]]`: the string literals naming columns. */
function subscriptColumns(node: SyntaxNode): SyntaxNode[] {
  return node.childrenForFieldName('subscript').flatMap((s) => (s.type === 'list' ? s.namedChildren : [s])).filter((s) => s.type === 'string');
}

function isV2Column(name: string | undefined): boolean {
  return !!name && (Object.hasOwn(RENAMED, name) || CHANGED.has(name));
}

function columnName(node: SyntaxNode): string | undefined {
  return node.type === 'identifier' ? node.text : literalValue(node);
}
