import { afterEach, describe, expect, it } from 'vitest';
import { defaultJobs, minBytesForPool, workerScript } from '../../src/runner/pool.js';

describe('worker pool settings', () => {
  const saved = process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES;
  afterEach(() => {
    if (saved === undefined) delete process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES;
    else process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES = saved;
  });

  it('has no worker script when running from TypeScript sources', () => {
    // Under vitest this module is a .ts file: runs stay in-process (the equivalence test covers the built pool).
    expect(workerScript()).toBeUndefined();
  });

  it('defaults to one worker per core, and to none on one or two cores, where workers only compete', () => {
    expect([1, 2, 3, 4, 16].map((cores) => defaultJobs(cores))).toEqual([1, 1, 3, 4, 16]);
  });

  it('keeps small runs in-process: workers start beyond ~2 MB x J/(J-1) of source to analyse', () => {
    delete process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES;
    const MB = 1024 * 1024;
    expect(minBytesForPool(2)).toBe(4 * MB);
    expect(minBytesForPool(8)).toBeGreaterThan(2 * MB);
    expect(minBytesForPool(8)).toBeLessThan(minBytesForPool(2));
    process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES = '0';
    expect(minBytesForPool(2)).toBe(0);
    process.env.MLFLOW_MIGRATE_POOL_MIN_BYTES = 'many';
    expect(minBytesForPool(2)).toBe(4 * MB);
  });
});
