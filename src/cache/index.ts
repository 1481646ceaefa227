import { cacheKey, type CacheConfig } from './key.js';
import { cacheRoot } from './location.js';
import { ResultCache } from './store.js';

export { contentHash, ResultCache, type CachedResult } from './store.js';
export { cacheKey, type CacheConfig } from './key.js';
export { cacheRoot, LOCAL_CACHE_DIR } from './location.js';

/** The cache generation for this configuration, under the cwd's (or XDG) cache directory. */
export function openResultCache(cwd: string, config: CacheConfig, warn: (message: string) => void): ResultCache {
  return ResultCache.open(cacheRoot(cwd), cacheKey(config), warn);
}
