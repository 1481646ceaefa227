#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the `prepare`
// script). The bundle (dist/bundle/, scripts/bundle.mjs) starts in half the time of the ~250
// modules it is made of, and loads through V8's code cache (codeCache.cjs); the modules serve
// when it is absent (a build without the bundling step). This file is CommonJS: as an ES module
// it made Node load its ES module loader first, ~14 ms of every start (interleaved medians of
// `--version`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');

// V8 compiles the WebAssembly parser in the background when asked asynchronously (web-tree-sitter
// always asks so), and then the first turn of the event loop after the first parse waits ~50 ms
// for it (measured: scripts/bench, docs/benchmark.md). Compiled on the spot, nothing waits. The
// flag is read when a module is compiled, which happens later, and applies to worker threads too.
setFlagsFromString('--no-wasm-async-compilation');

// A reader that stops early (`mlflow-migrate check . | head`) closes the pipe: nothing more to
// show, not a crash. The run still finishes and exits with its own code.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
});

const bundleDir = join(__dirname, '..', 'dist', 'bundle');

async function loadMain() {
  if (existsSync(join(bundleDir, 'cli.cjs'))) {
    require('./codeCache.cjs').install(bundleDir, { save: true });
    return require(join(bundleDir, 'cli.cjs')).main;
  }
  return (await import('../dist/src/cli/main.js')).main;
}

loadMain().then((main) => main(process.argv.slice(2))).then(
  (code) => exitOnceWritten(code),
  (err) => {
    process.stderr.write(`mlflow-migrate: internal error: ${err && err.stack ? err.stack : err}\n`);
    exitOnceWritten(2);
  },
);

// Ends the process as soon as its output is written. Left to itself, Node's shutdown waits for
// V8's background work that nothing needs any more (optimising compiles, WebAssembly tier-up,
// collector tasks): 10-35 ms of a run (interleaved medians). Output that Node writes
// asynchronously (pipes on Windows) is flushed first; 'exit' listeners still run.
function exitOnceWritten(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
