/** What `fix` tells the user: the diff (preview), what remains, per-file problems, the summary. */
import pc from 'picocolors';
import type { Finding } from '../engine/types.js';
import { formatFinding } from '../reporters/text.js';
import type { SourceFile } from '../source/sourceFile.js';
import { renderDiff } from './diff.js';
import { fileChanged, findingInOriginal, type FileFix } from './fixLoop.js';
import type { FileOutcome, FixRunResult } from './runFix.js';

export interface FileView {
  outcome: FileOutcome;
  /** The fixes of this file are (or, in preview, would be) on disk. */
  applied: boolean;
  /** Findings still to handle, positioned on the text the user has on disk afterwards. */
  remaining: Finding[];
  source?: SourceFile;
}

export function fileViews(result: FixRunResult): FileView[] {
  return result.outcomes.map((outcome) => {
    const { file, fix } = outcome;
    const unchanged: FileView = { outcome, applied: false, remaining: file.findings, source: file.source };
    if (!fix || result.refused || fix.failure) return unchanged;
    if (!fileChanged(fix)) return { outcome, applied: false, remaining: fix.remaining, source: fix.fixed };
    if (result.write) return outcome.write?.status === 'written' ? { outcome, applied: true, remaining: fix.remaining, source: fix.fixed } : unchanged;
    // Preview: nothing is written, so what remains is shown where it is in the file on disk.
    return { outcome, applied: true, remaining: fix.remaining.map((f) => findingInOriginal(fix, f)), source: fix.original };
  });
}

export interface FixSummary {
  fixed: number;
  files: number;
  remaining: number;
  manual: number;
  unsafe: number;
  /** Remaining findings whose fix could not be applied (a failed file, a skipped write). */
  blocked: number;
}

export function summarize(result: FixRunResult, views = fileViews(result)): FixSummary {
  const applied = views.filter((v) => v.applied);
  const remaining = views.flatMap((v) => v.remaining);
  const manual = remaining.filter((f) => !f.fix).length;
  const unsafe = remaining.filter((f) => f.fix?.applicability === 'unsafe' && !result.unsafeFixes).length;
  return {
    fixed: applied.reduce((n, v) => n + v.outcome.fix!.fixedFindings.length, 0),
    files: applied.length,
    remaining: remaining.length,
    manual,
    unsafe,
    blocked: remaining.length - manual - unsafe,
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `Fixed N findings in F files. R remain: M need manual changes, U have unsafe fixes (rerun with --unsafe-fixes).` */
export function summaryText(s: FixSummary, write: boolean): string {
  const head = `${write ? 'Fixed' : 'Would fix'} ${plural(s.fixed, 'finding', 'findings')} in ${plural(s.files, 'file', 'files')}.`;
  if (s.remaining === 0) return `${head} None remain.`;
  const parts = [`${s.manual} need${s.manual === 1 ? 's' : ''} manual changes`];
  if (s.unsafe) parts.push(`${s.unsafe} ${s.unsafe === 1 ? 'has an unsafe fix' : 'have unsafe fixes'} (rerun with --unsafe-fixes)`);
  if (s.blocked) parts.push(`${s.blocked} could not be fixed (see the messages above)`);
  return `${head} ${s.remaining} remain${s.remaining === 1 ? 's' : ''}: ${parts.join(', ')}.`;
}

/** The messages for stderr: why a file was skipped or left unchanged. */
export function fileMessages(result: FixRunResult): string[] {
  const out: string[] = [...result.notices];
  for (const { file, fix, write } of result.outcomes) {
    if (!fix) continue;
    for (const note of fix.notes) out.push(`${file.path}: ${note}`);
    for (const p of fix.problems) out.push(`${p.path}: ${p.message}`);
    const failure = failureMessage(fix);
    if (failure) out.push(`${file.path}: ${failure}`);
    if (write?.status === 'changed-on-disk') out.push(`${file.path}: skipped: the file changed on disk since it was read (run fix again)`);
    if (write?.status === 'error') out.push(`${file.path}: cannot write the fixed file (${write.message})`);
  }
  return out;
}

function failureMessage(fix: FileFix): string | undefined {
  const f = fix.failure;
  if (!f) return undefined;
  switch (f.kind) {
    case 'breaks-syntax':
      return `internal error: the fix of ${f.rules.join(', ')} would break the syntax (${f.before} → ${f.after} syntax errors); the file was left unchanged. Please report this bug.`;
    case 'not-converged':
      return `internal error: the fixes did not converge after ${f.passes} passes; the file was left unchanged. Please report this bug.`;
    case 'undecodable':
      return `internal error: the fix of ${f.rules.join(', ')} would make the file undecodable; the file was left unchanged. Please report this bug.`;
  }
}

/** True when the run hit an internal error (exit code 2). */
export function hasInternalError(result: FixRunResult): boolean {
  return result.check.problems.some((p) => p.kind === 'internal')
    || result.outcomes.some((o) => o.fix?.failure || o.fix?.problems.length || o.write?.status === 'error');
}

export interface RenderOptions {
  color: boolean;
  quiet: boolean;
}

/** stdout of `fix`: diffs (preview only), then the remaining findings, then the summary line. */
export function renderFixReport(result: FixRunResult, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const views = fileViews(result);
  const diffs = result.write ? [] : views.filter((v) => v.applied).map((v) => renderDiff(v.outcome.fix!.original.path, v.outcome.fix!.original.text, v.outcome.fix!.fixed.text, options.color));
  // Each block ends with a newline; joining with another leaves a blank line between blocks.
  const blocks = [...(diffs.length ? [diffs.join('')] : []), ...views.flatMap((v) => v.remaining.map((f) => formatFinding(f, v.source, c, result.unsafeFixes)))];
  if (options.quiet) return blocks.join('\n');
  blocks.push(c.bold(summaryText(summarize(result, views), result.write)) + '\n');
  return blocks.join('\n');
}
