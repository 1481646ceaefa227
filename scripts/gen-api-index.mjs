// Derives the compact MLflow API index (data/mlflow-api.jsonl) from the reference dumps in
// ../shared/reference/mlflow-api/. Run by hand when the reference changes; the output is committed
// because CI and users have no access to the reference folder. One JSON line per module (after a
// header line): a run parses only the modules it looks up, a few dozen of ~1,260 (parsing the
// whole index took 25-35 ms of every cold run, and its objects were then copied by the GC).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const refDir = process.argv[2] ?? resolve('../shared/reference/mlflow-api');
const versions = ['2.9.2', '3.4.0'];

/** "name", "name=" (has default), "*name", "**name", "k:name=" (keyword-only), "p:name" (positional-only) */
function compactParam(p) {
  const d = p.default ? '=' : '';
  switch (p.kind) {
    case 'positional_only': return `p:${p.name}${d}`;
    case 'keyword_only': return `k:${p.name}${d}`;
    case 'var_positional': return `*${p.name}`;
    case 'var_keyword': return `**${p.name}`;
    default: return `${p.name}${d}`;
  }
}
const params = (fn) => fn.params.map(compactParam);

const lines = [JSON.stringify({ generatedFrom: 'shared/reference/mlflow-api', versions })];
for (const v of versions) {
  const dump = JSON.parse(readFileSync(resolve(refDir, `mlflow-${v}.json`), 'utf8'));
  for (const [name, m] of Object.entries(dump.modules)) {
    const cm = {};
    if (m.functions) cm.f = Object.fromEntries(Object.entries(m.functions).map(([n, fn]) => [n, params(fn)]));
    if (m.classes) {
      cm.c = Object.fromEntries(Object.entries(m.classes).map(([n, c]) => {
        const cc = {};
        if (c.bases?.length) cc.b = c.bases;
        if (c.methods) cc.m = Object.fromEntries(Object.entries(c.methods).map(([mn, fn]) => [mn, params(fn)]));
        if (c.properties?.length) cc.p = c.properties;
        if (c.fields?.length) cc.fl = c.fields;
        return [n, cc];
      }));
    }
    if (m.imports) {
      const { '*': star, ...named } = m.imports;
      if (Object.keys(named).length) cm.i = named;
      if (star?.length) cm.s = star;
    }
    if (m.aliases && Object.keys(m.aliases).length) cm.a = m.aliases;
    if (m.lazy && Object.keys(m.lazy).length) cm.l = m.lazy;
    if (m.all?.length) cm.all = m.all;
    // The loader reads each line's version and module name up to their closing quotes.
    if (!/^[\w.]+$/.test(name)) throw new Error(`unexpected module name: ${name}`);
    lines.push(JSON.stringify([v, name, cm]));
  }
}
writeFileSync('data/mlflow-api.jsonl', `${lines.join('\n')}\n`);
console.log('wrote data/mlflow-api.jsonl');
