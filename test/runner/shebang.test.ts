import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/cache/index.js';
import { kindOf, PYTHON } from '../../src/runner/fileKinds.js';
import { runCheck } from '../../src/runner/run.js';

/**
 * A file named on the command line that no kind takes by name (an s6 `run` script, `notes.txt`)
 * is classified by its `#!` line: a shell's goes to the shell kind, anything else stays Python.
 * Directories are walked as before: discovery never collects such a file.
 */

const made: string[] = [];
afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mlflow-migrate-shebang-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const SERVER = 'mlflow deployments start-server --config-path x --port 5001\n';
const EVALUATE = 'import mlflow\nmlflow.evaluate(m, d, custom_metrics=[x])\n';

async function check(root: string, paths: string[], options: { jobs?: number; cache?: boolean } = {}) {
  const result = await runCheck({ paths, cwd: root, jobs: options.jobs ?? 1, cache: options.cache });
  return {
    files: result.files.map((f) => f.path),
    // The codes these files are about: a parse error, the Python finding, the shell finding.
    codes: result.findings.filter((f) => ['MLF001', 'MLF104', 'MLF208'].includes(f.code)).map((f) => `${f.path}:${f.code}`),
  };
}

describe('explicitly named files without a known name', () => {
  it('analyses a `#!/bin/bash` script as a shell script', async () => {
    const root = project({ 'svc/run': `#!/bin/bash\n${SERVER}` });
    const { files, codes } = await check(root, ['svc/run']);
    expect(files).toEqual(['svc/run']);
    expect(codes).toContain('svc/run:MLF208');
    expect(codes.filter((c) => c.endsWith('MLF001'))).toEqual([]);
  });

  it('follows `/usr/bin/env` (with or without -S) to the shell, bashio included', async () => {
    const root = project({
      'rootfs/etc/services.d/mlflow/run': `#!/usr/bin/env bashio\n${SERVER}`,
      'start': `#!/usr/bin/env -S bash -e\n${SERVER}`,
      'serve.txt': `#!/bin/sh\n${SERVER}`,
    });
    const { codes } = await check(root, ['rootfs/etc/services.d/mlflow/run', 'start', 'serve.txt']);
    expect(codes).toEqual(['rootfs/etc/services.d/mlflow/run:MLF208', 'serve.txt:MLF208', 'start:MLF208']);
  });

  it('keeps a Python shebang, another interpreter or none as Python', async () => {
    const root = project({ 'train': `#!/usr/bin/env python3\n${EVALUATE}`, 'tool': `#!/usr/bin/perl\n${EVALUATE}`, 'notes.txt': EVALUATE });
    const { codes } = await check(root, ['train', 'tool', 'notes.txt']);
    expect(codes).toEqual(['notes.txt:MLF104', 'tool:MLF104', 'train:MLF104']);
  });

  it('leaves a name a kind takes as it is, whatever its first line', async () => {
    const root = project({ 'job.py': `#!/bin/bash\n${EVALUATE}` });
    expect((await check(root, ['job.py'])).codes).toEqual(['job.py:MLF104']);
  });

  it('does not collect extensionless files from a directory (unchanged)', async () => {
    const root = project({ 'svc/run': `#!/bin/bash\n${SERVER}`, 'train': `#!/usr/bin/env python3\n${EVALUATE}`, 'deploy.sh': `#!/bin/bash\n${SERVER}` });
    const { files, codes } = await check(root, ['.']);
    expect(files).toEqual(['deploy.sh']);
    expect(codes).toEqual(['deploy.sh:MLF208']);
  });
});

describe('the cache of a file classified by its shebang', () => {
  let savedXdg: string | undefined;
  beforeEach(() => { savedXdg = process.env.XDG_CACHE_HOME; process.env.XDG_CACHE_HOME = project({}); });
  afterEach(() => { if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME; else process.env.XDG_CACHE_HOME = savedXdg; });

  it('keys it by the kind it is analysed as, and serves the same findings warm', async () => {
    const text = `#!/usr/bin/env bashio\n${SERVER}`;
    const bytes = Buffer.from(text);
    expect(kindOf('run', bytes).name).toBe('shell');
    // Without its bytes a name no kind takes is still Python's (the classification by name alone).
    expect(kindOf('run')).toBe(PYTHON);
    expect(contentHash(kindOf('run', bytes).name, 'run', bytes)).not.toBe(contentHash('python', 'run', bytes));
    const root = project({ run: text });
    const cold = await check(root, ['run'], { cache: true });
    const warm = await check(root, ['run'], { cache: true });
    expect(cold.codes).toEqual(['run:MLF208']);
    expect(warm.codes).toEqual(cold.codes);
  });
});

describe('reading the interpreter of a `#!` line', () => {
  const kind = (firstLine: string) => kindOf('bin/run', Buffer.from(`${firstLine}\necho\n`)).name;
  it('takes shells directly and through env', () => {
    for (const line of ['#!/bin/sh', '#!/bin/bash', '#! /bin/dash', '#!/usr/bin/zsh -f', '#!/bin/ksh', '#!/usr/bin/bashio', '#!/usr/bin/with-contenv bashio',
      '#!/usr/bin/env bash', '#!/usr/bin/env -S bash -eu', '#!/usr/bin/env -i PATH=/bin sh', '#!/bin/bash\r', '\uFEFF#!/bin/bash']) {
      expect(kind(line), line).toBe('shell');
    }
  });
  it('leaves Python, other interpreters, a shebang-looking later line and no shebang to Python', () => {
    for (const line of ['#!/usr/bin/env python3', '#!/usr/bin/python3.11', '#!/usr/bin/env python', '#!/usr/bin/perl', '#!/usr/bin/env node', '#!/bin/bashful',
      '#!', '# !/bin/bash', 'import os', '', '#!/usr/bin/env', '#!/usr/bin/env -S']) {
      expect(kind(line), line).toBe('python');
    }
    expect(kindOf('bin/run', Buffer.from('\n#!/bin/bash\n')).name).toBe('python');
  });
});
