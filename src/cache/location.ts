import { isAbsolute, join } from 'node:path';

/** Name of the cache directory created in the working directory. */
export const LOCAL_CACHE_DIR = '.mlflow-migrate-cache';

/**
 * Where results are cached: `$XDG_CACHE_HOME/mlflow-migrate/` when that variable is set (CI systems
 * persist it between jobs), otherwise `.mlflow-migrate-cache/` in the working directory. As the XDG
 * spec asks, a relative `XDG_CACHE_HOME` is ignored.
 */
export function cacheRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return xdg && isAbsolute(xdg) ? join(xdg, 'mlflow-migrate') : join(cwd, LOCAL_CACHE_DIR);
}
