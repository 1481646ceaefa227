'use strict';
// V8's code cache for the bundled CLI (dist/bundle/*.cjs, scripts/bundle.mjs). Without it Node
// compiles the 1.3 MB bundle on every start, in every worker thread again, and each function a
// second time when it first runs; V8 can hand back what it compiled in an earlier run instead
// (Node 22's module.enableCompileCache does the same; Node 20 has no such thing). The cache of a
// bundle file sits next to it, named by the sha256 of the file's text (V8 itself checks only the
// text's length), as the build recorded it when the file is unchanged since. A cache that is missing or that V8 rejects (another Node version) is written at
// the end of the run by the main thread, when the directory is writable; nothing is reported if
// it is not, the run is only slower to start.
const Module = require('node:module');
const { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');

/** Scripts compiled without a usable cache, to write one for when the process ends (and the name their caches start with). */
const uncached = [];

/**
 * From now on, the .cjs files of `dir` load through V8's code cache. `save`: write the missing
 * caches when the process exits (the main thread; workers are stopped, they never get to).
 */
function install(dir, { save }) {
  const recorded = recordedDigests(dir);
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    // vm.Script cannot run `import()` without an experimental option: such a file (the WASM
    // parser's glue) is compiled by Node as usual.
    if (dirname(filename) !== dir || !filename.endsWith('.cjs') || content.includes('import(')) return compile.call(this, content, filename);
    const cacheFile = join(dir, `${basename(filename)}.${digestOf(filename, content, recorded).slice(0, 16)}${flagsTag}.v8cache`);
    let cachedData;
    try { cachedData = readFileSync(cacheFile); } catch { /* none yet */ }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) uncached.push({ script, cacheFile, fileName: basename(filename) });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename));
  };
  if (save) process.once('exit', writeCaches);
}

/**
 * V8 rejects a code cache made under other V8 flags, and the run that finds it rejected writes its
 * own: runs alternating between flag sets (`NODE_OPTIONS=--max-old-space-size=...` in one job, none
 * in another) would each compile the bundle again and rewrite its cache, ~40 ms of a warm run. V8's
 * own flag hash is not visible from JS; a run with command-line options or NODE_OPTIONS keeps its
 * caches under a name of its own (a few more files; options that are not V8 flags split needlessly).
 */
const flagsTag = (() => {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  if (options === '') return '';
  // FNV-1a 32: a name, not a check; a collision only costs what the shared name cost before.
  let hash = 0x811c9dc5;
  for (let i = 0; i < options.length; i++) hash = Math.imul(hash ^ options.charCodeAt(i), 0x01000193) >>> 0;
  return `.flags-${hash.toString(16).padStart(8, '0')}`;
})();

/** Caches kept for runs with options, besides the plain run's. */
const MAX_FLAG_SETS = 3;

/** The digests `npm run build` recorded for the bundle's files (src/cache/key.ts, `writeFileDigests`). */
function recordedDigests(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'file-digests.json'), 'utf8'));
  } catch {
    return {};
  }
}

/** The sha256 of a bundle file's text: as recorded when its size and mtime are still those, else hashed (~2 ms a start). */
function digestOf(filename, content, recorded) {
  const entry = recorded[`dist/bundle/${basename(filename)}`];
  if (entry) {
    const stat = statSync(filename, { throwIfNoEntry: false });
    if (stat && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) return entry.sha256;
  }
  // Loaded only here: a start that finds the recorded digests loads no `node:crypto` (~10 ms).
  return require('node:crypto').createHash('sha256').update(content).digest('hex');
}

function writeCaches() {
  for (const { script, cacheFile, fileName } of uncached.splice(0)) {
    try {
      // After the run: the cache then also holds the functions compiled while it ran.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
      // The caches of earlier versions of the same bundle file, and of all but the flag sets written
      // last (a profiler's options name a new set at every run: ~1 MB each, never read again).
      const dir = dirname(cacheFile);
      const current = basename(cacheFile).slice(0, fileName.length + 17);
      const variants = [];
      for (const name of readdirSync(dir)) {
        if (!name.startsWith(`${fileName}.`) || !name.endsWith('.v8cache')) continue;
        if (!name.startsWith(current)) rmSync(join(dir, name), { force: true });
        else if (name.includes('.flags-')) variants.push({ name, used: statSync(join(dir, name)).mtimeMs });
      }
      variants.sort((a, b) => b.used - a.used);
      for (const { name } of variants.slice(MAX_FLAG_SETS)) if (name !== basename(cacheFile)) rmSync(join(dir, name), { force: true });
    } catch { /* a read-only install: no cache */ }
  }
}

module.exports = { install };
