#!/usr/bin/env node
// `npm run build` step 2: bundles the compiled CLI (dist/src/cli/main.js) and the worker script
// (dist/src/runner/worker.js) with their dependencies into dist/bundle/. Node resolves, reads and
// links ~250 ES modules on every start, and every worker thread does it again: 0.2 s of a 0.4 s
// start. bin/mlflow-migrate.js loads the bundle when it exists and the modules otherwise.
// Native addons (tree-sitter) stay outside: they are loaded with createRequire at run time.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  input: {
    cli: join(root, 'dist', 'src', 'cli', 'main.js'),
    worker: join(root, 'dist', 'src', 'runner', 'worker.js'),
  },
  platform: 'node',
  external: ['tree-sitter', 'tree-sitter-python'],
  logLevel: 'warn',
  // web-tree-sitter's Emscripten glue uses eval for its dynamic-linking helpers: known, harmless.
  onLog(level, log, handler) {
    if (log.code === 'EVAL' && log.id?.includes('web-tree-sitter')) return;
    handler(level, log);
  },
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
