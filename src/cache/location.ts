import { isAbsolute, join, resolve } from 'node:path';

/** Name of the cache directory created in the working directory. */
export const LOCAL_CACHE_DIR = '.mlflow-migrate-cache';

/** The environment variable that names the cache directory, as `--cache-dir` does (ruff: `RUFF_CACHE_DIR`). */
export const CACHE_DIR_VARIABLE = 'MLFLOW_MIGRATE_CACHE_DIR';

/**
 * Where results are cached, first that applies: `--cache-dir` (`explicit`), then
 * `$MLFLOW_MIGRATE_CACHE_DIR` (both relative to the working directory, for a CI cache step that
 * saves one path), then `$XDG_CACHE_HOME/mlflow-migrate/` (CI systems persist it between jobs; a
 * relative value is ignored, as the XDG spec asks), then `.mlflow-migrate-cache/` in the working
 * directory.
 */
export function cacheRoot(cwd: string, env: NodeJS.ProcessEnv = process.env, explicit?: string): string {
  if (explicit) return resolve(cwd, explicit);
  const named = env[CACHE_DIR_VARIABLE];
  if (named) return resolve(cwd, named);
  const xdg = env.XDG_CACHE_HOME;
  return xdg && isAbsolute(xdg) ? join(xdg, 'mlflow-migrate') : join(cwd, LOCAL_CACHE_DIR);
}
