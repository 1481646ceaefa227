import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A Node built-in module loaded when first needed instead of at start-up. `child_process` (with
 * `net` and `dgram`) and `worker_threads` cost ~6 ms to load, a few percent of a cached run that
 * uses neither (`import type` keeps the types).
 */
export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
