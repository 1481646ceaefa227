import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sameBytes } from './spliceBytes.js';
import { crypto } from '../util/lazyBuiltin.js';

export type WriteOutcome =
  | { status: 'written' }
  | { status: 'changed-on-disk' }
  | { status: 'error'; message: string };

/**
 * Replaces a file's content atomically: the new bytes go to a temporary file in the same
 * directory (same file system, so the rename is atomic) with the original's mode, which is then
 * renamed over the original. When the file no longer holds the bytes the fixes were computed
 * from (an editor saved it meanwhile), nothing is written.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, expected: Uint8Array): Promise<WriteOutcome> {
  let stat;
  let path: string;
  try {
    // Through a symbolic link, replace the target, not the link.
    path = await fs.realpath(file);
    const onDisk = await fs.readFile(path);
    if (!sameBytes(onDisk, expected)) return { status: 'changed-on-disk' };
    stat = await fs.stat(path);
  } catch (err) {
    return { status: 'error', message: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
  const temp = join(dirname(path), `.${basename(path)}.mlflow-migrate-${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { mode: stat.mode & 0o7777, flag: 'wx' });
    // writeFile's mode is filtered by the umask; set it exactly.
    await fs.chmod(temp, stat.mode & 0o7777);
    await fs.rename(temp, path);
    return { status: 'written' };
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return { status: 'error', message: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}
