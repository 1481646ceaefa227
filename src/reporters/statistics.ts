import type { RunResult } from '../runner/run.js';
import type { ReportContext } from './types.js';

/** `--statistics`: how many findings per code, most frequent first, `[*]` when `fix` repairs them. */
export function formatStatistics(result: RunResult, context: ReportContext): string {
  const byCode = new Map<string, { name: string; count: number; fixable: number }>();
  for (const f of result.findings) {
    const entry = byCode.get(f.code) ?? { name: f.name, count: 0, fixable: 0 };
    entry.count++;
    if (f.fix && (f.fix.applicability === 'safe' || context.unsafeFixes)) entry.fixable++;
    byCode.set(f.code, entry);
  }
  const rows = [...byCode.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  const width = Math.max(1, ...rows.map(([, e]) => String(e.count).length));
  return rows.map(([code, e]) => `${String(e.count).padStart(width)}\t${code}\t${e.fixable === e.count ? '[*]' : e.fixable ? '[-]' : '   '} ${e.name}`).join('\n') + (rows.length ? '\n' : '');
}
