import type { Severity } from '../engine/types.js';
import type { RunResult } from '../runner/run.js';
import type { ReportContext } from './types.js';

/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.
 * https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
 */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(result: RunResult, _context: ReportContext): string {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      const start = file.source?.positionOf(f.start) ?? { line: 1, column: 1 };
      const end = file.source?.positionOf(f.end) ?? start;
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`${f.code} ${f.name}`)}`,
      ].join(',');
      const help = f.help ? ` (${f.help})` : '';
      lines.push(`::${COMMAND[f.severity]} ${props}::${escapeData(f.message + help)}`);
    }
  }
  for (const p of result.problems) lines.push(`::warning file=${escapeProperty(p.path)},title=mlflow-migrate::${escapeData(p.message)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}
