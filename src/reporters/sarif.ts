import type { RunResult } from '../runner/run.js';
import type { ReportContext } from './types.js';

// Placeholder until the SARIF 2.1.0 reporter lands.
export function formatSarif(result: RunResult, context: ReportContext): string {
  return JSON.stringify({ version: '2.1.0', runs: [], tool: context.toolVersion, n: result.findings.length }) + '\n';
}
