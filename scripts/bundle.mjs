#!/usr/bin/env node
// `npm run build` step 2: bundles the compiled CLI (dist/src/cli/main.js) and the worker script
// (dist/src/runner/worker.js) with their dependencies into dist/bundle/. Node resolves, reads and
// links ~250 ES modules on every start, and every worker thread does it again: 0.2 s of a 0.4 s
// start. bin/mlflow-migrate.cjs loads the bundle when it exists and the modules otherwise.
// Native addons (tree-sitter) stay outside: they are loaded with createRequire at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
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
  // CommonJS, so that bin/codeCache.cjs can compile it through V8's code cache (vm.Script); Node 20
  // keeps no such cache for ES modules. Every start reads the bundle's text: without comments and
  // whitespace, and in ASCII (one byte a character in V8, where one arrow in a comment made the
  // whole 1 MB text two bytes a character), 1.04 MB -> 0.74 MB, and a warm monorepo check
  // 202 -> 192 ms (trimmed means of 61 interleaved runs). Names are kept (no mangling, no
  // rewriting), so stack traces still name functions.
  output: {
    dir: out,
    format: 'cjs',
    charset: 'ascii',
    comments: false,
    minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
});
// A worker thread starts here: the same code cache, then the worker script.
writeFileSync(join(out, 'worker-main.cjs'), `require('../../bin/codeCache.cjs').install(__dirname, { save: false });\nrequire('./worker.cjs');\n`);
// The digests of what the cache key's code fingerprint covers, so that runs need not hash it again.
const { writeFileDigests } = await import('../dist/src/cache/key.js');
writeFileDigests(out);
// One run writes the code caches (without them, the first run of the CLI does). A code cache holds
// the functions that ran: over the examples and every rule's fixtures, each rule's code is in it,
// and a user's first run of a rule does not compile it (MLflow-heavy cold check ~2-3% faster than
// with the examples alone).
const warmUpPaths = ['examples', join('test', 'fixtures', 'rules')].map((p) => join(root, p)).filter((p) => existsSync(p));
if (warmUpPaths.length) {
  const warmUp = spawnSync(process.execPath, [join(root, 'bin', 'mlflow-migrate.cjs'), 'check', ...warmUpPaths, '--no-cache', '--jobs', '1'], { cwd: root, encoding: 'utf8' });
  if (warmUp.status !== 0 && warmUp.status !== 1) throw new Error(`the bundled CLI failed its first run:\n${warmUp.stderr}`);
}
