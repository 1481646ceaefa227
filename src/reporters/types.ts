import type { RunResult } from '../runner/run.js';

export interface ReportContext {
  /** Directory that repository-relative paths (SARIF URIs) are computed from. */
  cwd: string;
  toolVersion: string;
  /** ANSI colours (text format on a terminal only). */
  color: boolean;
  /** Fixes marked unsafe count as applicable (`--unsafe-fixes`). */
  unsafeFixes: boolean;
}

export type Reporter = (result: RunResult, context: ReportContext) => string;
