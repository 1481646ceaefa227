import type { RuleDefinition } from '../src/engine/rule.js';
import MLF614 from './MLF614-client-server-version-skew.js';
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
  MLF614,
  MLF901, MLF902, MLF903, MLF904, MLF905, MLF906,
];
