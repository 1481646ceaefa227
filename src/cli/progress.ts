/**
 * A progress line on stderr for long runs on a terminal: `[done/total] files`, rewritten in place
 * and erased at the end, so logs and pipes never see it.
 */
export const PROGRESS_THRESHOLD = 200;

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };

export function createProgress(options: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      if (total <= PROGRESS_THRESHOLD) return;
      const now = Date.now();
      if (done < total && now - last < 100) return; // at most ten redraws a second
      last = now;
      shown = true;
      stream.write(`\r\x1b[K[${done}/${total}] files checked`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
