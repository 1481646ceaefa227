import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF601',
  name: 'gateway-config-routes',
  severity: 'error',
  fix: 'safe',
  item: '#43',
  since: '3.0.0',
  triggers: [],
  docs: {
    summary: 'The AI gateway configuration keys `routes:` and `route_type:` were renamed `endpoints:` and `endpoint_type:` in MLflow 3.0.',
    whatItDoes: 'Finds gateway configuration files by content, whatever their name: YAML whose top-level `routes:` (or `endpoints:`) list has items with `model.provider`. Reports the top-level `routes:` key and every `route_type:` key of its items. A `routes:` key of any other YAML (a web app\'s own configuration) is not reported.',
    why: 'MLflow 2.9.2 accepted both spellings through pydantic aliases; 3.0 (PR #15331) accepts only `endpoints` / `endpoint_type`, and `route_type` raises an explicit error, so `mlflow gateway start --config-path` fails on the old file.',
    example: 'routes:\n  - name: chat\n    route_type: llm/v1/chat\n    model:\n      provider: openai\n      name: gpt-4o-mini',
    useInstead: 'endpoints:\n  - name: chat\n    endpoint_type: llm/v1/chat\n    model:\n      provider: openai\n      name: gpt-4o-mini',
    fixSafety: 'Safe: a rename of YAML keys; values (`llm/v1/chat`, ...) and `model:` blocks are unchanged. No fix when the file already has an `endpoints:` (or an item an `endpoint_type:`) key beside the old one.',
    references: [DOCS.breakingChanges, DOCS.pr(15331)],
  },
  checks: [],
});
