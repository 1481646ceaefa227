import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory holding this package's package.json. Data files (`data/`, `grammars/`) are found
 * relative to it, so the same code works from `src/` (tests) and from `dist/src/` (the CLI).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('mlflow-migrate: cannot locate package.json');
    dir = parent;
  }
  cached = dir;
  return dir;
}
