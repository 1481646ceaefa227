import type { RuleDefinition } from '../src/engine/rule.js';
import MLF000 from './MLF000-unused-suppression.js';
import MLF001 from './MLF001-parse-error.js';
import MLF101 from './MLF101-evaluate-baseline-model.js';
import MLF102 from './MLF102-evaluate-validation-thresholds.js';
import MLF103 from './MLF103-evaluate-baseline-config.js';
import MLF104 from './MLF104-evaluate-custom-metrics.js';
import MLF106 from './MLF106-metric-threshold-higher-is-better.js';
import MLF201 from './MLF201-flavor-fastai-removed.js';
import MLF202 from './MLF202-flavor-mleap-removed.js';
import { RULES as EVALUATION_AND_MODULES } from './group-evaluation-and-modules.js';
import { RULES as MODELS } from './group-models.js';
import { RULES as TRACKING_AND_REGISTRY } from './group-tracking-and-registry.js';
import { RULES as FILES } from './group-files.js';

/** Every rule, in code order. Adding a rule: one file plus its fixtures under test/fixtures/rules/<CODE>/. */
export const ALL_RULES: readonly RuleDefinition[] = [
  MLF000, MLF001, MLF101, MLF102, MLF103, MLF104, MLF106, MLF201, MLF202,
  ...EVALUATION_AND_MODULES,
  ...MODELS,
  ...TRACKING_AND_REGISTRY,
  ...FILES,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Every code the tool knows (suppressions may name rules that are not selected in a run). */
export const KNOWN_CODES: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.code));
