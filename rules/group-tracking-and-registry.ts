import type { RuleDefinition } from '../src/engine/rule.js';
import MLF002 from './MLF002-unresolved-mlflow-use.js';
import MLF401 from './MLF401-runinfo-run-uuid.js';
import MLF402 from './MLF402-git-tags-removed.js';
import MLF403 from './MLF403-get-artifact-uri-outside-run.js';
import MLF404 from './MLF404-tracing-request-id-to-trace-id.js';
import MLF405 from './MLF405-tracing-delete-traces-request-ids.js';
import MLF406 from './MLF406-traceinfo-v2-fields.js';
import MLF407 from './MLF407-get-last-active-trace-removed.js';
import MLF408 from './MLF408-search-traces-v3-schema.js';
import MLF409 from './MLF409-prompt-registry-moved.js';
import MLF410 from './MLF410-assessment-fluent-renames.js';
import MLF411 from './MLF411-genai-autolog-model-params.js';
import MLF412 from './MLF412-chatmodel-deprecated.js';
import MLF413 from './MLF413-mlflow-evaluation-module-deprecated.js';
import MLF414 from './MLF414-rag-signatures-deprecated.js';
import MLF501 from './MLF501-registry-stages-deprecated.js';
import MLF502 from './MLF502-registry-uri-databricks-uc-default.js';

/** Registration list for this group of rules (merged into ALL_RULES by rules/index.ts). */
export const RULES: readonly RuleDefinition[] = [
  MLF002,
  MLF401, MLF402, MLF403, MLF404, MLF405, MLF406, MLF407, MLF408, MLF409, MLF410, MLF411, MLF412, MLF413, MLF414,
  MLF501, MLF502,
];
