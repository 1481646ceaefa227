#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the `prepare`
// script). The bundle (dist/bundle/, scripts/bundle.mjs) starts in half the time of the ~250
// modules it is made of; the modules serve when it is absent (a build without the bundling step).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/src/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`mlflow-migrate: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
