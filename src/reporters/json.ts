import type { RunResult } from '../runner/run.js';
import type { ReportContext } from './types.js';

// Placeholder until the documented schema lands (see issue: output formats).
export function formatJson(result: RunResult, context: ReportContext): string {
  return JSON.stringify({ version: context.toolVersion, findings: result.findings.length }, null, 2) + '\n';
}
