import type { RuleDefinition } from '../src/engine/rule.js';
import MLF105 from './MLF105-evaluation-result-baseline-metrics.js';
import MLF107 from './MLF107-evaluate-explainer-default.js';
import MLF108 from './MLF108-mlflow-evaluate-deprecated.js';
import MLF109 from './MLF109-evaluation-base-import-paths.js';
import MLF110 from './MLF110-model-evaluator-plugin-api.js';
import MLF111 from './MLF111-metrics-prompt-template-variables.js';
import MLF203 from './MLF203-flavor-gluon-removed.js';
import MLF204 from './MLF204-recipes-removed.js';
import MLF205 from './MLF205-keras-core-removed.js';
import MLF206 from './MLF206-mlflow-llm-removed.js';
import MLF207 from './MLF207-gateway-client-removed.js';
import MLF208 from './MLF208-deployment-server-removed.js';

/** Registration list for this group of rules (merged into ALL_RULES by rules/index.ts). */
export const RULES: readonly RuleDefinition[] = [
  MLF105, MLF107, MLF108, MLF109, MLF110, MLF111,
  MLF203, MLF204, MLF205, MLF206, MLF207, MLF208,
];
