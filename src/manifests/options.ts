import type { AnalyzerOptions } from '../engine/analyze.js';
import { DEFAULT_TARGET_VERSION } from '../engine/versions.js';

/**
 * The analyzers of dependency and configuration files need the target version (does a pin admit
 * it? what should it become?). The runner passes it through these optional fields of the analyzer
 * options; without them the defaults apply.
 */
export interface VersionedAnalyzerOptions extends AnalyzerOptions {
  targetVersion?: string;
}

export function targetVersionOf(options: AnalyzerOptions): string {
  return (options as VersionedAnalyzerOptions).targetVersion ?? DEFAULT_TARGET_VERSION;
}
