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

/**
 * `node:crypto`, for the hashes of files that are read (cache entries, SARIF fingerprints, the code
 * fingerprint of an unbundled build). Loading it (OpenSSL's bindings and some twenty modules) cost
 * ~10 ms of a cached check that hashes nothing (warm monorepo run, 31 interleaved runs); a bundle
 * hoists every static import to its start, so each user asks through this.
 */
export const crypto = lazyBuiltin<typeof import('node:crypto')>('node:crypto');

/** The sha256 of `parts`, hex, through the lazily loaded `node:crypto`. */
export function sha256Hex(...parts: Array<string | Uint8Array>): string {
  const hash = crypto().createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
