import { cacheKey, type CacheConfig } from './key.js';
import { cacheRoot } from './location.js';
import { ResultCache } from './store.js';

export { contentHash, ResultCache, type CachedResult } from './store.js';
export { cacheKey, type CacheConfig } from './key.js';
export { CACHE_DIR_VARIABLE, cacheRoot, LOCAL_CACHE_DIR } from './location.js';

/** The cache generation for this configuration, in the cache directory `cacheRoot` chooses (`dir`: `--cache-dir`). */
export function openResultCache(cwd: string, config: CacheConfig, warn: (message: string) => void, dir?: string): ResultCache {
  return ResultCache.open(cacheRoot(cwd, process.env, dir), cacheKey(config), warn);
}
