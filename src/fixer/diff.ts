import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import pc from 'picocolors';

/**
 * A unified diff of one file, `git apply`-able from the working directory when paths are relative
 * (`a/` and `b/` prefixes). Line endings are kept as they are in the file, except when colouring
 * for a terminal, where a trailing `\r` would only garble the escape codes.
 */
export function renderDiff(path: string, before: string, after: string, color: boolean): string {
  const slashed = path.replace(/\\/g, '/');
  const patch = createTwoFilesPatch(`a/${slashed}`, `b/${slashed}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  if (!color) return patch;
  const c = pc.createColors(true);
  return patch
    .split('\n')
    .map((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (i < 2) return c.bold(line); // the `---` / `+++` file headers
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('\\')) return c.dim(line);
      return line;
    })
    .join('\n');
}
