import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext, ReportDescriptor } from '../src/engine/context.js';
import { defineRule, type MovedSymbolCheck } from '../src/engine/rule.js';
import { visitDelegated } from '../src/engine/checks/delegate.js';
import { REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';
import type { Edit } from '../src/engine/types.js';
import { moveImportItemEdits } from '../src/engine/checks/importEdits.js';
import { lineEndingAt } from '../src/engine/statementEdits.js';
import { traceValueType } from '../src/engine/checks/traceValues.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { DOCS } from './shared.js';

/** TraceInfo V2 property → its V3 field (the old names are deprecated aliases in 3.x). */
const TRACE_INFO_RENAMES: Record<string, string> = {
  request_id: 'trace_id',
  request_metadata: 'trace_metadata',
  timestamp_ms: 'request_time',
  execution_time_ms: 'execution_duration',
  status: 'state',
};

/** `TraceStatus` as 2.x code imports it (`mlflow.entities` stopped exporting it in 3.x). */
const TRACE_STATUS_PATHS = ['mlflow.entities.TraceStatus', 'mlflow.entities.trace_status.TraceStatus'];
const TRACE_STATE = 'mlflow.entities.trace_state.TraceState';
/** Members with the same name in `TraceStatus` and `TraceState` (the unspecified ones differ). */
const SHARED_MEMBERS = new Set(['OK', 'ERROR', 'IN_PROGRESS']);

export default defineRule({
  code: 'MLF406',
  name: 'traceinfo-v2-fields',
  severity: 'warning',
  fix: 'safe*',
  item: 'T3',
  since: '3.0.0',
  triggers: ['request_id', 'request_metadata', 'timestamp_ms', 'execution_time_ms', 'status', 'TraceStatus'],
  // Its fix imports `TraceState` unless the module binds that name, wherever.
  parseDefinitionsMatching: /TraceState/,
  docs: {
    summary: 'The TraceInfo V2 fields `request_id`, `request_metadata`, `timestamp_ms`, `execution_time_ms`, `status` (and `Span.request_id`) are deprecated in MLflow 3.0.',
    whatItDoes: 'Checks for those attributes on `TraceInfo` objects (`trace.info` of traces from `mlflow.get_trace`, `MlflowClient().get_trace`, `mlflow.search_traces(return_type="list")`, ...) and for `request_id` on spans (`mlflow.start_span()`, `MlflowClient().start_trace()`, `trace.data.spans`, ...), and for `TraceStatus` imported from `mlflow.entities`, which no longer exports it.',
    why: 'MLflow 3.0 moved traces to the V3 schema: the V2 names survive as deprecated properties that warn, and `status` returns the deprecated `TraceStatus` enum where `state` returns `TraceState`.',
    example: 'info = mlflow.get_trace(trace_id).info\nprint(info.request_id, info.timestamp_ms)\nif info.status == TraceStatus.OK: ...',
    useInstead: 'info = mlflow.get_trace(trace_id).info\nprint(info.trace_id, info.request_time)\nif info.state == TraceState.OK: ...',
    fixSafety: 'Safe for `request_id`, `request_metadata`, `timestamp_ms`, `execution_time_ms` and `Span.request_id`: the deprecated properties return the new fields. For `status`, safe only in a comparison with `TraceStatus.OK` / `ERROR` / `IN_PROGRESS`, rewritten together with the enum (`info.state == TraceState.OK`); elsewhere the rename is unsafe because the two enums differ (notably `UNSPECIFIED`). `from mlflow.entities import TraceStatus` is rewritten to import from `mlflow.entities.trace_status` (safe: the same class). Attributes of objects whose type is unknown are never touched.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['attribute'], visit },
    { kind: 'custom', nodeTypes: REFERENCE_NODE_TYPES, onlyReferences: true, visit: (node, ctx) => visitDelegated(TRACE_STATUS_EXPORT, node, ctx, { amend: (d) => splitImport(d, ctx) }) },
  ],
});

/** `mlflow.entities` stopped re-exporting the deprecated `TraceStatus` in 3.x; its module still has it. */
const TRACE_STATUS_EXPORT: MovedSymbolCheck = {
  kind: 'moved-symbol',
  symbols: [{ from: 'mlflow.entities.TraceStatus', to: 'mlflow.entities.trace_status.TraceStatus' }],
  message: '`mlflow.entities.TraceStatus` is no longer exported in MLflow 3 (the enum is deprecated in favour of `TraceState`)',
  help: 'Import it from `mlflow.entities.trace_status`, or move to `mlflow.entities.TraceState`',
};

/** `from mlflow.entities import TraceInfo, TraceStatus`: move just `TraceStatus` to its own import. */
function splitImport(d: ReportDescriptor, ctx: CheckContext): ReportDescriptor {
  const item = d.node?.parent?.type === 'aliased_import' ? d.node.parent : d.node;
  const statement = item?.parent;
  if (d.fix || !item || statement?.type !== 'import_from_statement') return d;
  const edits = moveImportItemEdits(statement, item, 'mlflow.entities.trace_status', ctx.file.text);
  return edits ? { ...d, fix: { applicability: 'safe', edits } } : d;
}

function visit(node: SyntaxNode, ctx: CheckContext): void {
  const attr = node.childForFieldName('attribute');
  const object = node.childForFieldName('object');
  if (!attr || !object) return;
  if (!Object.hasOwn(TRACE_INFO_RENAMES, attr.text)) return;
  const to = TRACE_INFO_RENAMES[attr.text]!;
  const type = traceValueType(object, ctx);
  const isInfo = ctx.model.isInstanceOf(type, CLASS.TraceInfo);
  const isSpan = attr.text === 'request_id' && ctx.model.isInstanceOf(type, CLASS.Span);
  if (!isInfo && !isSpan) return;
  const rename: Edit = { start: attr.startIndex, end: attr.endIndex, text: to };
  const owner = isSpan ? 'Span' : 'TraceInfo';
  const message = `\`${owner}.${attr.text}\` is deprecated since MLflow 3.0`;
  if (attr.text !== 'status') {
    ctx.report({ node: attr, message, help: `Use \`${to}\``, fix: { applicability: 'safe', edits: [rename] } });
    return;
  }
  const enumEdits = comparedStatusEdits(node, ctx);
  ctx.report({
    node: attr,
    message: `${message} (it returns the deprecated \`TraceStatus\`)`,
    help: enumEdits ? 'Use `state` and compare with `TraceState`' : 'Use `state` (a `TraceState`)',
    fix: { applicability: enumEdits ? 'safe' : 'unsafe', edits: [rename, ...(enumEdits ?? [])] },
  });
}

/**
 * `info.status == TraceStatus.OK` (also `!=`, `in (...)`): the edits that turn every compared
 * `TraceStatus.<member>` into `TraceState.<member>`, or undefined when the comparison is anything
 * else (or involves a member the two enums do not share).
 */
function comparedStatusEdits(statusRead: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  const comparison = statusRead.parent;
  if (comparison?.type !== 'comparison_operator') return undefined;
  const operators = comparison.children.filter((c) => !c.isNamed).map((c) => c.text);
  if (!operators.length || !operators.every((op) => ['==', '!=', 'in', 'not'].includes(op))) return undefined;
  const others = comparison.namedChildren.filter((c) => c.startIndex !== statusRead.startIndex);
  if (others.length !== 1) return undefined;
  const members = others[0]!.type === 'tuple' || others[0]!.type === 'list' || others[0]!.type === 'set' ? others[0]!.namedChildren : [others[0]!];
  if (!members.length) return undefined;
  const edits: Edit[] = [];
  for (const member of members) {
    const e = memberEdits(member, ctx);
    if (!e) return undefined;
    edits.push(...e);
  }
  return edits;
}

/** `TraceStatus.OK` → `TraceState.OK`, importing `TraceState` when the name is not bound yet. */
function memberEdits(member: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  if (member.type !== 'attribute' || !SHARED_MEMBERS.has(member.childForFieldName('attribute')!.text)) return undefined;
  const enumNode = member.childForFieldName('object')!;
  const path = ctx.importedPath(enumNode);
  if (!path || !TRACE_STATUS_PATHS.includes(path)) return undefined;
  if (enumNode.type === 'attribute') {
    const name = enumNode.childForFieldName('attribute')!;
    const owner = enumNode.childForFieldName('object')!;
    // `mlflow.entities.TraceStatus` → `mlflow.entities.TraceState`
    if (path === 'mlflow.entities.TraceStatus') return [{ start: name.startIndex, end: name.endIndex, text: 'TraceState' }];
    // `mlflow.entities.trace_status.TraceStatus` → `mlflow.entities.trace_state.TraceState` (both submodules are loaded by `mlflow.entities`)
    const module = owner.type === 'attribute' ? owner.childForFieldName('attribute')! : undefined;
    return module ? [{ start: module.startIndex, end: name.endIndex, text: 'trace_state.TraceState' }] : undefined;
  }
  if (enumNode.type !== 'identifier' || enumNode.text !== 'TraceStatus') return undefined;
  const replace = { start: enumNode.startIndex, end: enumNode.endIndex, text: 'TraceState' };
  // `TraceState` already means something here: use it only if it is MLflow's.
  const existing = ctx.model.lookup('TraceState', ctx.scope, enumNode.startIndex);
  if (existing.kind === 'star') return ctx.canonical(existing.path) === TRACE_STATE ? [replace] : undefined;
  if (existing.kind === 'binding') {
    const bound = existing.binding.kind === 'import' ? existing.binding.importPath : undefined;
    return bound && ctx.canonical(bound) === TRACE_STATE ? [replace] : undefined;
  }
  const importEdit = importTraceStateBefore(enumNode, ctx);
  return importEdit ? [replace, importEdit] : undefined;
}

/** `from mlflow.entities import TraceState` on its own line, just before the import of `TraceStatus`. */
function importTraceStateBefore(enumNode: SyntaxNode, ctx: CheckContext): Edit | undefined {
  const r = ctx.model.resolveIdentifier(enumNode, ctx.scope);
  if (r.kind !== 'binding' || r.candidates.length !== 1 || r.binding.kind !== 'import') return undefined;
  const statement = r.binding.node;
  const text = ctx.file.text;
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  return { start: statement.startIndex, end: statement.startIndex, text: `from mlflow.entities import TraceState${lineEndingAt(text, statement.endIndex)}${indent}` };
}
