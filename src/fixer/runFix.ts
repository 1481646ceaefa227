import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { analyzerOptions, createSession, runCheck, type CheckOptions, type FileResult, type RunResult } from '../runner/run.js';
import { fileChanged, fixFile, type FileFix } from './fixLoop.js';
import { findDirtyFiles, type DirtyFile } from './gitDirty.js';
import { writeFileAtomic, type WriteOutcome } from './writeFile.js';

export interface FixRunOptions extends CheckOptions {
  /** Write the fixed files (otherwise only compute them, for a diff preview). */
  write: boolean;
  unsafeFixes: boolean;
  /** Write even when the files have uncommitted changes in git. */
  allowDirty: boolean;
  /** Called just before each file is written (lets tests edit the file in between). */
  beforeWrite?: (absolute: string) => void | Promise<void>;
}

export interface FileOutcome {
  file: FileResult;
  /** Present for every file with findings. */
  fix?: FileFix;
  /** Present for files that changed, when writing. */
  write?: WriteOutcome;
}

export interface FixRunResult {
  check: RunResult;
  outcomes: FileOutcome[];
  write: boolean;
  unsafeFixes: boolean;
  /** `--write` was refused because these files have uncommitted changes: nothing was written. */
  refused?: DirtyFile[];
  /** Notes about the run itself (e.g. git could not be asked). */
  notices: string[];
}

/** `mlflow-migrate fix`: check, fix every file to convergence, and (with `write`) save the results. */
export async function runFix(options: FixRunOptions): Promise<FixRunResult> {
  const session = await createSession(options);
  const check = await runCheck(options, session);
  const analyzer = analyzerOptions(session);
  const outcomes: FileOutcome[] = [];
  for (const file of check.files) {
    if (!file.source || !file.findings.length) { outcomes.push({ file }); continue; }
    // Later passes re-analyse: only with the rules this file's configuration enables.
    const project = options.project;
    const fileAnalyzer = project ? { ...analyzer, rules: analyzer.rules.filter((r) => project.enables(file.absolute, r.code)) } : analyzer;
    outcomes.push({ file, fix: fixFile(file.source, { analyzer: fileAnalyzer, unsafeFixes: options.unsafeFixes }, { findings: file.findings, syntaxErrors: file.syntaxErrors }) });
    await yieldToEventLoop();
  }
  const result: FixRunResult = { check, outcomes, write: options.write, unsafeFixes: options.unsafeFixes, notices: [] };
  if (!options.write) return result;

  const changed = outcomes.filter((o) => o.fix && fileChanged(o.fix));
  if (!options.allowDirty && changed.length) {
    const { dirty, notices } = findDirtyFiles(changed.map((o) => o.file.absolute));
    result.notices.push(...notices);
    if (dirty.length) return { ...result, refused: dirty };
  }
  for (const o of changed) {
    await options.beforeWrite?.(o.file.absolute);
    o.write = await writeFileAtomic(o.file.absolute, o.fix!.fixed.bytes, o.fix!.original.bytes);
  }
  return result;
}
