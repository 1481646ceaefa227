import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF405',
  name: 'tracing-delete-traces-request-ids',
  severity: 'error',
  fix: 'safe',
  item: 'T2',
  since: '3.0.0',
  triggers: ['request_ids'],
  docs: {
    summary: '`MlflowClient.delete_traces(request_ids=...)` was renamed `trace_ids` in MLflow 3.0, without an alias.',
    whatItDoes: 'Checks for `request_ids=` (keyword or `**{...}` key) in calls of `MlflowClient.delete_traces`.',
    why: 'MLflow 3.0 renamed trace request ids to trace ids; unlike the other tracing APIs, `delete_traces` kept no deprecated alias, so the call raises `TypeError`.',
    example: 'client.delete_traces(experiment_id="0", request_ids=["tr-1", "tr-2"])',
    useInstead: 'client.delete_traces(experiment_id="0", trace_ids=["tr-1", "tr-2"])',
    fixSafety: 'Safe: the parameter has the same meaning under its new name.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'keyword',
      callees: ['mlflow.tracking.MlflowClient.delete_traces'],
      keyword: 'request_ids',
      renameTo: 'trace_ids',
      inDictSplat: true,
      noFixWith: ['trace_ids'],
      message: '`request_ids` of `{callee}` was removed in MLflow 3.0',
      help: 'Rename to `trace_ids`',
    },
  ],
});
