import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_SIZE, minFilesForPool, workerScript } from '../../src/runner/pool.js';

describe('worker pool settings', () => {
  const saved = process.env.MLFLOW_MIGRATE_POOL_MIN_FILES;
  afterEach(() => {
    if (saved === undefined) delete process.env.MLFLOW_MIGRATE_POOL_MIN_FILES;
    else process.env.MLFLOW_MIGRATE_POOL_MIN_FILES = saved;
  });

  it('has no worker script when running from TypeScript sources', () => {
    // Under vitest this module is a .ts file: runs stay in-process (the equivalence test covers the built pool).
    expect(workerScript()).toBeUndefined();
  });

  it('keeps small runs in-process: fewer than 2 x jobs x batch files to parse', () => {
    delete process.env.MLFLOW_MIGRATE_POOL_MIN_FILES;
    expect(minFilesForPool(2)).toBe(4 * BATCH_SIZE);
    expect(minFilesForPool(8)).toBe(16 * BATCH_SIZE);
    process.env.MLFLOW_MIGRATE_POOL_MIN_FILES = '0';
    expect(minFilesForPool(2)).toBe(0);
    process.env.MLFLOW_MIGRATE_POOL_MIN_FILES = 'many';
    expect(minFilesForPool(2)).toBe(4 * BATCH_SIZE);
  });
});
