import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, PROGRESS_THRESHOLD } from '../../src/cli/progress.js';

/** A stand-in for process.stderr: records what is written; `isTTY` as a terminal or a pipe sets it. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (chunk: string) => { written.push(chunk); return true; } } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const ERASE = '\r\x1b[K';

afterEach(() => { vi.useRealTimers(); });

describe('progress line', () => {
  it(`writes nothing for runs of up to ${PROGRESS_THRESHOLD} files`, () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress({ quiet: false, stream });
    for (let i = 1; i <= PROGRESS_THRESHOLD; i++) progress.update(i, PROGRESS_THRESHOLD);
    progress.finish();
    expect(written).toEqual([]);
  });

  it('shows [done/total] on a terminal for bigger runs, rewritten in place, and erases it at the end', () => {
    vi.useFakeTimers();
    const { stream, written } = fakeStream(true);
    const progress = createProgress({ quiet: false, stream });
    const total = PROGRESS_THRESHOLD + 1;
    progress.update(1, total);
    progress.update(2, total); // within 100 ms of the last redraw: skipped
    vi.advanceTimersByTime(150);
    progress.update(3, total);
    progress.update(total, total); // the last one is always drawn
    expect(written).toEqual([`${ERASE}[1/${total}] files checked`, `${ERASE}[3/${total}] files checked`, `${ERASE}[${total}/${total}] files checked`]);
    progress.finish();
    expect(written.at(-1)).toBe(ERASE);
    progress.finish(); // erasing twice writes nothing more
    expect(written).toHaveLength(4);
  });

  it('writes nothing when the stream is not a terminal (logs, pipes, CI)', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress({ quiet: false, stream });
    for (let i = 1; i <= 1000; i++) progress.update(i, 1000);
    progress.finish();
    expect(written).toEqual([]);
  });

  it('writes nothing with --quiet', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress({ quiet: true, stream });
    for (let i = 1; i <= 1000; i++) progress.update(i, 1000);
    progress.finish();
    expect(written).toEqual([]);
  });
});
