import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

/** The tracing APIs that took `request_id` before 3.0 (they keep it as a deprecated alias). */
const CALLEES = [
  'mlflow.get_trace',
  'mlflow.set_trace_tag',
  'mlflow.delete_trace_tag',
  'mlflow.tracing.fluent.get_trace',
  'mlflow.tracing.fluent.set_trace_tag',
  'mlflow.tracing.fluent.delete_trace_tag',
  ...['get_trace', 'end_trace', 'start_span', 'end_span', 'set_trace_tag', 'delete_trace_tag'].map((m) => `mlflow.tracking.MlflowClient.${m}`),
];

export default defineRule({
  code: 'MLF404',
  name: 'tracing-request-id-to-trace-id',
  severity: 'warning',
  fix: 'safe',
  item: 'T1',
  since: '3.0.0',
  triggers: ['request_id'],
  docs: {
    summary: 'The `request_id` argument of the tracing APIs was renamed `trace_id` in MLflow 3.0 (the old name is deprecated).',
    whatItDoes: 'Checks for `request_id=` (keyword or `**{...}` key) in calls of `mlflow.get_trace`, `mlflow.set_trace_tag`, `mlflow.delete_trace_tag` and the `MlflowClient` methods `get_trace`, `end_trace`, `start_span`, `end_span`, `set_trace_tag`, `delete_trace_tag`.',
    why: 'MLflow 3.0 renamed trace request ids to trace ids. The old keyword is still forwarded by `@deprecated_parameter`, with a FutureWarning, and will be removed.',
    example: 'trace = mlflow.get_trace(request_id=rid)\nclient.set_trace_tag(request_id=rid, key="k", value="v")',
    useInstead: 'trace = mlflow.get_trace(trace_id=rid)\nclient.set_trace_tag(trace_id=rid, key="k", value="v")',
    fixSafety: 'Safe: the deprecated keyword is forwarded unchanged to `trace_id`. Positional calls are unaffected and not reported. `request_id` arguments of other libraries (HTTP frameworks, OpenAI clients) are never touched.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'keyword',
      callees: CALLEES,
      keyword: 'request_id',
      renameTo: 'trace_id',
      inDictSplat: true,
      noFixWith: ['trace_id'],
      message: '`request_id` of `{callee}` is deprecated since MLflow 3.0',
      help: 'Rename to `trace_id`',
    },
  ],
});
