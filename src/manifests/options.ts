import type { AnalyzerOptions } from '../engine/analyze.js';
import { DEFAULT_TARGET_VERSION } from '../engine/versions.js';

/** The version dependency and configuration analyzers move pins to (does a pin admit it?). */
export function targetVersionOf(options: AnalyzerOptions): string {
  return options.targetVersion ?? DEFAULT_TARGET_VERSION;
}
