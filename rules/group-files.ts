import type { RuleDefinition } from '../src/engine/rule.js';
import MLF601 from './MLF601-gateway-config-routes.js';
import MLF602 from './MLF602-env-gcs-default-timeout.js';
import MLF603 from './MLF603-env-allow-file-uri-model-source.js';
import MLF604 from './MLF604-env-openai-retries-enabled.js';
import MLF605 from './MLF605-env-models-serve-workers.js';
import MLF606 from './MLF606-env-deployments-config-unused.js';
import MLF607 from './MLF607-env-default-changes.js';
import MLF608 from './MLF608-telemetry-default-on.js';
import MLF609 from './MLF609-server-uvicorn-default.js';
import MLF610 from './MLF610-scoring-server-fastapi.js';
import MLF611 from './MLF611-basic-auth-secret-key.js';
import MLF612 from './MLF612-auth-password-min-length.js';
import MLF613 from './MLF613-docker-image-defaults.js';
import MLF614 from './MLF614-client-server-version-skew.js';
import MLF615 from './MLF615-openai-secret-scope.js';
import MLF901 from './MLF901-dependency-pin.js';
import MLF902 from './MLF902-package-split-pins.js';
import MLF903 from './MLF903-python-version-floor.js';
import MLF904 from './MLF904-extras-mlserver-split.js';
import MLF905 from './MLF905-extras-xethub-removed.js';
import MLF906 from './MLF906-transitive-deps-dropped.js';

/**
 * Rules of notebooks, dependency files and configuration files (merged into ALL_RULES by
 * rules/index.ts). Most have no Python checks: the analyzers in src/manifests, src/configfiles
 * and src/notebooks report them from the rule definitions in effect.
 */
export const RULES: readonly RuleDefinition[] = [
  MLF601, MLF602, MLF603, MLF604, MLF605, MLF606, MLF607, MLF608, MLF609, MLF610, MLF611, MLF612, MLF613, MLF614, MLF615,
  MLF901, MLF902, MLF903, MLF904, MLF905, MLF906,
];
