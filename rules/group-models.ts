import type { RuleDefinition } from '../src/engine/rule.js';
import MLF301 from './MLF301-log-model-artifact-path.js';
import MLF302 from './MLF302-log-model-name-charset.js';
import MLF303 from './MLF303-log-model-code-path.js';
import MLF304 from './MLF304-log-model-example-no-conversion.js';
import MLF305 from './MLF305-pytorch-requirements-file.js';
import MLF306 from './MLF306-transformers-inference-config.js';
import MLF307 from './MLF307-modelinfo-signature-dict.js';
import MLF308 from './MLF308-log-model-positional-shifts.js';
import MLF309 from './MLF309-model-artifacts-location.js';
import MLF310 from './MLF310-modelinfo-uri-and-artifact-path.js';
import MLF311 from './MLF311-log-model-no-implicit-run.js';
import MLF312 from './MLF312-runs-uri-model-deprecated.js';
import MLF313 from './MLF313-spark-sample-input.js';
import MLF314 from './MLF314-keras-flavor-keras3.js';
import MLF315 from './MLF315-tf-callback-renamed.js';
import MLF316 from './MLF316-tf-autolog-every-n-iter.js';
import MLF317 from './MLF317-langchain-openai-default-env-helpers.js';
import MLF318 from './MLF318-openai-task-objects.js';
import MLF319 from './MLF319-colspec-optional-required.js';
import MLF320 from './MLF320-schema-datatype-helpers-removed.js';
import MLF321 from './MLF321-pyfunc-load-pyfunc.js';

/** Registration list for this group of rules (merged into ALL_RULES by rules/index.ts). */
export const RULES: readonly RuleDefinition[] = [
  MLF301, MLF302, MLF303, MLF304, MLF305, MLF306, MLF307,
  MLF308, MLF309, MLF310, MLF311, MLF312, MLF313, MLF314,
  MLF315, MLF316, MLF317, MLF318, MLF319, MLF320, MLF321,
];
