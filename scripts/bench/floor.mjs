// The floors: what any Node tool must pay at least. `node floor.mjs DIR` starts Node, lists the
// .py files and reads every byte of them. `node floor.mjs --parse DIR` also parses, with the
// grammar the check uses (WASM, one thread; trees deleted at once), each file whose bytes mention
// `mlflow` (the byte prefilter): what any tree-sitter tool in Node pays for the files mlflow-migrate
// analyses, before any analysis. Each run is its own process in the benchmark.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';

const parse = process.argv[2] === '--parse';
const root = process.argv[parse ? 3 : 2] ?? '.';
const parser = parse ? await wasmParser() : undefined;
const files = fg.sync('**/*.py', { cwd: root, absolute: true, ignore: ['**/.mlflow-migrate-cache/**'] });
let bytes = 0;
let parsed = 0;
for (const file of files) {
  const content = readFileSync(file);
  bytes += content.byteLength;
  if (!parser || !content.includes('mlflow')) continue;
  parser.parse(content.toString('utf8'))?.delete();
  parsed++;
}
process.stdout.write(`${files.length} files, ${bytes} bytes${parser ? `, ${parsed} parsed` : ''}\n`);

async function wasmParser() {
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init();
  const p = new Parser();
  p.setLanguage(await Language.load(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'grammars', 'tree-sitter-python.wasm')));
  return p;
}
