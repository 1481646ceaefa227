import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { literalValue } from '../src/engine/checks/callSite.js';
import { SEARCH_TRACES_FRAME, traceValueType } from '../src/engine/checks/traceValues.js';
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
    whatItDoes: 'Checks for V2 column names (`request_id`, `timestamp_ms`, `execution_time_ms`, `status`, `request_metadata`) and for the `request` / `response` columns, read from the result of `mlflow.search_traces()` by subscript (`df["request_id"]`, `df[["request", "response"]]`) or attribute (`df.request_id`).',
    why: 'MLflow 3.0 (PR #15643) returns the V3 columns: `trace_id`, `request_time`, `execution_duration`, `state`, `trace_metadata`, ... and `request` / `response` hold the parsed inputs and outputs. Old column names raise `KeyError`; code reading `request` / `response` may see different values.',
    example: 'traces = mlflow.search_traces(experiment_ids=["1"])\nids = traces["request_id"].tolist()',
    useInstead: 'traces = mlflow.search_traces(experiment_ids=["1"], return_type="list")\nids = [t.info.trace_id for t in traces]',
    fixSafety: 'No automatic fix: column contents changed along with the names. Consider `return_type="list"`, which returns `Trace` objects.',
    references: [DOCS.breakingChanges, DOCS.pr(15643)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['subscript', 'attribute'], visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const frame = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
  if (!frame) return;
  const columns = node.type === 'subscript' ? subscriptColumns(node) : [node.childForFieldName('attribute')!];
  const relevant = columns.filter((c) => isV2Column(columnName(c)));
  if (!relevant.length || traceValueType(frame, ctx) !== SEARCH_TRACES_FRAME) return;
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
